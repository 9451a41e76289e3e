package io.lowrank.diagnostics;

import java.util.List;

/**
 * The names of the {@link History} columns, defined once: probes write them, and the CLI, the CSV
 * and JSON files, the claims and the reports read them by these constants. See docs/math.md,
 * "Diagnostics", for the definition of each.
 */
public final class Columns {
  private Columns() {}

  /** t, the number of steps taken. */
  public static final String ITERATION = "iteration";
  /** f(U_t): 1/4 ||A(U U^T) - y||^2 (symmetric) or 1/2 ||A(L R^T) - y||^2 (asymmetric). */
  public static final String LOSS = "loss";
  /** ||A(U U^T) - y|| / ||y|| = sqrt(f(U_t) / f(0)). */
  public static final String RELATIVE_RESIDUAL = "relative_residual";
  /** ||U U^T - M*||_F / ||M*||_F (asymmetric: ||L R^T - M*||_F / ||M*||_F). */
  public static final String TEST_ERROR = "test_error";
  /** ||U_t||, the spectral norm of the (left) factor. */
  public static final String NORM_U = "norm_u";
  /** Solve time so far in seconds (a timing column: excluded from reproducibility checks). */
  public static final String ELAPSED_S = "elapsed_s";
  /** ||L^T L - R^T R||_F (asymmetric models). */
  public static final String IMBALANCE = "imbalance";
  /** sigma_min(V_X^T U_t). */
  public static final String SIGNAL = "signal";
  /** ||U_t W_{t,perp}||. */
  public static final String NOISE = "noise";
  /** ||V_{X,perp}^T V_{U_t W_t}||. */
  public static final String MISALIGNMENT = "misalignment";
  /** (tr(U U^T) - tr(M*)) / tr(M*). */
  public static final String TRACE_EXCESS = "trace_excess";
  /** Sine of the largest principal angle between the top-r left singular subspace of U_t and col(X). */
  public static final String ANGLE_TO_TRUTH = "angle_to_truth";
  /** sigma_r(U_t). */
  public static final String SIGMA_R = "sigma_r";
  /** (sum sigma_k)^2 / sum sigma_k^2 over the eigenvalues of U_t U_t^T. */
  public static final String EFFECTIVE_RANK = "effective_rank";
  /** Sine of the largest principal angle between the top-r subspace of U_t and the top-r eigenspace of A*(y). */
  public static final String SPECTRAL_ALIGNMENT = "spectral_alignment";
  /** ||U_t - U~_t||_F / ||U~_t||_F, U~_t the power iterate (I + mu A*(y))^t U_0. */
  public static final String POWER_DISTANCE = "power_distance";
  /** Mean squared error on held-out measurements or entries (validation early stopping). */
  public static final String VALIDATION_MSE = "validation_mse";

  /** The k-th singular value of U_t (k = 1, 2, ...). */
  public static String singularValue(int k) {
    return "sv_" + k;
  }

  /** Columns that measure time rather than the trajectory. */
  public static final List<String> TIMING = List.of(ELAPSED_S);

  /** Every fixed column that describes the trajectory (besides {@code sv_<k>}). */
  public static final List<String> TRAJECTORY = List.of(ITERATION, LOSS, RELATIVE_RESIDUAL, TEST_ERROR, NORM_U,
      IMBALANCE, SIGNAL, NOISE, MISALIGNMENT, TRACE_EXCESS, ANGLE_TO_TRUTH, SIGMA_R, EFFECTIVE_RANK,
      SPECTRAL_ALIGNMENT, POWER_DISTANCE, VALIDATION_MSE);

  /** True for a column some probe can record: a {@link #TRAJECTORY} or {@link #TIMING} name, or {@code sv_<k>}. */
  public static boolean known(String name) {
    return TRAJECTORY.contains(name) || TIMING.contains(name) || name.matches("sv_[1-9][0-9]*");
  }
}
