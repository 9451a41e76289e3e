package io.lowrank.experiment.claims;

import static io.lowrank.experiment.claims.ClaimSupport.fixed;
import static io.lowrank.experiment.claims.ClaimSupport.sci;

import io.lowrank.deep.HessianTrace;
import io.lowrank.diagnostics.Columns;
import io.lowrank.experiment.figure.Figure;
import io.lowrank.experiment.figure.Series;
import io.lowrank.experiment.run.RunResult;
import io.lowrank.experiment.run.Workloads;
import io.lowrank.experiment.spec.InitSpec;
import io.lowrank.experiment.spec.MethodSpec;
import io.lowrank.experiment.spec.ProblemSpec;
import io.lowrank.experiment.spec.RecordSpec;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.spec.StopSpec;
import io.lowrank.experiment.stats.Stats;
import io.lowrank.linalg.Cholesky;
import io.lowrank.linalg.Decompositions;
import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.model.Problem;
import io.lowrank.operator.MeasurementOperator;
import io.lowrank.random.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Claim 12 (docs/math.md §10): the inductive bias of flatness in deep factorisation (Gatmiry, Li,
 * Chuang, Reddi, Ma, Jegelka, NeurIPS 2023). On an instance of the setting's sensing model (GOE, or
 * structured) with m = 0.47 n(n+1)/2 measurements,
 * about half the unknowns, deep factorisations U = W_L ... W_1 (M = U U^T) of depth
 * L ∈ {2, 3} are fitted by GD from balanced starts of several scales α and start seeds; among the
 * interpolating solutions, the exact trace of the Hessian of the training loss
 * ({@link HessianTrace}) ranks them as their nuclear norm ||M||_* does (Spearman ≥ 0.9), and the
 * flattest one has a nuclear norm within 5% of the minimum found by the convex solver. Built to fail:
 * depth 0, the unfactorised least-squares model g(M) = 1/4 ||A(M) - y||^2, whose Hessian is the same
 * at every M, so that flatness cannot tell its interpolating solutions apart.
 */
public final class FlatnessClaim implements Claim {

  /**
   * @param n the dimension (0.4 n of the setting: 16 at n = 40)
   * @param fraction m / (n(n+1)/2), the share of the unknowns measured (0.47: m = 64 of 136 at n = 16)
   * @param depths the depths L (0 = the unfactorised model)
   * @param alphas the scales of the balanced small random starts
   * @param startSeeds the seeds of the starts (the problem is the same for all)
   * @param horizon iteration cap (runs stop at relative residual {@code tolerance})
   * @param tolerance the Driver's stopping residual (1e-4)
   * @param interpolation a solution counts when its relative residual is at most this (5e-3)
   * @param minSolutions the interpolating solutions required per depth
   * @param minSpearman the rank correlation required (0.9)
   * @param nuclearTolerance the flattest solution's nuclear norm / the minimum - 1 allowed (0.05)
   * @param setting r, κ, spacing
   */
  public record Config(int n, double fraction, int[] depths, double[] alphas, long[] startSeeds, int horizon,
      double tolerance, double interpolation, int minSolutions, double minSpearman, double nuclearTolerance,
      Setting setting) {

    /** Depths {2, 3}; 5 scales × 4 start seeds = 20 solutions per depth, 15000 iterations (quick: 3 × 3 = 9, 10000). */
    public static Config of(Budget b, Setting s) {
      int n = Math.max(2 * s.r() + 4, (int) Math.round(0.4 * s.n()));
      double[] alphas = b.quick() ? new double[] {0.03, 0.3, 0.7} : new double[] {0.03, 0.1, 0.3, 0.5, 0.7};
      long[] seeds = new Budget(b.quick(), b.quick() ? 3 : 4).seedList();
      return new Config(n, 0.47, new int[] {2, 3}, alphas, seeds, s.horizon(b.quick() ? 10_000 : 15_000), 1e-4, 5e-3,
          alphas.length * seeds.length, 0.9, 0.05, s);
    }

    /** The same configuration at other depths (e.g. 0, built to fail). */
    public Config withDepths(int... d) {
      return new Config(n, fraction, d, alphas, startSeeds, horizon, tolerance, interpolation, minSolutions,
          minSpearman, nuclearTolerance, setting);
    }
  }

