package io.lowrank.experiment.claims;

import static io.lowrank.experiment.claims.ClaimSupport.alphaColor;
import static io.lowrank.experiment.claims.ClaimSupport.alphaLabel;
import static io.lowrank.experiment.claims.ClaimSupport.fixed;
import static io.lowrank.experiment.claims.ClaimSupport.sci;

import io.lowrank.diagnostics.Columns;
import io.lowrank.experiment.figure.Figure;
import io.lowrank.experiment.figure.Series;
import io.lowrank.experiment.run.RunResult;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.stats.Stats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Claim 1 (docs/math.md §10): the final test error falls as a power of alpha, with a log-log slope that
 * grows with the oversampling m / (n r) (>= 1.2 at 20 n r, clearly smaller at 5 n r), while alpha = 1
 * interpolates (train residual ~ 0) without generalising (test error > 0.5).
 */
public final class ErrorVsAlphaClaim implements Claim {

  /**
   * @param oversamplings values of m / (n r); the first is the small one, the last the large one
   * @param alphas the sweep
   * @param horizon iterations of every small-alpha run; "final error" = test error there
   * @param overfitAlpha the large initial scale
   * @param overfitHorizon iterations of the large-alpha run (at the smallest oversampling)
   * @param seeds instances
   * @param minSlopeLarge slope required at the largest oversampling (1.2)
   * @param minSlopeGap how much smaller the slope at the smallest oversampling must be (0.2)
   * @param setting the problem the runs are on
   */
  public record Config(int[] oversamplings, double[] alphas, int horizon, double overfitAlpha, int overfitHorizon,
      long[] seeds, double minSlopeLarge, double minSlopeGap, Setting setting) {

    public static Config of(Budget b, Setting s) {
      return new Config(new int[] {5, 10, 20}, new double[] {1e-2, 1e-3, 1e-4, 1e-5, 1e-6},
          s.horizon(b.quick() ? 500 : 800), 1.0, s.horizon(b.quick() ? 2500 : 4000), b.seedList(), 1.2, 0.2, s);
    }
  }

  static final double OVERFIT_RESIDUAL = 1e-2;
  static final double OVERFIT_TEST_ERROR = 0.5;

  private final Config c;

  public ErrorVsAlphaClaim(Config config) {
    this.c = config;
  }

  @Override
  public int number() {
    return 1;
  }

  RunSpec spec(int oversampling, double alpha) {
    return c.setting().gd(oversampling, c.setting().n(), alpha, c.horizon(), 5, true, 0.0);
  }

  /**
   * The oversampling of the α = 1 run: the smallest of the sweep, but at most (n + 1) / (4r), so that
   * m ≤ n(n+1)/4 is at most half the unknowns of a symmetric n x n matrix and interpolating
   * factorisations are far from unique (at n = 40, r = 2 that is the sweep's 5).
   */
  double overfitOversampling() {
    Setting s = c.setting();
    return Math.min(c.oversamplings()[0], (s.n() + 1.0) / (4.0 * s.r()));
  }

  RunSpec overfitSpec() {
    return c.setting().gd(overfitOversampling(), c.setting().n(), c.overfitAlpha(), c.overfitHorizon(), 50, false, 0.0);
  }

  /** The alpha-sweep runs (also used by claim 6). */
  List<RunSpec> sweepRuns() {
    List<RunSpec> configurations = new ArrayList<>();
    for (int o : c.oversamplings()) {
      for (double a : c.alphas()) {
        configurations.add(spec(o, a));
      }
    }
    return ClaimSupport.withSeeds(configurations, c.seeds());
  }

  @Override
  public List<RunSpec> runs() {
    List<RunSpec> runs = new ArrayList<>(sweepRuns());
    runs.addAll(ClaimSupport.withSeeds(List.of(overfitSpec()), c.seeds()));
    return runs;
  }

