package io.lowrank.experiment.claims;

import static io.lowrank.experiment.claims.ClaimSupport.alphaLabel;
import static io.lowrank.experiment.claims.ClaimSupport.fixed;
import static io.lowrank.experiment.claims.ClaimSupport.sci;

import io.lowrank.diagnostics.Columns;
import io.lowrank.diagnostics.Stages;
import io.lowrank.experiment.figure.Figure;
import io.lowrank.experiment.figure.Series;
import io.lowrank.experiment.run.RunResult;
import io.lowrank.experiment.spec.Model;
import io.lowrank.experiment.spec.RecordSpec;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.spec.StopSpec;
import io.lowrank.experiment.stats.Stats;
import io.lowrank.model.Spacing;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Claim 9 (docs/math.md §10): saddle-to-saddle, incremental learning. With an ill-conditioned truth
 * (κ ≥ 100, geometric spacing, r ≥ 3) and a small start, GD learns the eigenvalues of M* one at a
 * time, the loss resting on a plateau between them (Jin, Li, Lyu, Du, Lee, ICML 2023). Stage k ends
 * at t_k, the first iteration with σ_k(U_t)² ≥ ½ σ_k(M*). The claim: t_1 &lt; t_2 &lt; … &lt; t_r in every
 * run; every gap t_{k+1} − t_k grows linearly in log(1/α); and the gaps grow like the spectrum
 * predicts — with the growth rate μ σ_k of component k, t_k ≈ log(σ_k / α²) / (2 μ σ_k), so
 * gap_{k+1} / gap_k ≈ (1/σ_{k+2} − 1/σ_{k+1}) / (1/σ_{k+1} − 1/σ_k), which is σ_k/σ_{k+1} for
 * geometric spacing. With κ = 1 the stages coincide and the claim fails.
 */
public final class IncrementalLearningClaim implements Claim {

  /**
   * @param rank r (≥ 3)
   * @param kappa condition number (≥ 100 for the claim; 1 to see it fail)
   * @param oversampling m / (n r)
   * @param alphas the small scales, descending
   * @param horizon iteration cap (runs stop once the test error is below 1e-4, after the last stage)
   * @param recordEvery cadence (stage times are resolved to it)
   * @param seeds instances
   * @param minR2 fit quality of every gap on log(1/α) (0.9)
   * @param ratioFactor the observed gap ratio must be within this factor of the predicted one (2)
   * @param setting the model and n the runs are on
   */
  public record Config(int rank, double kappa, int oversampling, double[] alphas, int horizon, int recordEvery,
      long[] seeds, double minR2, double ratioFactor, Setting setting) {

    /** The claim's configuration: r = max(3, setting r) (at most 5), κ = max(100, setting κ). */
    public static Config of(Budget b, Setting s) {
      int r = Math.min(Math.min(5, s.n()), Math.max(3, s.r()));
      double kappa = Math.max(100, s.kappa());
      return of(b, s, r, kappa);
    }

    /** The configuration at a given rank and κ (e.g. κ = 1, built to fail). */
    public static Config of(Budget b, Setting s, int r, double kappa) {
      double[] alphas = {1e-4, 1e-6, 1e-8};
      double smallest = 1.0 / kappa;
      double mu = 0.25 * (s.model() == Model.RANK_ONE ? 0.3 : 1.0);
      double last = Math.log(smallest / (2 * 1e-16)) / (2 * mu * smallest);
      int horizon = (int) Math.ceil(1.5 * last / 10) * 10;
      long[] seeds = new Budget(b.quick(), Math.min(b.seeds(), b.quick() ? 1 : 5)).seedList();
      return new Config(r, kappa, 10, alphas, horizon, 10, seeds, 0.9, 2.0, s);
    }
  }

  /** Runs stop once the test error is this small: every component has been learned. */
  static final double STOP_BELOW = 1e-4;

  private final Config c;

  public IncrementalLearningClaim(Config config) {
    this.c = config;
  }

  @Override
  public int number() {
    return 9;
  }

  RunSpec spec(double alpha) {
    Setting s = c.setting();
    RunSpec base = s.run(s.problem(c.oversampling(), c.rank(), c.kappa(), Spacing.GEOMETRIC, 0.0), s.n(), alpha,
        c.horizon(), c.recordEvery(), false, 0.0);
    return base.withStop(new StopSpec(c.horizon(), 0.0, null, STOP_BELOW, null))
        .withRecording(new RecordSpec(c.recordEvery(), RecordSpec.Probes.SPECTRAL));
  }

