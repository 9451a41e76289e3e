package io.lowrank.experiment.compare;

import io.lowrank.diagnostics.History;
import io.lowrank.solver.Termination;
import java.util.Locale;

/**
 * One method on one configuration of a comparison.
 *
 * @param method the method
 * @param kappa condition number of M*
 * @param noise noise level sigma
 * @param width factor width r' (0 for the convex baseline, which has none)
 * @param iterationsToEps first recorded iteration with relative test error <= eps, or -1
 * @param secondsToEps solve time at that iteration, or NaN
 * @param finalError relative test error at the end
 * @param iterations iterations run
 * @param seconds solve time (observers excluded)
 * @param termination why it stopped
 * @param detail the driver's one-line explanation
 * @param history the recorded trace (iteration, loss, relative_residual, test_error, elapsed_s)
 */
public record CompareRun(CompareMethod method, double kappa, double noise, int width, int iterationsToEps,
    double secondsToEps, double finalError, int iterations, double seconds, Termination termination, String detail,
    History history) {

  /** A file-system friendly identifier, e.g. {@code k10_s0_w4_precgd}. */
  public String id() {
    return String.format(Locale.ROOT, "k%s_s%s_%s%s", num(kappa), num(noise), width > 0 ? "w" + width + "_" : "",
        method.id());
  }

  /** True when eps was reached. */
  public boolean reached() {
    return iterationsToEps >= 0;
  }

  private static String num(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e6) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.0e", v);
  }
}
