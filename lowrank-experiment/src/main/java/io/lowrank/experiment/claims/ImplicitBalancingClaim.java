package io.lowrank.experiment.claims;

import static io.lowrank.experiment.claims.ClaimSupport.alphaLabel;
import static io.lowrank.experiment.claims.ClaimSupport.fixed;
import static io.lowrank.experiment.claims.ClaimSupport.sci;

import io.lowrank.diagnostics.Columns;
import io.lowrank.experiment.figure.Figure;
import io.lowrank.experiment.figure.Series;
import io.lowrank.experiment.run.Factors;
import io.lowrank.experiment.run.RunResult;
import io.lowrank.experiment.spec.InitSpec;
import io.lowrank.experiment.spec.MethodSpec;
import io.lowrank.experiment.spec.ProblemSpec;
import io.lowrank.experiment.spec.RecordSpec;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.spec.StopSpec;
import io.lowrank.experiment.stats.Stats;
import io.lowrank.linalg.Dense;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Claim 10 (docs/math.md §10): implicit balancing in asymmetric sensing (Soltanolkotabi, Stöger,
 * Xie, COLT 2023). Plain GD on f(L, R) = 1/2 ||A(L R^T) - y||^2 (the asymmetric objective) from L_0 = α G_L / sqrt(r'),
 * R_0 = β G_R / sqrt(r') with no balancing regulariser keeps the imbalance D_t = L_t^T L_t - R_t^T R_t
 * small: gradient flow conserves it, and a GD step changes it by exactly μ² (∇_L^T ∇_L - ∇_R^T ∇_R),
 * a drift of order μ f(L_0, R_0) in all. Meanwhile ||L_t R_t^T||_F grows to ||M*||_F and the final test
 * error falls as a power of α, as in the symmetric case (claim 1), for a balanced start (β = α) and an
 * unbalanced one (β = α/3) alike. Built to fail: a large unbalanced start (α = 1, β = 1e-3), whose
 * imbalance is of the order of ||M*|| from the start and whose error does not fall.
 */
public final class ImplicitBalancingClaim implements Claim {

  /**
   * @param oversampling m / (n r), with m below the n² unknowns
   * @param alphas the scales of L_0, descending
   * @param betaRatio β / α of the unbalanced series (1/3)
   * @param horizon iterations; "final" is the last one
   * @param seeds instances
   * @param maxImbalance the largest max_t ||D_t||_F / ||M*||_F allowed (0.01)
   * @param normTolerance | ||L R^T||_F / ||M*||_F - 1 | allowed at the end (0.05)
   * @param minSlope the smallest log-log slope of final error on α (0.5), fit R² ≥ 0.9
   * @param maxError the final error required at the smallest α (1e-3)
   * @param n n1 = n2 (0.75 n of the setting: 30 at n = 40)
   * @param setting r, κ and spacing
   */
  public record Config(int n, int oversampling, double[] alphas, double betaRatio, int horizon, long[] seeds,
      double maxImbalance, double normTolerance, double minSlope, double maxError, Setting setting) {

    /** α ∈ {1e-2, …, 1e-6} (quick: 1e-2, 1e-4, 1e-6), m = 10 n r, 800 iterations (quick: 300), 2 seeds (quick: 1). */
    public static Config of(Budget b, Setting s) {
      double[] alphas = b.quick() ? new double[] {1e-2, 1e-4, 1e-6} : new double[] {1e-2, 1e-3, 1e-4, 1e-5, 1e-6};
      long[] seeds = new Budget(b.quick(), b.quick() ? 1 : Math.min(2, b.seeds())).seedList();
      int n = Math.max(4 * s.r(), (int) Math.round(0.75 * s.n()));
      return new Config(n, 10, alphas, 1.0 / 3, s.horizon(b.quick() ? 300 : 800), seeds, 0.01, 0.05, 0.5, 1e-3, s);
    }

    /** The same configuration at other scales and β / α (e.g. α = 1, β = 1e-3, built to fail). */
    public Config withStarts(double[] a, double ratio) {
      return new Config(n, oversampling, a, ratio, horizon, seeds, maxImbalance, normTolerance, minSlope, maxError,
          setting);
    }
  }

  static final double MIN_R2 = 0.9;

  private final Config c;

  public ImplicitBalancingClaim(Config config) {
    this.c = config;
  }

  @Override
  public int number() {
    return 10;
  }

  RunSpec spec(double alpha, boolean balanced) {
    Setting s = c.setting();
    int n = c.n();
    int m = (int) Math.round((double) c.oversampling() * n * s.r());
    ProblemSpec problem = new ProblemSpec.Asymmetric(null, n, n, s.r(), s.kappa(), s.spacing(), m, null, 0.0);
    return new RunSpec(problem, new InitSpec.SmallRandom(alpha, balanced ? alpha : alpha * c.betaRatio()),
        new MethodSpec.Gd(null, null), new StopSpec(c.horizon(), 0.0, null, null, null),
        new RecordSpec(10, RecordSpec.Probes.STANDARD), n, 1L, 1, s.precisionFor(problem));
  }

  /** The final factors are read (‖LRᵀ‖, the layers' Hessian trace, ‖M‖_*). */
  @Override
  public boolean needsFactors() {
    return true;
  }

  @Override
  public List<RunSpec> runs() {
    List<RunSpec> configs = new ArrayList<>();
    for (boolean balanced : new boolean[] {true, false}) {
      for (double a : c.alphas()) {
        configs.add(spec(a, balanced));
      }
    }
    return ClaimSupport.withSeeds(configs, c.seeds());
  }

  /** ||M*||_F = sqrt(Σ σ_k²) with σ_k the singular values of M* (1 … 1/κ). */
  double truthNorm() {
    double s = 0;
    for (double e : c.setting().eigenvalues()) {
      s += e * e;
    }
    return Math.sqrt(s);
  }

  /** ||L R^T||_F of the final factors (NaN when the run diverged). */
  static double productNorm(RunResult r) {
    Factors f = r.factors();
    if (f == null) {
      return Double.NaN;
    }
    return Dense.normF(ClaimSupport.product(f.left(), f.right()));
  }

  static double maxImbalance(RunResult r) {
    return Arrays.stream(r.history().column(Columns.IMBALANCE)).max().orElse(Double.NaN);
  }

  @Override
  public ClaimResult evaluate(Map<RunSpec, RunResult> results) {
    Map<String, Double> numbers = new LinkedHashMap<>();
    double norm = truthNorm();
    double[] logAlpha = Arrays.stream(c.alphas()).map(Math::log10).toArray();
    boolean pass = true;
    double worstImbalance = 0;
    double worstNorm = 0;
    StringBuilder slopes = new StringBuilder();
    for (boolean balanced : new boolean[] {true, false}) {
      String series = balanced ? "balanced" : "unbalanced";
      double[] err = new double[c.alphas().length];
      for (int a = 0; a < c.alphas().length; a++) {
        RunSpec s = spec(c.alphas()[a], balanced);
        String key = "." + series + ".alpha" + sci(c.alphas()[a]);
        err[a] = ClaimSupport.median(results, s, c.seeds(), r -> r.last(Columns.TEST_ERROR));
        double imb = Arrays.stream(ClaimSupport.perSeed(results, s, c.seeds(), r -> maxImbalance(r) / norm)).max()
            .orElse(Double.NaN);
        double imb0 = ClaimSupport.median(results, s, c.seeds(), r -> r.history().get(Columns.IMBALANCE, 0) / norm);
        double[] prods = ClaimSupport.perSeed(results, s, c.seeds(), r -> productNorm(r) / norm);
        double prod = Stats.median(prods);
        double drift = ClaimSupport.median(results, s, c.seeds(), r -> (r.last(Columns.IMBALANCE)
            - r.history().get(Columns.IMBALANCE, 0)) / (r.stepSize() * r.history().get(Columns.LOSS, 0)));
        numbers.put("final_test_error" + key, err[a]);
        numbers.put("max_imbalance_over_norm" + key, imb);
        numbers.put("initial_imbalance_over_norm" + key, imb0);
        numbers.put("final_product_norm_over_norm" + key, prod);
        numbers.put("drift_over_mu_f0" + key, drift);
        // every run, not the median: a diverged run (NaN) counts as a miss
        double off = Arrays.stream(prods).map(v -> Double.isFinite(v) ? Math.abs(v - 1) : Double.POSITIVE_INFINITY).max().orElse(Double.NaN);
        numbers.put("max_product_norm_deviation" + key, Double.isFinite(off) ? off : Double.NaN);
        boolean ok = imb <= c.maxImbalance() && off <= c.normTolerance();
        pass &= ok;
        worstImbalance = Math.max(worstImbalance, Double.isNaN(imb) ? Double.POSITIVE_INFINITY : imb);
        worstNorm = Math.max(worstNorm, off);
      }
      Stats.Line fit = Stats.fit(logAlpha, Stats.log10(err));
      numbers.put("slope." + series, fit.slope());
      numbers.put("slope_r2." + series, fit.rSquared());
      double smallest = err[err.length - 1];
      pass &= fit.slope() >= c.minSlope() && fit.rSquared() >= MIN_R2 && smallest < c.maxError();
      slopes.append(String.format(Locale.ROOT, "; %s: slope %s, error %s at %s", series, fixed(fit.slope(), 2),
          sci(smallest), alphaLabel(c.alphas()[c.alphas().length - 1])));
    }
    numbers.put("max_imbalance_over_norm.worst", worstImbalance);
    String head = String.format(Locale.ROOT, "max_t ‖LᵀL − RᵀR‖_F / ‖M*‖_F ≤ %s, ‖LRᵀ‖_F / ‖M*‖_F within %s of 1%s",
        Double.isFinite(worstImbalance) ? sci(worstImbalance) : "n/a (a run diverged)",
        Double.isFinite(worstNorm) ? fixed(worstNorm, 3) : "n/a (a run diverged)", slopes);
    return new ClaimResult(10, "Implicit balancing in asymmetric sensing",
        "Plain GD on (L, R) from a small random start, with no balancing term, keeps ‖LᵀL − RᵀR‖ small while LRᵀ grows "
            + "to M*, and the error falls as a power of α, for balanced and unbalanced starts alike.",
        "Soltanolkotabi, Stöger, Xie, \"Implicit balancing and regularization: generalization and convergence "
            + "guarantees for overparameterized asymmetric matrix sensing\", COLT 2023 (arXiv 2303.14244); "
            + "docs/math.md §10 claim 10",
        criterion(), pass ? Verdict.PASS : Verdict.FAIL, parameters(), numbers, head, figures(results, norm), runs());
  }

  /** "α/3" for β = α/3, else "α·0.001". */
  private String betaLabel() {
    double inv = 1 / c.betaRatio();
    return Math.abs(inv - Math.rint(inv)) < 1e-9 && inv > 1 ? "α/" + (long) Math.rint(inv)
        : "α·" + ClaimSupport.compact(c.betaRatio());
  }

  private String criterion() {
    return String.format(Locale.ROOT, "for every start (β = α and β = %s, α in %s) and seed: max_t ‖L_tᵀL_t − R_tᵀR_t‖_F "
        + "/ ‖M*‖_F ≤ %s and at the end |‖LRᵀ‖_F / ‖M*‖_F − 1| ≤ %s; for both series the median final test error "
        + "falls with α with a log-log slope ≥ %s (R² ≥ %s) and is below %s at the smallest α",
        betaLabel(), Arrays.stream(c.alphas()).mapToObj(ClaimSupport::sci).toList(),
        ClaimSupport.compact(c.maxImbalance()), ClaimSupport.compact(c.normTolerance()),
        ClaimSupport.compact(c.minSlope()), ClaimSupport.compact(MIN_R2), sci(c.maxError()));
  }

  private Map<String, Object> parameters() {
    Map<String, Object> p = new LinkedHashMap<>();
    Setting s = c.setting();
    p.put("problem", String.format(Locale.ROOT, "asymmetric Gaussian sensing, n1 = n2 = %d, r = %d, κ = %s (%s), m = "
        + "%dnr = %d", c.n(), s.r(), ClaimSupport.compact(s.kappa()), s.spacing().name().toLowerCase(Locale.ROOT),
        c.oversampling(), (int) Math.round((double) c.oversampling() * c.n() * s.r())));
    p.put("run", "plain GD on (L, R), r' = n, μ = 0.25 / σ₁(A*(y)), " + c.horizon() + " iterations, recorded every 10");
    p.put("α", Arrays.stream(c.alphas()).mapToObj(ClaimSupport::sci).toList().toString());
    p.put("β", "α (balanced) and " + betaLabel() + " (unbalanced)");
    p.put("seeds", c.seeds().length);
    return p;
  }

  private List<Figure> figures(Map<RunSpec, RunResult> results, double norm) {
    long seed = c.seeds()[0];
    Figure.Builder imb = Figure.builder("claim10-imbalance", "Imbalance ‖LᵀL − RᵀR‖_F / ‖M*‖_F over t, seed " + seed
        + " (solid: β = α, dashed: β = " + betaLabel() + ")")
        .x("iteration t", false).y("‖LᵀL − RᵀR‖_F / ‖M*‖_F", true);
    Figure.Builder err = Figure.builder("claim10-error", "Test error over t, seed " + seed + " (solid: β = α, dashed: "
        + "β = " + betaLabel() + ")").x("iteration t", false)
        .y("‖LRᵀ − M*‖_F / ‖M*‖_F", true);
    for (double a : c.alphas()) {
      for (boolean balanced : new boolean[] {true, false}) {
        RunResult r = results.get(spec(a, balanced).withSeed(seed));
        double[] t = r.history().column(Columns.ITERATION);
        double[] v = Arrays.stream(r.history().column(Columns.IMBALANCE)).map(x -> x / norm).toArray();
        String label = alphaLabel(a) + (balanced ? "" : ", β = " + betaLabel());
        Series.Color color = ClaimSupport.alphaColor(a);
        imb.add(balanced ? Series.line(label, t, v, color) : Series.dashed(label, t, v, color));
        double[] e = r.history().column(Columns.TEST_ERROR);
        err.add(balanced ? Series.line(label, t, e, color) : Series.dashed(label, t, e, color));
      }
    }
    Figure.Builder fin = Figure.builder("claim10-error-vs-alpha", "Final test error against α (median over seeds)")
        .x("α", true).y("final test error", true);
    int k = 0;
    for (boolean balanced : new boolean[] {true, false}) {
      double[] e = new double[c.alphas().length];
      for (int a = 0; a < e.length; a++) {
        e[a] = ClaimSupport.median(results, spec(c.alphas()[a], balanced), c.seeds(), r -> r.last(Columns.TEST_ERROR));
      }
      Stats.Line fit = Stats.fit(Arrays.stream(c.alphas()).map(Math::log10).toArray(), Stats.log10(e));
      fin.add(Series.linePoints((balanced ? "β = α" : "β = " + betaLabel()) + " (slope "
          + fixed(fit.slope(), 2) + ")", c.alphas(), e, Series.Color.qualitative(k++)));
    }
    return List.of(imb.build(), fin.build(), err.build());
  }
}
