package io.lowrank.testkit;

/**
 * Named, justified tolerances for tests. Every numerical assertion in lowrank's tests uses one of
 * these, so that tightening or loosening a bound is a reviewed, documented change.
 */
public final class Tol {
  private Tol() {}

  /**
   * Relative round-off of an inner product or linear map evaluated two ways in double precision:
   * sums of up to ~1e7 terms accumulate ~sqrt(N) eps ~ 1e-12 relative error; 1e-10 leaves margin.
   */
  public static final double ROUND_OFF = 1e-10;

  /**
   * Central finite differences with h ~ 1e-5 have truncation error O(h^2) ~ 1e-10 and cancellation
   * error eps/h ~ 1e-11 relative to the loss scale: 1e-6 relative agreement is a safe bound.
   */
  public static final double FINITE_DIFFERENCE = 1e-6;

  /**
   * Taylor-remainder slope: |f(U + hD) - f(U) - h <grad, D>| must fall like h^2; a fitted
   * log-log slope within 0.1 of 2 distinguishes a correct gradient (slope 2) from a wrong one (1).
   */
  public static final double TAYLOR_SLOPE = 0.1;

  /**
   * Monte-Carlo check of E ||A(Z)||^2 = ||Z||_F^2: ||A(Z)||^2 is an average of m squared
   * Gaussians with variance 2 ||Z||^4 / m; over T independent operators the relative standard
   * error is sqrt(2 / (m T)). With m T = 40,000 it is 0.007; 5 standard errors = 0.035.
   */
  public static final double ISOMETRY_MEAN = 0.035;

  /** Planted recovery from alpha = 1e-6 with m = 20 n r: S&S predict error ~ alpha^(21/16). */
  public static final double RECOVERY_SMALL_INIT = 1e-3;

  /** Exact-rank (r' = r) GD converges linearly to round-off; 1e-10 is far above eps. */
  public static final double RECOVERY_EXACT_RANK = 1e-10;

  /** alpha = 1 overparameterised GD interpolates without generalising: test error stays above this. */
  public static final double OVERFIT_TEST_ERROR = 0.5;

  /**
   * Noise-free completion (docs/math.md §2) with exact width converges linearly; the issue asks for
   * relative error below 1e-4 well within the iteration budget.
   */
  public static final double COMPLETION_NOISE_FREE = 1e-4;

  /**
   * ReLU sampling from near the planted factor: relative Frobenius error on the unobserved
   * (negative) entries. Local linear convergence reaches it long before the budget.
   */
  public static final double RELU_UNOBSERVED = 1e-6;

  /**
   * Exact-width recovery for models with a smaller restricted-isometry margin than GOE sensing
   * (rank-one sensing, asymmetric sensing): linear convergence, checked at 1e-8 (the stopping
   * tolerance 1e-11 of the relative residual leaves three orders of margin).
   */
  public static final double RECOVERY_EXACT_RANK_LOOSE = 1e-8;

  /**
   * Imbalance ||L^T L - R^T R||_F of asymmetric GD from a small start (alpha = 1e-3): conserved by
   * gradient flow, so it starts at ~alpha^2 sqrt(r') and grows only through the O(mu^2) step
   * error accumulated while the factors grow (observed: ~1e-3 at mu = 0.24, n1 = 15, n2 = 12);
   * 0.01 ||M*|| (||M*|| = 1) leaves a factor 10 of margin while a drift to the scale of M* (a
   * failed balance, e.g. a wrong R-step) is caught.
   */
  public static final double IMBALANCE = 0.01;

  /**
   * The fused single pass, the two-pass evaluation and a naive triple loop over the full matrices
   * sum the same ~n^2 m products in different orders: relative differences are a few eps times
   * sqrt(terms) ~ 1e-13; 1e-12 fails any real indexing or scaling error (those are O(1)).
   */
  public static final double FUSED_VS_REFERENCE = 1e-12;

  /**
   * The fused completion pass against the three-pass reference: residuals and grad_L are computed
   * in the same order (bit-identical); grad_R and ||res||^2 add the same |Omega| terms grouped into
   * at most 8 block partial sums, which moves each sum by a few eps times the sum of its terms'
   * magnitudes. With random factors there is no cancellation beyond a factor ~sqrt(terms per
   * column) ~ 10, so relative Frobenius differences are ~1e-15; 1e-12 still fails any wrong index,
   * scale or missed block (O(1) errors).
   */
  public static final double COMPLETION_FUSED_VS_TWO_PASS = 1e-12;

  /**
   * float32 storage rounds each operator entry with relative error <= 2^-24 = 6e-8 (arithmetic stays
   * double). A(Z) and A*(v)U then move by a few 1e-8 relative (rounding errors of random sign
   * average out; worst seen over 10 operators at n = 20, m = 500: 2.6e-8 forward, 9e-9 adjoint);
   * 1e-6 leaves a 40x margin and still fails a wrong conversion (O(1)).
   */
  public static final double FLOAT32_OPERATOR = 1e-6;