  @Override
  public List<RunSpec> runs() {
    return ClaimSupport.withSeeds(Arrays.stream(c.alphas()).mapToObj(this::spec).toList(), c.seeds());
  }

  /** The eigenvalues σ_k(M*) = 1 … 1/κ, geometric (‖M*‖ = 1). */
  double[] eigenvalues() {
    double[] s = new double[c.rank()];
    for (int k = 0; k < s.length; k++) {
      s[k] = Math.pow(c.kappa(), -(double) k / (c.rank() - 1));
    }
    return s;
  }

  /** The predicted gap_{k+1} / gap_k for k = 1..r-2. */
  double[] predictedRatios() {
    double[] s = eigenvalues();
    double[] p = new double[Math.max(0, s.length - 2)];
    for (int k = 0; k < p.length; k++) {
      p[k] = (1 / s[k + 2] - 1 / s[k + 1]) / (1 / s[k + 1] - 1 / s[k]);
    }
    return p;
  }

  @Override
  public ClaimResult evaluate(Map<RunSpec, RunResult> results) {
    Map<String, Double> numbers = new LinkedHashMap<>();
    int r = c.rank();
    int na = c.alphas().length;
    boolean ordered = true;
    double[][] gaps = new double[r - 1][na];
    double[][] times = new double[r][na];
    for (int a = 0; a < na; a++) {
      RunSpec s = spec(c.alphas()[a]);
      for (long seed : c.seeds()) {
        Stages st = results.get(s.withSeed(seed)).stages();
        ordered &= st != null && st.ordered();
      }
      String key = ".alpha" + sci(c.alphas()[a]);
      for (int k = 0; k < r; k++) {
        final int kk = k;
        times[k][a] = ClaimSupport.median(results, s, c.seeds(), res -> stage(res, kk));
        numbers.put("t" + (k + 1) + key, times[k][a]);
      }
      for (int k = 0; k + 1 < r; k++) {
        final int kk = k;
        gaps[k][a] = ClaimSupport.median(results, s, c.seeds(), res -> stage(res, kk + 1) - stage(res, kk));
        numbers.put("gap" + (k + 1) + key, gaps[k][a]);
      }
    }
    numbers.put("all_runs_ordered", ordered ? 1.0 : 0.0);
    double[] logInv = Arrays.stream(c.alphas()).map(a -> Math.log(1 / a)).toArray();
    boolean growsWithAlpha = true;
    StringBuilder headline = new StringBuilder();
    for (int k = 0; k + 1 < r; k++) {
      Stats.Line fit = Stats.fit(logInv, gaps[k]);
      numbers.put("gap" + (k + 1) + ".fit_slope", fit.slope());
      numbers.put("gap" + (k + 1) + ".fit_r2", fit.rSquared());
      boolean increasing = true;
      for (int a = 1; a < na; a++) {
        increasing &= gaps[k][a] > gaps[k][a - 1];
      }
      growsWithAlpha &= increasing && fit.slope() > 0 && fit.rSquared() >= c.minR2();
    }
    double[] predicted = predictedRatios();
    boolean ratiosMatch = true;
    for (int k = 0; k < predicted.length; k++) {
      double observed = gaps[k + 1][na - 1] / gaps[k][na - 1];
      numbers.put("gap_ratio" + (k + 2) + "_" + (k + 1) + ".observed", observed);
      numbers.put("gap_ratio" + (k + 2) + "_" + (k + 1) + ".predicted", predicted[k]);
      ratiosMatch &= observed >= predicted[k] / c.ratioFactor() && observed <= predicted[k] * c.ratioFactor();
      headline.append(String.format(Locale.ROOT, "; gap%d/gap%d = %s (predicted %s)", k + 2, k + 1, fixed(observed, 1),
          fixed(predicted[k], 1)));
    }
    boolean pass = ordered && growsWithAlpha && ratiosMatch;
    double smallest = c.alphas()[na - 1];
    StringBuilder t = new StringBuilder();
    for (int k = 0; k < r; k++) {
      t.append(k == 0 ? "" : " < ").append(Double.isFinite(times[k][na - 1]) ? fixed(times[k][na - 1], 0) : "—");
    }
    String head = alphaLabel(smallest) + ": t = " + t + (ordered ? "" : " (not ordered in every run)") + headline;
    return new ClaimResult(9, "Saddle-to-saddle: components are learned one at a time",
        "With κ ≥ 100 (geometric) and a small start, GD learns the eigenvalues of M* one by one: t_1 < t_2 < … < t_r, "
            + "each gap grows like log(1/α), and the gaps grow as the spectrum predicts (like σ_k/σ_{k+1}).",
        "Jin, Li, Lyu, Du, Lee, \"Understanding incremental learning of gradient descent: a fine-grained analysis of "
            + "matrix sensing\", ICML 2023; docs/math.md §10 claim 9",
        criterion(), pass ? Verdict.PASS : Verdict.FAIL, parameters(), numbers, head, figures(results, logInv, gaps),
        runs());
  }

