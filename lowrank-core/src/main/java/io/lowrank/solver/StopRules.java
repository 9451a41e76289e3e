package io.lowrank.solver;

import io.lowrank.linalg.Check;
import java.time.Duration;

/**
 * When the {@link Driver} stops a run.
 *
 * @param maxIterations iteration budget, >= 0
 * @param tolerance CONVERGED once ||A(UU^T) - y|| / ||y|| = sqrt(f(U)/f(0)) ≤ tolerance; 0 disables
 * @param timeLimit TIME_LIMIT once the solve time exceeds it; null disables
 * @param divergenceFactor DIVERGED once f(U) > divergenceFactor * f(U_0) (or f is not finite)
 * @param stallWindow STALLED once f changed by a relative amount below {@code stallTolerance}
 *     over this many iterations; 0 disables
 * @param stallTolerance see {@code stallWindow}
 */
public record StopRules(int maxIterations, double tolerance, Duration timeLimit, double divergenceFactor,
    int stallWindow, double stallTolerance) {

  /** The divergence factor of docs/math.md §3. */
  public static final double DEFAULT_DIVERGENCE_FACTOR = 1e8;

  public StopRules {
    Check.inRange(maxIterations, 0, Integer.MAX_VALUE - 1, "max iterations");
    Check.inRange(tolerance, 0.0, 1.0, "tolerance");
    Check.inRange(divergenceFactor, 1.0, Double.MAX_VALUE, "divergence factor");
    Check.inRange(stallWindow, 0, Integer.MAX_VALUE - 1, "stall window");
    Check.nonNegative(stallTolerance, "stall tolerance");
    if (timeLimit != null && (timeLimit.isNegative() || timeLimit.isZero())) {
      throw new IllegalArgumentException("time limit must be positive, got " + timeLimit);
    }
  }

  /** Only an iteration budget (plus divergence detection). */
  public static StopRules iterations(int maxIterations) {
    return new StopRules(maxIterations, 0.0, null, DEFAULT_DIVERGENCE_FACTOR, 0, 0.0);
  }

  /** A copy with the given tolerance. */
  public StopRules withTolerance(double tol) {
    return new StopRules(maxIterations, tol, timeLimit, divergenceFactor, stallWindow, stallTolerance);
  }

  /** A copy with the given time limit. */
  public StopRules withTimeLimit(Duration limit) {
    return new StopRules(maxIterations, tolerance, limit, divergenceFactor, stallWindow, stallTolerance);
  }

  /** A copy with a stall rule. */
  public StopRules withStall(int window, double relativeChange) {
    return new StopRules(maxIterations, tolerance, timeLimit, divergenceFactor, window, relativeChange);
  }
}