  /**
   * GD on the float32 operator solves a problem whose operator differs by <= 2^-24 per entry; its
   * data are measured with the same operator, so the truth is still exactly consistent and the
   * recovery error is set by alpha as with float64. Measured at n = 40, r = 2, m = 20nr,
   * alpha = 1e-6, 600 iterations, seeds 1-5: final test errors 3-5e-9 for both, relative
   * difference <= 6e-8. Bound: relative difference below 1e-5.
   */
  public static final double FLOAT32_RECOVERY = 1e-5;

  // ---- solver family (ScaledGD, ScaledGD(lambda), PrecGD, nuclear norm, deep) ----

  /**
   * ScaledGD's iteration count does not depend on the condition number (Tong, Ma, Chi 2021): the
   * issue asks for iterations to 1e-10 within a factor 1.5 across kappa in {1, 10, 100}; measured
   * 52-53 at n = 20.
   */
  public static final double KAPPA_FREE_SPREAD = 1.5;

  /**
   * Plain GD's local rate is 1 - c / kappa, so iterations grow like a + b kappa; "at least linearly"
   * is checked as T(kappa) / T(1) >= 0.5 kappa (the intercept a keeps the ratio below kappa itself;
   * measured 9.4 and 89 at n = 20).
   */
  public static final double LINEAR_IN_KAPPA = 0.5;

  /** "Machine precision" for test errors of order-one matrices: ~100 eps; measured 2e-16 to 5e-16. */
  public static final double MACHINE_PRECISION_ERROR = 1e-13;

  /**
   * An overparameterised GD run is "stuck" when its error stays above this at a horizon where the
   * exact-rank run is at machine precision (docs/math.md claim 7: "well above 1e-10").
   */
  public static final double STALLED_ERROR = 1e-8;

  /**
   * A linear (geometric) method gains a decade every few tens of iterations; a sublinear end game
   * gains less than half a decade over the whole second half of a long horizon (measured 0.013 for
   * GD with r' = 2r at n = 20, alpha = 1e-3, 3000 iterations).
   */
  public static final double SUBLINEAR_DECADES = 0.5;

  /**
   * log(error) against t is a straight line for a geometric rate; a fit over the linear window (above
   * the round-off floor) with R^2 above 0.98 separates it from a sublinear 1/t^p decay, whose
   * log-linear fit over several decades has R^2 well below that.
   */
  public static final double LINEAR_FIT_R2 = 0.98;

  /**
   * Equivariance U -> UQ (Q orthogonal) of the preconditioned directions holds exactly in exact
   * arithmetic; 15 steps of round-off with condition numbers ~10 stay below 1e-12 relative.
   */
  public static final double EQUIVARIANCE = 1e-10;

  /**
   * KKT residuals of the nuclear-norm solution, relative to lambda (dual feasibility, smallest
   * eigenvalue of A*(A(Z) - y) + lambda I) and to lambda ||Z||_F (complementarity ||G Z||_F). FISTA
   * run until Z stops changing (relative 1e-15 over 20 iterations) reaches ~1e-10; a 1 % perturbation
   * of Z gives ~1e-2, so 1e-6 is the stated tolerance.
   */
  public static final double NUCLEAR_KKT = 1e-6;

  /**
   * Depth-3 factorisation with r' = r converges linearly once it has escaped the small start
   * (measured 4e-15 after 2000 iterations at n = 20); 1e-8 leaves room for a slower escape.
   */
  public static final double DEEP_RECOVERY = 1e-8;

  /**
   * ALS solves each ridge least-squares half-step to a CG residual of 1e-12 with rho = 1e-12
   * ||A*(y)||, so on noise-free planted instances it converges to the ridge bias, ~1e-11 relative
   * (with the first default rho = 1e-8 ||A*(y)|| it stalled at ~2e-8); 1e-9 leaves a factor 50 and
   * fails if the ridge default goes back up.
   */
  public static final double ALS_RECOVERY = 1e-9;

  /**
   * Rank-free completion of a noise-free planted matrix: the held-out RMSE must be below this
   * fraction of the centring baseline's (a model that recovered the matrix converges towards 0;
   * one that fitted nothing would sit at 1).
   */
  public static final double RANK_FREE_FIT = 1e-2;

  /**
   * MovieLens-small hold-out RMSE gain over the bias-only baseline (in stars), on the fixed split
   * and seed of the test (deterministic): measured 0.0090 (0.8826 vs 0.8916); requiring 0.005
   * catches a model that merely matches the baseline while leaving room for harmless numerical
   * changes.
   */
  public static final double MOVIELENS_RMSE_GAIN = 0.005;

  /** Inpainting camera.png at 30 %: PSNR gain over mean fill in dB (measured 11.5 dB). */
  public static final double INPAINT_PSNR_GAIN_DB = 5.0;

  /** The mean MovieLens-small rating is "about 3.544" (data README): agreement to the printed digits. */
  public static final double MOVIELENS_MEAN = 5e-4;
}