  /** t_k of a run (NaN when not reached). */
  private static double stage(RunResult r, int k) {
    Stages s = r.stages();
    if (s == null || k >= s.times().length || s.times()[k] < 0) {
      return Double.NaN;
    }
    return s.times()[k];
  }

  private String criterion() {
    return String.format(Locale.ROOT, "t_1 < … < t_%d in every run (σ_k(U_t)² ≥ ½ σ_k(M*)); for every k the median gap "
        + "t_{k+1} − t_k increases as α falls (%s), with a fit on log(1/α) of slope > 0 and R² ≥ %.2f; at α = %s the "
        + "median gap ratios are within a factor %.0f of (1/σ_{k+2} − 1/σ_{k+1}) / (1/σ_{k+1} − 1/σ_k)", c.rank(),
        Arrays.stream(c.alphas()).mapToObj(ClaimSupport::sci).toList(), c.minR2(),
        sci(c.alphas()[c.alphas().length - 1]), c.ratioFactor());
  }

  private Map<String, Object> parameters() {
    Map<String, Object> p = new LinkedHashMap<>();
    Setting s = c.setting();
    p.put("problem", String.format(Locale.ROOT, "%s sensing, n = %d, r = %d, κ = %s (geometric), m = %dnr = %d",
        s.sensing(), s.n(), c.rank(), ClaimSupport.compact(c.kappa()),
        c.oversampling(), (int) Math.round((double) c.oversampling() * s.n() * c.rank())));
    p.put("σ_k(M*)", Arrays.stream(eigenvalues()).mapToObj(ClaimSupport::compact).toList().toString());
    p.put("run", "plain GD, r' = n, μ = 0.25 / λ₁(A*(y)), stop at test error " + sci(STOP_BELOW) + " or "
        + c.horizon() + " iterations, recorded every " + c.recordEvery());
    p.put("α", Arrays.stream(c.alphas()).mapToObj(ClaimSupport::sci).toList().toString());
    p.put("seeds", c.seeds().length);
    return p;
  }

  private List<Figure> figures(Map<RunSpec, RunResult> results, double[] logInv, double[][] gaps) {
    double smallest = c.alphas()[c.alphas().length - 1];
    long seed = c.seeds()[0];
    RunResult run = results.get(spec(smallest).withSeed(seed));
    double[] s = eigenvalues();
    Figure.Builder sv = Figure.builder("claim9-stages",
            "σ_{k}(U_{t})² over t, " + alphaLabel(smallest) + ", seed " + seed + " (marks: t_k; dashed: σ_k(M*))")
        .x("iteration t", false).y("σ_{k}(U_{t})²", true);
    double[] t = run.history().column(Columns.ITERATION);
    for (int k = 0; k < c.rank(); k++) {
      double[] v = run.history().column(Columns.singularValue(k + 1)).clone();
      for (int i = 0; i < v.length; i++) {
        v[i] = v[i] * v[i];
      }
      Series.Color color = Series.Color.qualitative(k);
      sv.add(Series.line("k = " + (k + 1), t, v, color));
      sv.hline(s[k], "σ_" + (k + 1) + "(M*)", color);
      if (run.stages() != null && run.stages().times()[k] >= 0) {
        sv.vline(run.stages().times()[k], "t_" + (k + 1), color);
      }
    }
    Figure.Builder loss = Figure.builder("claim9-loss", "Loss over t with its plateaus, " + alphaLabel(smallest)
        + ", seed " + seed).x("iteration t", false).y("f(U_{t})", true)
        .add(Series.line("loss", t, run.history().column(Columns.LOSS), Series.Color.qualitative(0)));
    if (run.stages() != null) {
      for (Stages.Plateau p : run.stages().plateaus()) {
        loss.band(p.from(), p.to(), "plateau " + p.after());
      }
    }
    Figure.Builder g = Figure.builder("claim9-gaps", "Stage gaps t_{k+1} − t_k vs log(1/α) (median over seeds)")
        .x("log(1/α)", false).y("iterations", true);
    for (int k = 0; k < gaps.length; k++) {
      g.add(Series.linePoints("t_" + (k + 2) + " − t_" + (k + 1), logInv, gaps[k], Series.Color.qualitative(k)));
    }
    return List.of(sv.build(), loss.build(), g.build());
  }
}
