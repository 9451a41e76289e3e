package io.lowrank.experiment.claims;

import io.lowrank.experiment.spec.InitSpec;
import io.lowrank.experiment.spec.MethodSpec;
import io.lowrank.experiment.spec.Model;
import io.lowrank.experiment.spec.ProblemSpec;
import io.lowrank.experiment.spec.RecordSpec;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.spec.SpecFiles;
import io.lowrank.experiment.spec.StopSpec;
import io.lowrank.model.Spacing;
import io.lowrank.operator.Precision;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The configuration the claims are checked at (docs/math.md §10): the problem of a base run spec —
 * GOE sensing with n, r, κ, spacing, noise — which every claim keeps, while each
 * claim chooses the number of measurements (as m = oversampling · n r), the start, the method, the
 * width, the stop rules, the recording and the seeds of its runs. The default is the paper's
 * setting, GOE sensing with n = 40, r = 2, κ = 2; {@code lowrank reproduce --set n=60 --set r=3}
 * checks the same claims with the same criteria elsewhere.
 *
 * <p>Horizons grow with the condition number: GD learns the smallest component of M* (eigenvalue
 * 1/κ, ‖M*‖ = 1) at a rate proportional to it, so every claim's iteration budget, set for κ = 2,
 * is multiplied by {@link #stretch()} = max(1, κ / 2).
 *
 * @param base the resolved base spec
 */
public record Setting(RunSpec base) {
  /** The paper's setting. */
  public static final String DEFAULT = "problem: {model: goe, n: 40, r: 2, kappa: 2, spacing: geometric}\n";
  /** The condition number the claims' horizons are set for. */
  static final double REFERENCE_KAPPA = 2.0;

  /** GOE sensing, n = 40, r = 2, κ = 2, geometric spacing. */
  public static Setting standard() {
    return of(List.of());
  }

  /**
   * The default setting with {@code --set key=value} assignments (problem keys such as {@code n},
   * {@code r}, {@code kappa}, {@code problem.model}, {@code problem.spacing}, {@code problem.noise}).
   */
  public static Setting of(List<String> sets) {
    return new Setting(SpecFiles.parse(DEFAULT, "the claims' default setting").setAll(sets).bind());
  }

  /** The model. */
  public Model model() {
    return base.model();
  }

  /** n (the problem is square for the sensing models). */
  public int n() {
    return base.problem().rows();
  }

  /** r. */
  public int r() {
    return base.problem().rank();
  }

  /** κ. */
  public double kappa() {
    return base.problem() instanceof ProblemSpec.SquareSensing s ? s.kappa() : Double.NaN;
  }

  /** The spacing of the singular values. */
  public Spacing spacing() {
    return base.problem() instanceof ProblemSpec.SquareSensing s ? s.spacing() : Spacing.GEOMETRIC;
  }

  /** The noise level of the base problem. */
  public double noise() {
    return base.problem() instanceof ProblemSpec.SquareSensing s ? s.noise() : 0.0;
  }

  /** max(1, κ / 2): the factor on every horizon. */
  public double stretch() {
    return Math.max(1.0, kappa() / REFERENCE_KAPPA);
  }

  /** A horizon set for κ = 2, stretched for this κ. */
  public int horizon(int iterations) {
    return (int) Math.ceil(iterations * stretch());
  }

  /**
   * Why no claim can run here, or empty: the claims are about symmetric sensing with a count of
   * measurements (GOE, rank-one).
   */
  public Optional<String> unsupported() {
    if (base.problem() instanceof ProblemSpec.Goe || base.problem() instanceof ProblemSpec.Structured) {
      return Optional.empty();
    }
    if (model() == Model.RANK_ONE) {
      return Optional.of("the claims rest on the restricted isometry of GOE sensing, which rank-one measurements "
          + "lack (E A*A(Z) = 2Z + tr(Z) I, heavy-tailed: at n = 40, r = 2 none of claims 1-8 held, e.g. the slope "
          + "of claim 1 was 0.39 at m = 20nr); run rank-one experiments with lowrank sweep");
    }
    return Optional.of("the claims are stated for symmetric GOE sensing with m measurements, not for "
        + model().id() + "; run such experiments with lowrank sweep");
  }

  /** Why a noiseless claim cannot run here (the base has noise), or empty. */
  public Optional<String> noisy() {
    return noise() > 0 ? Optional.of(String.format(Locale.ROOT, "this claim is about noiseless measurements and the "
        + "setting has noise σ = %s (claim 8 is the one about noise)", ClaimSupport.sci(noise()))) : Optional.empty();
  }

  /**
   * The eigenvalues of M* = X Xᵀ, descending: the squares of X's singular values, which run from 1 to
   * 1/√κ with the setting's spacing (docs/math.md §2).
   */
  public double[] eigenvalues() {
    int r = r();
    double last = 1 / Math.sqrt(kappa());
    double[] e = new double[r];
    for (int k = 0; k < r; k++) {
      double f = r == 1 ? 0 : (double) k / (r - 1);
      double sx = spacing() == Spacing.LINEAR ? 1 + f * (last - 1) : Math.pow(last, f);
      e[k] = sx * sx;
    }
    return e;
  }

  /**
   * The oversampling at which the spectral method separates the top-r eigenspace of A*(y): its
   * perturbation ‖A*(y) − M*‖ is about 2 ‖M*‖_F √(n/m) for GOE sensing, so m ≥ 2 κ² ‖M*‖_F² n (with
   * σ_r(M*) = 1/κ) makes it at most about 1/√2 of σ_r(M*); at least {@code floor}.
   */
  public int spectralOversampling(int floor) {
    double f2 = 0;
    for (double e : eigenvalues()) {
      f2 += e * e;
    }
    return Math.max(floor, (int) Math.ceil(2 * kappa() * kappa() * f2 / r() - 1e-9));
  }

  /** m = round(oversampling · n · r). */
  public int measurements(double oversampling) {
    return (int) Math.round(oversampling * n() * r());
  }

  /** The width words: "r", "2r", "n" (clamped to [1, n]). */
  public int width(String word) {
    int w = switch (word) {
      case "n" -> n();
      case "r" -> r();
      default -> Integer.parseInt(word.substring(0, word.length() - 1)) * r();
    };
    return Math.max(1, Math.min(n(), w));
  }

  /** The setting's problem with m = oversampling · n r, condition number κ and noise σ. */
  public ProblemSpec problem(double oversampling, double kappa, double sigma) {
    return problem(oversampling, r(), kappa, spacing(), sigma);
  }

  /** The setting's model and n with another rank, κ, spacing and noise; m = oversampling · n · rank. */
  public ProblemSpec problem(double oversampling, int rank, double kappa, Spacing spacing, double sigma) {
    return problemWith(n(), (int) Math.round(oversampling * n() * rank), rank, kappa, spacing, sigma);
  }

  /** The setting's model at dimension n with m measurements, a rank, κ, spacing and noise. */
  public ProblemSpec problemWith(int n, int m, int rank, double kappa, Spacing spacing, double sigma) {
    return switch (model()) {
      case RANK_ONE -> new ProblemSpec.RankOne(n, rank, kappa, spacing, m, null, sigma);
      case STRUCTURED -> new ProblemSpec.Structured(n, rank, kappa, spacing, m, null, sigma);
      default -> new ProblemSpec.Goe(n, rank, kappa, spacing, m, null, sigma);
    };
  }

  /**
   * Plain GD from the small random start at this setting, noiseless, seed 1, no tolerance: the basic
   * probes, plus the phase probes when {@code diagnostics}; stops below test error {@code stopBelow}
   * when > 0.
   */
  public RunSpec gd(double oversampling, int width, double alpha, int iterations, int recordEvery,
      boolean diagnostics, double stopBelow) {
    return run(problem(oversampling, kappa(), 0.0), width, alpha, iterations, recordEvery, diagnostics, stopBelow);
  }

  /** As {@link #gd} on a given problem. */
  RunSpec run(ProblemSpec problem, int width, double alpha, int iterations, int recordEvery, boolean diagnostics,
      double stopBelow) {
    return new RunSpec(problem, new InitSpec.SmallRandom(alpha, null), new MethodSpec.Gd(null, null),
        new StopSpec(iterations, 0.0, null, stopBelow > 0 ? stopBelow : null, null),
        new RecordSpec(recordEvery, diagnostics ? RecordSpec.Probes.PHASES : RecordSpec.Probes.BASIC), width, 1L, 1,
        precisionFor(problem));
  }

  /** The storage precision of the setting's generated operators ({@code --set precision=int8}; default float64). */
  public Precision precision() {
    return base.precision();
  }

  /**
   * The setting's precision for a claim's problem when that problem stores a generated operator
   * (goe, asymmetric, rank-one), float64 otherwise (completion observes entries; structured stores
   * nothing).
   */
  public Precision precisionFor(ProblemSpec problem) {
    boolean stored = problem instanceof ProblemSpec.Goe || problem instanceof ProblemSpec.Asymmetric
        || problem instanceof ProblemSpec.RankOne;
    return stored ? precision() : Precision.FLOAT64;
  }

  /** "GOE sensing, n = 40, r = 2, κ = 2 (geometric)". */
  public String describe() {
    if (unsupported().isPresent()) {
      return model().id() + " (" + base.problem() + ")";
    }
    return String.format(Locale.ROOT, "%s sensing, n = %d, r = %d, κ = %s (%s spacing)%s",
        sensing(), n(), r(), ClaimSupport.compact(kappa()),
        spacing().name().toLowerCase(Locale.ROOT), noise() > 0 ? ", noise σ = " + ClaimSupport.sci(noise()) : "")
        + (precision() == Precision.FLOAT64 ? "" : ", " + precision().label() + " storage");
  }

  /** The sensing model's name in sentences: "GOE", "rank-one" or "structured". */
  public String sensing() {
    return switch (model()) {
      case RANK_ONE -> "rank-one";
      case STRUCTURED -> "structured";
      default -> "GOE";
    };
  }

  /** "n, r, κ" values for parameter tables, e.g. "40, 2, 2". */
  String nrk() {
    return n() + ", " + r() + ", " + ClaimSupport.compact(kappa());
  }
}
