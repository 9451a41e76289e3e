package io.lowrank.experiment.claims;

import static io.lowrank.experiment.claims.ClaimSupport.sci;

import io.lowrank.diagnostics.Columns;
import io.lowrank.experiment.figure.Figure;
import io.lowrank.experiment.figure.Series;
import io.lowrank.experiment.run.RunResult;
import io.lowrank.experiment.spec.RunSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Claim 6 (docs/math.md §10): implicit bias to minimum trace. The trace excess
 * (tr(UU^T) - tr(M*)) / tr(M*) at the horizon falls monotonically towards 0 as alpha falls. Uses the
 * alpha-sweep runs of claim 1 at the smallest oversampling (where interpolants are not unique).
 */
public final class TraceBiasClaim implements Claim {
  private final ErrorVsAlphaClaim sweep;
  private final ErrorVsAlphaClaim.Config c;
  private final double maxFinalExcess;

  /**
   * @param config the claim-1 sweep whose runs are reused
   * @param maxFinalExcess |trace excess| required at the smallest alpha (1e-3)
   */
  public TraceBiasClaim(ErrorVsAlphaClaim.Config config, double maxFinalExcess) {
    this.sweep = new ErrorVsAlphaClaim(config);
    this.c = config;
    this.maxFinalExcess = maxFinalExcess;
  }

  @Override
  public int number() {
    return 6;
  }

  @Override
  public List<RunSpec> runs() {
    return sweep.sweepRuns();
  }

  @Override
  public ClaimResult evaluate(Map<RunSpec, RunResult> results) {
    Map<String, Double> numbers = new LinkedHashMap<>();
    Figure.Builder fig = Figure.builder("claim6-trace-excess", "Trace excess at the horizon vs α (median over seeds)")
        .x("initial scale α", true).y("|tr(UUᵀ) − tr(M*)| / tr(M*)", true);
    boolean pass = true;
    StringBuilder headline = new StringBuilder();
    for (int k = 0; k < c.oversamplings().length; k++) {
      int o = c.oversamplings()[k];
      double[] excess = new double[c.alphas().length];
      for (int i = 0; i < excess.length; i++) {
        excess[i] = Math.abs(ClaimSupport.median(results, sweep.spec(o, c.alphas()[i]), c.seeds(), r -> r.last(Columns.TRACE_EXCESS)));
        numbers.put("trace_excess.m" + o + "nr.alpha" + sci(c.alphas()[i]), excess[i]);
      }
      fig.add(Series.line("m = " + o + "nr", c.alphas(), excess, Series.Color.qualitative(k)));
      if (k == 0) {
        for (int i = 1; i < excess.length; i++) {
          pass &= excess[i] < excess[i - 1];
        }
        pass &= excess[excess.length - 1] <= maxFinalExcess;
        headline.append(String.format(Locale.ROOT, "|excess| at m=%dnr: %s (α=%s) → %s (α=%s)", o, sci(excess[0]),
            sci(c.alphas()[0]), sci(excess[excess.length - 1]), sci(c.alphas()[excess.length - 1])));
      }
    }
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("runs", "the α sweep of claim 1 (n, r, κ = " + c.setting().nrk() + ", r' = n)");
    params.put("decided at", "m = " + c.oversamplings()[0] + "nr (interpolants not unique); other m shown");
    params.put("horizon", c.horizon() + " iterations");
    String criterion = String.format(Locale.ROOT,
        "at m = %dnr the median |trace excess| decreases strictly as α decreases, and is ≤ %.0e at α = %s",
        c.oversamplings()[0], maxFinalExcess, sci(c.alphas()[c.alphas().length - 1]));
    return new ClaimResult(6, "Implicit bias to minimum trace",
        "The trace excess (tr(UUᵀ) − tr(M*)) / tr(M*) falls monotonically towards 0 as α falls.",
        "S&S 2021, §1 (implicit regularisation; cf. Gunasekar et al. 2017 nuclear-norm conjecture); docs/math.md §10 claim 6",
        criterion, pass ? Verdict.PASS : Verdict.FAIL, params, numbers, headline.toString(), List.of(fig.build()), runs());
  }
}