  private final Config c;

  public FlatnessClaim(Config config) {
    this.c = config;
  }

  @Override
  public int number() {
    return 12;
  }

  /** m = round(fraction · n(n+1)/2). */
  int measurements() {
    return (int) Math.round(c.fraction() * c.n() * (c.n() + 1) / 2.0);
  }

  ProblemSpec problem() {
    int m = measurements();
    return c.setting().problemWith(c.n(), m, c.setting().r(), c.setting().kappa(), c.setting().spacing(), 0.0);
  }

  RunSpec spec(int depth, double alpha, long startSeed) {
    return new RunSpec(problem(), new InitSpec.SmallRandom(alpha, null, startSeed),
        new MethodSpec.Deep(depth, null, null, null), new StopSpec(c.horizon(), c.tolerance(), null, null, null),
        new RecordSpec(50, RecordSpec.Probes.BASIC), c.n(), 1L, 1, c.setting().precisionFor(problem()));
  }

  /** The convex baseline: the nuclear-norm path on the same instance, down to λ = 1e-8 λ_max. */
  RunSpec convexSpec() {
    return new RunSpec(problem(), null, new MethodSpec.Nuclear(null, null, null, null),
        new StopSpec(20_000, 1e-10, null, null, null), new RecordSpec(50, RecordSpec.Probes.BASIC), c.n(), 1L, 1,
        c.setting().precisionFor(problem()));
  }

  /** The final factors are read (‖LRᵀ‖, the layers' Hessian trace, ‖M‖_*). */
  @Override
  public boolean needsFactors() {
    return true;
  }

  @Override
  public List<RunSpec> runs() {
    List<RunSpec> runs = new ArrayList<>();
    for (int d : c.depths()) {
      if (d == 0) {
        continue;
      }
      for (double a : c.alphas()) {
        for (long s : c.startSeeds()) {
          runs.add(spec(d, a, s));
        }
      }
    }
    runs.add(convexSpec());
    return runs;
  }

  /** One solution: its scale, its Hessian trace and the nuclear norm of its end-to-end matrix. */
  record Solution(double alpha, double trace, double nuclear, double residualShare) {}

