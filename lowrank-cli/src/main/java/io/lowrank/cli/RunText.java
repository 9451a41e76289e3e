package io.lowrank.cli;

import io.lowrank.diagnostics.Columns;
import io.lowrank.experiment.run.EarlyStop;
import io.lowrank.experiment.run.RunResult;
import io.lowrank.experiment.spec.InitSpec;
import io.lowrank.experiment.spec.MethodSpec;
import io.lowrank.experiment.spec.ProblemSpec;
import io.lowrank.experiment.spec.RunSpec;
import java.util.List;
import java.util.Locale;

/** The aligned human summary of one run (no NaN: undefined values print as n/a). */
final class RunText {
  private RunText() {}

  static String of(RunResult r, List<String> written, String dir) {
    RunSpec s = r.spec();
    StringBuilder b = new StringBuilder();
    line(b, "problem", problem(s));
    line(b, "method", method(s));
    line(b, "termination", r.solve().termination() + ": " + r.solve().detail());
    line(b, "iterations", Integer.toString(r.solve().iterations()));
    boolean ok = !r.diverged() && r.history().size() > 0;
    String undefined = r.diverged() ? "n/a (diverged)" : "n/a (no ground truth)";
    line(b, "test error", ok && r.history().has(Columns.TEST_ERROR)
        ? sci(r.last(Columns.TEST_ERROR)) + (s.problem().symmetricModel() ? "  (||UU^T - M*||_F / ||M*||_F)"
            : "  (||LR^T - M*||_F / ||M*||_F)") : undefined);
    line(b, "train loss", ok ? sci(r.last(Columns.LOSS)) + "  (relative residual " + sci(r.last(Columns.RELATIVE_RESIDUAL))
        + ")" : "n/a (diverged)");
    if (ok && r.history().has(Columns.NORM_U)) {
      line(b, "||U||", String.format(Locale.ROOT, "%.6f", r.last(Columns.NORM_U)));
    }
    if (ok && r.history().has(Columns.IMBALANCE)) {
      line(b, "imbalance", sci(r.last(Columns.IMBALANCE)) + "  (||L^T L - R^T R||_F)");
    }
    EarlyStop es = r.earlyStop();
    if (es != null) {
      line(b, "early stopping", es.chosen() == null ? "no finite validation error"
          : String.format(Locale.ROOT, "chosen iteration %d, validation RMSE %.4g (%d held out)%s", es.chosenIteration(),
              Math.sqrt(es.chosenValidationMse()), es.heldOut(), es.stopped() ? ", patience ran out at " + es.stopIteration()
                  : ", patience never ran out"));
    }
    if (r.phases() != null && r.phases().t1() >= 0) {
      line(b, "phases", "T1 = " + r.phases().t1() + (r.phases().t2() >= 0 ? ", T2 = " + r.phases().t2() : "")
          + "  (resolution: every " + s.recording().every() + " iterations)");
    }
    line(b, "step size", OptionChecks.compact(r.stepSize()) + " (" + stepRule(s.method()) + ")");
    line(b, "set-up time", String.format(Locale.ROOT, "%.3f s", r.setupSeconds()));
    double median = r.solve().medianStepNanos() * 1e-6;
    line(b, "solve time", String.format(Locale.ROOT, "%.3f s  (median %s per iteration)", r.solve().solveNanos() * 1e-9,
        Double.isFinite(median) ? String.format(Locale.ROOT, "%.3f ms", median) : "n/a"));
    if (dir != null) {
      line(b, "written", dir + ": " + String.join(", ", written));
    }
    return b.toString();
  }

  static String problem(RunSpec s) {
    ProblemSpec p = s.problem();
    String seed = ", seed " + s.seed();
    if (p instanceof ProblemSpec.Goe g) {
      return String.format(Locale.ROOT, "goe: n = %d, r = %d, m = %d, kappa = %s, noise = %s%s", g.n(), g.r(), g.m(),
          OptionChecks.compact(g.kappa()), OptionChecks.compact(g.noise()), seed);
    }
    if (p instanceof ProblemSpec.Structured g) {
      return String.format(Locale.ROOT, "structured: n = %d, r = %d, m = %d, kappa = %s, noise = %s%s", g.n(), g.r(),
          g.m(), OptionChecks.compact(g.kappa()), OptionChecks.compact(g.noise()), seed);
    }
    if (p instanceof ProblemSpec.RankOne g) {
      return String.format(Locale.ROOT, "rank-one: n = %d, r = %d, m = %d, kappa = %s, noise = %s%s", g.n(), g.r(),
          g.m(), OptionChecks.compact(g.kappa()), OptionChecks.compact(g.noise()), seed);
    }
    if (p instanceof ProblemSpec.Asymmetric a) {
      return String.format(Locale.ROOT, "asymmetric: %d x %d, r = %d, m = %d, kappa = %s, noise = %s%s", a.n1(), a.n2(),
          a.r(), a.m(), OptionChecks.compact(a.kappa()), OptionChecks.compact(a.noise()), seed);
    }
    if (p instanceof ProblemSpec.Completion c) {
      return String.format(Locale.ROOT, "completion: %d x %d%s, r = %d, %s sampling%s", c.rows(), c.cols(),
          c.symmetricModel() ? " (symmetric)" : "", c.r(), c.sampling() instanceof io.lowrank.experiment.spec.Sampling.Relu
              ? "ReLU" : "uniform", seed);
    }
    if (p instanceof ProblemSpec.Instance i) {
      return "instance: " + i.path();
    }
    return "ratings: " + ((ProblemSpec.Ratings) p).path();
  }

  static String method(RunSpec s) {
    InitSpec init = s.init();
    String start = init instanceof InitSpec.SmallRandom sr ? "small random start, alpha = " + OptionChecks.compact(sr.alpha())
        : init instanceof InitSpec.Spectral ? "spectral start"
        : init instanceof InitSpec.ReluSpectral ? "relu-spectral start" : "given start " + ((InitSpec.Given) init).path();
    return s.methodName().id() + ", width r' = " + s.width() + ", " + start;
  }

  static String stepRule(MethodSpec m) {
    if (m.step() != null) {
      return "absolute, step";
    }
    if (m.stepFraction() != null) {
      return OptionChecks.show(m.stepFraction()) + " / lambda_1(A*(y))";
    }
    return "1/L with backtracking";
  }

  private static void line(StringBuilder s, String label, String value) {
    s.append(String.format(Locale.ROOT, "%-14s %s\n", label, value));
  }

  private static String sci(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4e", v) : "n/a";
  }
}
