package io.lowrank.experiment.claims;

import io.lowrank.experiment.figure.Figure;
import io.lowrank.experiment.figure.Series;
import io.lowrank.experiment.run.RunResult;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.stats.Stats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Claim 2 (docs/math.md §10): the iterations needed to reach test error 1e-2 grow like log(1/alpha): a fit
 * a + b log(1/alpha) over alpha in 1e-3..1e-8 has R^2 >= 0.95 (and b > 0).
 */
public final class IterationsVsAlphaClaim implements Claim {

  /**
   * @param oversampling m / (n r)
   * @param alphas sweep
   * @param target test error to reach (1e-2)
   * @param budget iteration cap per run
   * @param seeds instances
   * @param minR2 required coefficient of determination (0.95)
   * @param setting the problem the runs are on
   */
  public record Config(int oversampling, double[] alphas, double target, int budget, long[] seeds, double minR2,
      Setting setting) {
    public static Config of(Budget b, Setting s) {
      return new Config(10, new double[] {1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8}, 1e-2, s.horizon(1500), b.seedList(), 0.95,
          s);
    }
  }

  private final Config c;

  public IterationsVsAlphaClaim(Config config) {
    this.c = config;
  }

  @Override
  public int number() {
    return 2;
  }

  RunSpec spec(double alpha) {
    return c.setting().gd(c.oversampling(), c.setting().n(), alpha, c.budget(), 1, false, c.target());
  }

  @Override
  public List<RunSpec> runs() {
    return ClaimSupport.withSeeds(java.util.Arrays.stream(c.alphas()).mapToObj(this::spec).toList(), c.seeds());
  }

  @Override
  public ClaimResult evaluate(Map<RunSpec, RunResult> results) {
    Map<String, Double> numbers = new LinkedHashMap<>();
    int k = c.alphas().length;
    double[] logInv = new double[k];
    double[] med = new double[k];
    double[] lo = new double[k];
    double[] hi = new double[k];
    boolean allReached = true;
    for (int i = 0; i < k; i++) {
      logInv[i] = Math.log(1 / c.alphas()[i]);
      double[] its = ClaimSupport.perSeed(results, spec(c.alphas()[i]), c.seeds(), ClaimSupport.iterationsTo(c.target()));
      for (double v : its) {
        allReached &= Double.isFinite(v);
      }
      med[i] = Stats.median(its);
      lo[i] = Stats.quantile(its, 0.0);
      hi[i] = Stats.quantile(its, 1.0);
      numbers.put("iterations.alpha" + ClaimSupport.sci(c.alphas()[i]), med[i]);
    }
    Stats.Line line = Stats.fit(logInv, med);
    numbers.put("fit.intercept", line.intercept());
    numbers.put("fit.slope", line.slope());
    numbers.put("fit.r2", line.rSquared());
    boolean pass = allReached && line.slope() > 0 && line.rSquared() >= c.minR2();
    double[] fitted = new double[k];
    for (int i = 0; i < k; i++) {
      fitted[i] = line.intercept() + line.slope() * logInv[i];
    }
    Figure fig = Figure.builder("claim2-iterations", "Iterations to test error " + c.target() + " vs log(1/α)")
        .x("log(1/α)", false).y("iterations to reach the target (median, min–max over seeds)", false)
        .add(Series.errorBars("median over seeds", logInv, med, lo, hi, Series.Color.qualitative(0)))
        .add(Series.dashed("fit a + b log(1/α)", logInv, fitted, Series.Color.qualitative(1)))
        .annotation(String.format(Locale.ROOT, "b = %.1f iterations per e-fold, R² = %.3f", line.slope(), line.rSquared()))
        .build();
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("problem", c.setting().describe());
    params.put("n, r, κ, r'", c.setting().nrk() + ", " + c.setting().n());
    params.put("m", c.oversampling() + "nr = " + c.setting().measurements(c.oversampling()));
    params.put("α sweep", "1e-3 … 1e-8");
    params.put("target test error", c.target());
    params.put("iteration cap", c.budget());
    params.put("seeds", c.seeds().length);
    String criterion = String.format(Locale.ROOT, "every run reaches %.0e; fit of median iterations on log(1/α) has b > 0 and R² ≥ %.2f",
        c.target(), c.minR2());
    String headline = String.format(Locale.ROOT, "iters = %.0f + %.1f log(1/α), R² = %.3f", line.intercept(), line.slope(),
        line.rSquared()) + (allReached ? "" : "; some runs never reached the target");
    return new ClaimResult(2, "Iterations grow like log(1/α)",
        "The number of iterations to reach test error 1e-2 grows like a + b log(1/α) for α from 1e-3 to 1e-8.",
        "S&S 2021, Thm 3.3 (T ≍ log(1/α) / (μ σ_min²)); docs/math.md §10 claim 2", criterion,
        pass ? Verdict.PASS : Verdict.FAIL, params, numbers, headline, List.of(fig), runs());
  }
}