  @Override
  public ClaimResult evaluate(Map<RunSpec, RunResult> results) {
    Problem problem = new Workloads().of(convexSpec()).problem();
    RunResult convex = results.get(convexSpec());
    double minimum = convex.factors() == null ? Double.NaN
        : nuclear(convex.factors().left(), convex.factors().right());
    Map<String, Double> numbers = new LinkedHashMap<>();
    numbers.put("nuclear_norm.convex_minimum", minimum);
    numbers.put("test_error.convex_minimum", convex.last(Columns.TEST_ERROR));
    boolean pass = true;
    StringBuilder head = new StringBuilder();
    Map<Integer, List<Solution>> byDepth = new LinkedHashMap<>();
    for (int d : c.depths()) {
      List<Solution> sols = d == 0 ? leastSquares(problem) : solutions(results, problem, d);
      byDepth.put(d, sols);
      double[] tr = sols.stream().mapToDouble(Solution::trace).toArray();
      double[] nuc = sols.stream().mapToDouble(Solution::nuclear).toArray();
      double rho = Stats.spearman(tr, nuc);
      Solution flattest = sols.stream().min((p, q) -> Double.compare(p.trace(), q.trace())).orElse(null);
      double ratio = flattest == null ? Double.NaN : flattest.nuclear() / minimum;
      double share = sols.stream().mapToDouble(Solution::residualShare).map(Math::abs).max().orElse(Double.NaN);
      String key = ".depth" + d;
      numbers.put("solutions" + key, (double) sols.size());
      numbers.put("spearman" + key, rho);
      numbers.put("flattest_nuclear_over_minimum" + key, ratio);
      numbers.put("max_residual_share_of_trace" + key, share);
      boolean ok = sols.size() >= c.minSolutions() && rho >= c.minSpearman()
          && Math.abs(ratio - 1) <= c.nuclearTolerance();
      pass &= ok;
      head.append(head.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT, "L = %d: %d solutions, Spearman %s, "
          + "flattest ‖M‖_* / min = %s", d, sols.size(), Double.isNaN(rho) ? "undefined (constant trace)" : fixed(rho, 3),
          Double.isFinite(ratio) ? fixed(ratio, 3) : "n/a"));
    }
    return new ClaimResult(12, "Flatness: min Hessian trace ≈ min nuclear norm",
        "Among interpolating deep factorisations (depth ≥ 2) the trace of the Hessian of the training loss orders the "
            + "solutions as the nuclear norm of the end-to-end matrix does, and the flattest is near the nuclear-norm "
            + "minimiser.",
        "Gatmiry, Li, Chuang, Reddi, Ma, Jegelka, \"What is the inductive bias of flatness regularization? A study of "
            + "deep matrix factorization models\", NeurIPS 2023 (arXiv 2306.13239); docs/math.md §10 claim 12",
        criterion(), pass ? Verdict.PASS : Verdict.FAIL, parameters(), numbers, head.toString(),
        figures(byDepth, minimum), runs());
  }

  private List<Solution> solutions(Map<RunSpec, RunResult> results, Problem problem, int depth) {
    List<Solution> out = new ArrayList<>();
    for (double a : c.alphas()) {
      for (long s : c.startSeeds()) {
        RunResult r = results.get(spec(depth, a, s));
        if (r == null || r.diverged() || r.factors() == null
            || !(r.last(Columns.RELATIVE_RESIDUAL) <= c.interpolation())) {
          continue;
        }
        HessianTrace.Result h = HessianTrace.of(problem, r.factors().layers());
        out.add(new Solution(a, h.total(), nuclear(r.factors().left(), r.factors().right()),
            h.residualPart() / h.total()));
      }
    }
    return out;
  }

  /**
   * Interpolating solutions of the unfactorised model: M_0 + (I - A^+ A)(α Z), M_0 = A^+(y) the
   * least-Frobenius-norm one, for Gaussian symmetric Z (seed stream INIT of each start seed) and the
   * claim's scales α; all share the constant Hessian trace {@link HessianTrace#unfactorised}.
   */
  private List<Solution> leastSquares(Problem problem) {
    MeasurementOperator op = problem.operator();
    int n = c.n();
    int m = op.size();
    double[] gram = new double[m * m];
    Mat basis = new Mat(n, n);
    double[] e = new double[m];
    double[] col = new double[m];
    for (int i = 0; i < m; i++) {
      Arrays.fill(e, 0);
      e[i] = 1;
      op.adjointDense(e, basis);
      op.forwardDense(basis, col);
      for (int j = 0; j < m; j++) {
        gram[j * m + i] = col[j];
      }
    }
    Cholesky chol = new Cholesky(m);
    if (!chol.factor(gram)) {
      throw new IllegalStateException("A A* is singular: the measurements are linearly dependent");
    }
    double trace = HessianTrace.unfactorised(op);
    List<Solution> out = new ArrayList<>();
    for (double a : c.alphas()) {
      for (long s : c.startSeeds()) {
        Mat z = new Mat(n, n);
        SplittableRandom rng = Seeds.rng(Seeds.derive(s, Seeds.Stream.INIT));
        for (int i = 0; i < n; i++) {
          for (int j = i; j < n; j++) {
            double v = a * rng.nextGaussian() / Math.sqrt(n);
            z.set(i, j, v);
            z.set(j, i, v);
          }
        }
        // M = Z + A*( (A A*)^{-1} (y - A(Z)) )
        double[] rhs = new double[m];
        op.forwardDense(z, rhs);
        for (int i = 0; i < m; i++) {
          rhs[i] = problem.y()[i] - rhs[i];
        }
        Mat row = new Mat(1, m);
        System.arraycopy(rhs, 0, row.data(), 0, m);
        chol.solveRows(row, row);
        Mat corr = new Mat(n, n);
        op.adjointDense(row.data(), corr);
        Dense.axpy(1.0, corr.data(), z.data());
        out.add(new Solution(a, trace, Arrays.stream(Decompositions.singularValues(z)).sum(), 0.0));
      }
    }
    return out;
  }

  /** ||L R^T||_*. */
  static double nuclear(Mat left, Mat right) {
    return Arrays.stream(Decompositions.singularValues(ClaimSupport.product(left, right))).sum();
  }

  private String criterion() {
    return String.format(Locale.ROOT, "for every depth L in %s: at least %d interpolating solutions (relative residual ≤ "
        + "%s), Spearman rank correlation between tr ∇²f (exact) and ‖M‖_* ≥ %s, and the flattest solution's ‖M‖_* "
        + "within %.0f%% of the nuclear-norm minimum of the convex solver", Arrays.toString(c.depths()),
        c.minSolutions(), sci(c.interpolation()), ClaimSupport.compact(c.minSpearman()), 100 * c.nuclearTolerance());
  }

  private Map<String, Object> parameters() {
    Map<String, Object> p = new LinkedHashMap<>();
    Setting s = c.setting();
    p.put("problem", String.format(Locale.ROOT, "GOE sensing, n = %d, r = %d, κ = %s, m = %d of n(n+1)/2 = %d unknowns",
        c.n(), s.r(), ClaimSupport.compact(s.kappa()), measurements(), c.n() * (c.n() + 1) / 2));
    p.put("run", "deep factorisation U = W_L … W_1 (r' = n), M = UUᵀ, balanced start of U₀ = α G / √r', μ = (0.5 / L) / "
        + "λ₁(A*(y)), stop at relative residual " + sci(c.tolerance()) + " or " + c.horizon() + " iterations");
    p.put("α", Arrays.toString(c.alphas()));
    p.put("start seeds", c.startSeeds().length);
    p.put("trace", "exact: ½ Σ_k ‖J e_k‖² + the residual term over all (L−1) r'² + n r' coordinates (docs/math.md)");
    p.put("convex", "nuclear-norm path (FISTA, PSD cone) to λ = 1e-8 λ_max");
    return p;
  }

  private List<Figure> figures(Map<Integer, List<Solution>> byDepth, double minimum) {
    Figure.Builder f = Figure.builder("claim12-trace-vs-nuclear", "tr ∇²f against ‖M‖_* of the interpolating solutions "
        + "(dashed: convex min)").x("‖M‖_*", false).y("tr ∇²f", false);
    int k = 0;
    for (Map.Entry<Integer, List<Solution>> e : byDepth.entrySet()) {
      double[] x = e.getValue().stream().mapToDouble(Solution::nuclear).toArray();
      double[] y = e.getValue().stream().mapToDouble(Solution::trace).toArray();
      f.add(Series.points(e.getKey() == 0 ? "unfactorised (least squares)" : "depth L = " + e.getKey(), x, y,
          Series.Color.qualitative(k++)));
    }
    if (Double.isFinite(minimum)) {
      f.vline(minimum, "min ‖M‖_*", Series.Color.neutral());
    }
    Figure.Builder g = Figure.builder("claim12-nuclear-vs-alpha", "‖M‖_* of each solution against the start scale α")
        .x("α", true).y("‖M‖_* / convex minimum", false);
    k = 0;
    for (Map.Entry<Integer, List<Solution>> e : byDepth.entrySet()) {
      double[] x = e.getValue().stream().mapToDouble(Solution::alpha).toArray();
      double[] y = e.getValue().stream().mapToDouble(s -> s.nuclear() / minimum).toArray();
      g.add(Series.points(e.getKey() == 0 ? "unfactorised" : "depth L = " + e.getKey(), x, y,
          Series.Color.qualitative(k++)));
    }
    return List.of(f.build(), g.build());
  }
}
