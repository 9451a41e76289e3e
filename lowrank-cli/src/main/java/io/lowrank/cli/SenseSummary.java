package io.lowrank.cli;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.lowrank.diagnostics.History;
import io.lowrank.solver.SolveResult;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@code summary.json} holds (snake_case keys; undefined numbers are null, never NaN) and
 * the human summary printed by {@code lowrank sense}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record SenseSummary(String command, String lowrankVersion, Parameters parameters, Result result,
    Metrics finalMetrics, Timings timings) {

  /** Every parameter of the run; for a loaded instance kappa, noise, alpha and spacing are null. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Parameters(int n, Integer r, int width, int m, Double kappa, Double noise, Double alpha, String spacing,
      Double step, double stepFraction, double stepSize, String stepRule, int iters, double tol, long seed,
      int recordEvery, Double timeLimitS, String loadInstance, String saveInstance, String out, String precision,
      int threads) {}

  /** How the run ended. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Result(String termination, String detail, int iterations, boolean diverged) {}

  /** Final metrics (null when undefined: after divergence, or test error without ground truth). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Metrics(Double loss, Double relativeResidual, Double testError, Double normU, Double initialLoss) {}

  /** Wall-clock timings in seconds (median step in milliseconds). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Timings(double setupS, double solveS, Double medianStepMs, double totalS) {}

  static SenseSummary of(SenseSpec spec, SenseRun.Outcome o, String version) {
    SolveResult res = o.result();
    boolean generated = spec.source() instanceof SenseSpec.Generate;
    SenseSpec.Generate g = generated ? (SenseSpec.Generate) spec.source() : null;
    Parameters p = new Parameters(o.instance().n(), o.instance().rank().orElse(null), o.instance().width(),
        o.instance().m(), generated ? g.kappa() : null, generated ? g.noise() : null,
        generated ? g.alpha() : null, generated ? g.spacing().name().toLowerCase(Locale.ROOT) : null,
        spec.step(), spec.stepFraction(), o.stepSize(), stepRuleText(spec), spec.iters(), spec.tol(), spec.seed(),
        spec.recordEvery(), spec.timeLimitSeconds(), text(generated ? null : ((SenseSpec.Load) spec.source()).dir()),
        text(spec.saveInstance()), text(spec.out()), generated ? g.precision().label() : "float64", spec.threads());
    Result r = new Result(res.termination().name(), res.detail(), res.iterations(), !res.finite());
    History h = o.history();
    boolean ok = res.finite() && h.size() > 0;
    Metrics metrics = new Metrics(ok ? finite(res.finalLoss()) : null, ok ? last(h, "relative_residual") : null,
        ok ? last(h, "test_error") : null, ok ? last(h, "norm_u") : null, finite(res.initialLoss()));
    Timings t = new Timings(o.setupNanos() * 1e-9, res.solveNanos() * 1e-9, finite(res.medianStepNanos() * 1e-6),
        o.totalNanos() * 1e-9);
    return new SenseSummary("sense", version, p, r, metrics, t);
  }

  /** The aligned human summary (no NaN: undefined values print as n/a). */
  String humanText() {
    Parameters p = parameters;
    StringBuilder s = new StringBuilder();
    line(s, "instance", String.format(Locale.ROOT, "n = %d, r = %s, r' = %d, m = %d (%s)", p.n(),
        p.r() == null ? "unknown" : p.r(), p.width(), p.m(),
        p.loadInstance() == null ? "generated, seed " + p.seed() : "loaded from " + p.loadInstance()));
    line(s, "termination", result.termination() + ": " + result.detail());
    line(s, "iterations", Integer.toString(result.iterations()));
    String undefined = result.diverged() ? "n/a (diverged)" : "n/a (no ground truth)";
    line(s, "test error", finalMetrics.testError() == null ? undefined
        : sci(finalMetrics.testError()) + "  (||UU^T - M*||_F / ||M*||_F)");
    line(s, "train loss", finalMetrics.loss() == null ? "n/a (diverged)"
        : sci(finalMetrics.loss()) + "  (relative residual " + sci(finalMetrics.relativeResidual()) + ")");
    if (finalMetrics.normU() != null) {
      line(s, "||U||", String.format(Locale.ROOT, "%.6f", finalMetrics.normU()));
    }
    line(s, "step size", OptionChecks.compact(p.stepSize()) + " (" + p.stepRule() + ")");
    line(s, "set-up time", String.format(Locale.ROOT, "%.3f s", timings.setupS()));
    line(s, "solve time", String.format(Locale.ROOT, "%.3f s  (median %s per iteration)", timings.solveS(),
        timings.medianStepMs() == null ? "n/a" : String.format(Locale.ROOT, "%.3f ms", timings.medianStepMs())));
    return s.toString();
  }

  private static void line(StringBuilder s, String label, String value) {
    s.append(String.format(Locale.ROOT, "%-13s %s\n", label, value));
  }

  private static String sci(Double v) {
    return v == null ? "n/a" : String.format(Locale.ROOT, "%.4e", v);
  }

  private static String stepRuleText(SenseSpec spec) {
    return spec.step() != null ? "absolute, --step"
        : String.format(Locale.ROOT, "%s / lambda_1(A*(y))", OptionChecks.show(spec.stepFraction()));
  }

  private static Double last(History h, String column) {
    return h.has(column) ? finite(h.last(column)) : null;
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static String text(Path p) {
    return p == null ? null : p.toString();
  }
}
