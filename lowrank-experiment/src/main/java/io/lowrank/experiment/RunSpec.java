package io.lowrank.experiment;

import io.lowrank.linalg.Check;

/**
 * One trajectory of an experiment: a synthetic GOE sensing problem (MATH.md §1.1) and a gradient
 * method ({@link SolverKind}, plain GD unless named) run on it from the small random initialisation. Runs that share {@link #problemKey()} share the
 * problem (truth, operator, noise); the initial direction G depends only on {@code seed}, so an
 * alpha sweep rescales one G.
 *
 * @param n dimension
 * @param r rank of M*
 * @param kappa condition number of M*
 * @param m number of measurements
 * @param sigma noise level
 * @param seed master seed (truth, operator, noise, init streams are derived from it)
 * @param width r'
 * @param alpha initial scale
 * @param maxIterations iteration budget
 * @param recordEvery recording cadence of the history
 * @param diagnostics record the phase diagnostics (signal/noise split, spectral probes)
 * @param stopBelowTestError stop (EARLY_STOPPED) once the test error falls below this; 0 disables
 * @param solver the method (GD for the twelve-argument constructor)
 */
public record RunSpec(int n, int r, double kappa, int m, double sigma, long seed, int width, double alpha,
    int maxIterations, int recordEvery, boolean diagnostics, double stopBelowTestError, SolverKind solver) {

  public RunSpec {
    Check.positive(n, "n");
    Check.inRange(r, 1, n, "r");
    Check.inRange(width, 1, n, "width r'");
    Check.positive(m, "m");
    Check.positive(alpha, "alpha");
    Check.nonNegative(sigma, "sigma");
    Check.positive(recordEvery, "record-every");
    Check.nonNegative(stopBelowTestError, "stop-below test error");
    if (solver == null) {
      throw new IllegalArgumentException("solver is required (GD, SCALED_GD_LAMBDA or PREC_GD)");
    }
  }

  /** A plain-GD run. */
  public RunSpec(int n, int r, double kappa, int m, double sigma, long seed, int width, double alpha,
      int maxIterations, int recordEvery, boolean diagnostics, double stopBelowTestError) {
    this(n, r, kappa, m, sigma, seed, width, alpha, maxIterations, recordEvery, diagnostics, stopBelowTestError,
        SolverKind.GD);
  }

  /** The problem this run is on. */
  public ProblemKey problemKey() {
    return new ProblemKey(n, r, kappa, m, sigma, seed);
  }

  /** A copy with another alpha. */
  public RunSpec withAlpha(double a) {
    return new RunSpec(n, r, kappa, m, sigma, seed, width, a, maxIterations, recordEvery, diagnostics, stopBelowTestError, solver);
  }

  /** A copy with another width. */
  public RunSpec withWidth(int w) {
    return new RunSpec(n, r, kappa, m, sigma, seed, w, alpha, maxIterations, recordEvery, diagnostics, stopBelowTestError, solver);
  }

  /** A copy with another seed. */
  public RunSpec withSeed(long s) {
    return new RunSpec(n, r, kappa, m, sigma, s, width, alpha, maxIterations, recordEvery, diagnostics, stopBelowTestError, solver);
  }

  /** A copy with another solver. */
  public RunSpec withSolver(SolverKind kind) {
    return new RunSpec(n, r, kappa, m, sigma, seed, width, alpha, maxIterations, recordEvery, diagnostics,
        stopBelowTestError, kind);
  }

  /** A file-system friendly identifier, e.g. {@code n40_r2_k2_m1600_s0_seed3_w40_a1e-06}. */
  public String id() {
    return String.format(java.util.Locale.ROOT, "n%d_r%d_k%s_m%d_s%s_seed%d_w%d_a%s_it%d_rec%d%s%s", n, r, num(kappa), m,
        num(sigma), seed, width, num(alpha), maxIterations, recordEvery, diagnostics ? "_diag" : "",
        stopBelowTestError > 0 ? "_stop" + num(stopBelowTestError) : "")
        + (solver == SolverKind.GD ? "" : "_" + solver.id());
  }

  private static String num(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e6) {
      return Long.toString((long) v);
    }
    return String.format(java.util.Locale.ROOT, "%.0e", v);
  }
}