  @Override
  public ClaimResult evaluate(Map<RunSpec, RunResult> results) {
    Map<String, Double> numbers = new LinkedHashMap<>();
    double[] logAlpha = Stats.log10(c.alphas());
    Figure.Builder errFig = Figure.builder("claim1-final-error",
            "Final test error vs α (median, bars: min–max over " + c.seeds().length + " seeds)")
        .x("initial scale α", true).y("relative test error at the horizon", true);
    double[] slopes = new double[c.oversamplings().length];
    StringBuilder note = new StringBuilder();
    for (int k = 0; k < c.oversamplings().length; k++) {
      int o = c.oversamplings()[k];
      double[] med = new double[c.alphas().length];
      double[] lo = new double[c.alphas().length];
      double[] hi = new double[c.alphas().length];
      for (int i = 0; i < c.alphas().length; i++) {
        med[i] = ClaimSupport.median(results, spec(o, c.alphas()[i]), c.seeds(), r -> r.last(Columns.TEST_ERROR));
        double[] each = ClaimSupport.perSeed(results, spec(o, c.alphas()[i]), c.seeds(), r -> r.last(Columns.TEST_ERROR));
        lo[i] = Stats.quantile(each, 0);
        hi[i] = Stats.quantile(each, 1);
        numbers.put("final_test_error.m" + o + "nr.alpha" + sci(c.alphas()[i]), med[i]);
      }
      Stats.Line line = Stats.fit(logAlpha, Stats.log10(med));
      slopes[k] = line.slope();
      numbers.put("slope.m" + o + "nr", line.slope());
      numbers.put("slope_r2.m" + o + "nr", line.rSquared());
      Series.Color color = Series.Color.qualitative(k);
      errFig.add(Series.errorBars("m = " + o + "nr (slope " + fixed(line.slope(), 2) + ")", c.alphas(), med, lo, hi,
          color));
      double[] fitted = new double[c.alphas().length];
      for (int i = 0; i < fitted.length; i++) {
        fitted[i] = Math.pow(10, line.intercept() + line.slope() * logAlpha[i]);
      }
      errFig.add(Series.dashed("fit m = " + o + "nr", c.alphas(), fitted, color));
      note.append(k == 0 ? "" : ", ").append("slope(").append(o).append("nr) = ").append(fixed(line.slope(), 2));
    }
    // reference: error ∝ α (slope 1), through the median of the largest m at the largest α
    double[] ref = new double[c.alphas().length];
    double anchor = ClaimSupport.median(results, spec(c.oversamplings()[c.oversamplings().length - 1], c.alphas()[0]),
        c.seeds(), r -> r.last(Columns.TEST_ERROR));
    for (int i = 0; i < ref.length; i++) {
      ref[i] = anchor * c.alphas()[i] / c.alphas()[0];
    }
    if (anchor > 0 && Double.isFinite(anchor)) {
      errFig.add(Series.dashed("reference slope 1 (error ∝ α)", c.alphas(), ref, Series.Color.neutral()));
    }
    errFig.annotation(note.toString());
    double overfitResidual = ClaimSupport.median(results, overfitSpec(), c.seeds(), r -> r.last(Columns.RELATIVE_RESIDUAL));
    double overfitTest = ClaimSupport.median(results, overfitSpec(), c.seeds(), r -> r.last(Columns.TEST_ERROR));
    numbers.put("overfit.relative_residual", overfitResidual);
    numbers.put("overfit.test_error", overfitTest);
    double large = slopes[slopes.length - 1];
    double small = slopes[0];
    boolean pass = large >= c.minSlopeLarge() && small <= large - c.minSlopeGap()
        && overfitResidual <= OVERFIT_RESIDUAL && overfitTest > OVERFIT_TEST_ERROR;

    int last = c.oversamplings()[c.oversamplings().length - 1];
    long seed0 = c.seeds()[0];
    Figure.Builder traces = Figure.builder("claim1-error-vs-iteration",
            "Test error vs iteration, m = " + last + "nr, seed " + seed0 + " (bands: phases of the smallest α)")
        .x("iteration t", false).y("relative test error", true);
    RunResult smallest = null;
    for (double a : c.alphas()) {
      RunResult run = results.get(spec(last, a).withSeed(seed0));
      traces.add(ClaimSupport.trace(run, Columns.TEST_ERROR, alphaLabel(a), alphaColor(a)));
      smallest = run;
    }
    ClaimSupport.phaseBands(traces, smallest);

    Map<String, Object> params = new LinkedHashMap<>();
    Setting st = c.setting();
    params.put("problem", st.describe());
    params.put("n, r, κ, r'", st.nrk() + ", " + st.n());
    params.put("m", "5nr, 10nr, 20nr = " + st.measurements(5) + ", " + st.measurements(10) + ", " + st.measurements(20));
    params.put("α sweep", "1e-2 … 1e-6");
    params.put("horizon (final error)", c.horizon() + " iterations");
    params.put("overfit run", "α = " + c.overfitAlpha() + ", m = " + ClaimSupport.compact(overfitOversampling()) + "nr = "
        + c.setting().measurements(overfitOversampling()) + ", " + c.overfitHorizon() + " iterations");
    params.put("seeds", c.seeds().length);
    params.put("step", "μ = 0.25 / λ₁(A*(y))");
    String criterion = String.format(java.util.Locale.ROOT,
        "slope at m = %dnr ≥ %.2f; slope at m = %dnr ≤ that − %.2f; α = %s: train residual ≤ %.0e and test error > %.1f",
        last, c.minSlopeLarge(), c.oversamplings()[0], c.minSlopeGap(), c.overfitAlpha(), OVERFIT_RESIDUAL, OVERFIT_TEST_ERROR)
        + String.format(java.util.Locale.ROOT, " (at m = %snr)", ClaimSupport.compact(overfitOversampling()));
    String headline = note + String.format(java.util.Locale.ROOT, "; α=1: residual %s, test %s", sci(overfitResidual),
        fixed(overfitTest, 2));
    return new ClaimResult(1, "Error shrinks polynomially with α",
        "For α from 1e-2 to 1e-6 the final test error falls as a power of α, with a log-log slope that grows with "
            + "the oversampling m/(nr) (≥ 1.2 at m = 20nr, clearly smaller at 5nr); α = 1 interpolates without generalising.",
        "S&S 2021, Thm 3.3 (error ≲ α^(21/16) under RIP); docs/math.md §10 claim 1", criterion,
        pass ? Verdict.PASS : Verdict.FAIL, params, numbers, headline, List.of(traces.build(), errFig.build()), runs());
  }
}
