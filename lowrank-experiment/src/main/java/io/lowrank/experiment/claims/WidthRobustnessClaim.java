package io.lowrank.experiment.claims;

import io.lowrank.experiment.figure.Figure;
import io.lowrank.experiment.figure.Series;
import io.lowrank.experiment.run.RunResult;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.stats.Stats;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Claim 5 (docs/math.md §10): overparameterisation makes the start robust: the median iterations to test
 * error 1e-2 do not increase as r' grows from r to 2r, 4r, n, and their spread over seeds does not
 * grow.
 */
public final class WidthRobustnessClaim implements Claim {

  /**
   * @param oversampling m / (n r)
   * @param widths r' values, ascending (r, 2r, 4r, n)
   * @param alpha initial scale
   * @param target test error to reach
   * @param budget iteration cap
   * @param seeds instances
   * @param slack relative slack for "does not increase" / "does not grow" (sampling noise, 0.05)
   * @param setting the problem the runs are on
   */
  public record Config(int oversampling, int[] widths, double alpha, double target, int budget, long[] seeds, double slack,
      Setting setting) {
    public static Config of(Budget b, Setting s) {
      long[] seeds = new Budget(b.quick(), Math.max(b.seeds(), b.quick() ? 4 : 8)).seedList();
      int[] widths = java.util.stream.Stream.of("r", "2r", "4r", "n").mapToInt(s::width).distinct().sorted().toArray();
      return new Config(10, widths, 1e-4, 1e-2, s.horizon(1500), seeds, 0.05, s);
    }
  }

  private final Config c;

  public WidthRobustnessClaim(Config config) {
    this.c = config;
  }

  @Override
  public int number() {
    return 5;
  }

  RunSpec spec(int width) {
    return c.setting().gd(c.oversampling(), width, c.alpha(), c.budget(), 1, false, c.target());
  }

  @Override
  public List<RunSpec> runs() {
    return ClaimSupport.withSeeds(Arrays.stream(c.widths()).mapToObj(this::spec).toList(), c.seeds());
  }

  @Override
  public ClaimResult evaluate(Map<RunSpec, RunResult> results) {
    Map<String, Double> numbers = new LinkedHashMap<>();
    int k = c.widths().length;
    double[] w = new double[k];
    double[] med = new double[k];
    double[] lo = new double[k];
    double[] hi = new double[k];
    double[] spread = new double[k];
    boolean pass = true;
    for (int i = 0; i < k; i++) {
      w[i] = c.widths()[i];
      double[] its = ClaimSupport.perSeed(results, spec(c.widths()[i]), c.seeds(), ClaimSupport.iterationsTo(c.target()));
      pass &= Arrays.stream(its).allMatch(Double::isFinite);
      med[i] = Stats.median(its);
      lo[i] = Stats.quantile(its, 0.0);
      hi[i] = Stats.quantile(its, 1.0);
      spread[i] = Stats.quantile(its, 0.75) - Stats.quantile(its, 0.25);
      numbers.put("median_iterations.w" + c.widths()[i], med[i]);
      numbers.put("iqr_iterations.w" + c.widths()[i], spread[i]);
      numbers.put("range_iterations.w" + c.widths()[i], hi[i] - lo[i]);
    }
    for (int i = 1; i < k; i++) {
      pass &= med[i] <= med[i - 1] * (1 + c.slack());
    }
    pass &= spread[k - 1] <= spread[0] * (1 + c.slack()) + 1;
    Figure fig = Figure.builder("claim5-width", "Iterations to test error " + c.target() + " vs width r'")
        .x("width r'", true).y("iterations (median; bars: min–max over seeds)", false)
        .xTicks(w)
        .add(Series.errorBars("median over " + c.seeds().length + " seeds", w, med, lo, hi, Series.Color.qualitative(0)))
        .build();
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("problem", c.setting().describe());
    params.put("n, r, κ", c.setting().nrk());
    params.put("m", c.oversampling() + "nr = " + c.setting().measurements(c.oversampling()));
    params.put("r'", Arrays.toString(c.widths()));
    params.put("α", ClaimSupport.sci(c.alpha()));
    params.put("seeds", c.seeds().length);
    String criterion = String.format(Locale.ROOT,
        "every run reaches %.0e; median iterations never increase by more than %.0f %% from one r' to the next; the "
            + "interquartile range at r' = %d is at most that at r' = %d (+%.0f %% + 1 iteration)",
        c.target(), 100 * c.slack(), c.widths()[k - 1], c.widths()[0], 100 * c.slack());
    StringBuilder headline = new StringBuilder("median iterations");
    for (int i = 0; i < k; i++) {
      headline.append(String.format(Locale.ROOT, " r'=%d: %.0f (IQR %.0f)%s", c.widths()[i], med[i], spread[i], i < k - 1 ? "," : ""));
    }
    return new ClaimResult(5, "Overparameterisation makes the start robust",
        "Median iterations to test error 1e-2 do not increase as r' grows from r to 2r, 4r, n, and their spread over "
            + "seeds does not grow.",
        "S&S 2021, §3 (overparameterised small init); docs/math.md §10 claim 5", criterion,
        pass ? Verdict.PASS : Verdict.FAIL, params, numbers, headline.toString(), List.of(fig), runs());
  }
}
