package io.lowrank.experiment.compare;

import io.lowrank.diagnostics.History;
import io.lowrank.experiment.run.RunResult;
import io.lowrank.solver.Termination;
import java.util.Locale;

/**
 * One row of a comparison on one configuration.
 *
 * @param variant the row (method and start)
 * @param kappa condition number of M*
 * @param noise noise level sigma
 * @param width factor width r' (0 for the convex baseline, which has none)
 * @param iterationsToEps first recorded iteration with relative test error ≤ eps, or -1
 * @param secondsToEps solve time at that iteration, or NaN
 * @param finalError relative test error at the end
 * @param iterations iterations run
 * @param seconds solve time (observers excluded)
 * @param termination why it stopped
 * @param detail the driver's one-line explanation
 * @param history the recorded trace (iteration, loss, relative_residual, test_error, elapsed_s)
 * @param result the run behind the row (its resolved spec, factors and timings)
 */
public record CompareRun(Variant variant, double kappa, double noise, int width, int iterationsToEps,
    double secondsToEps, double finalError, int iterations, double seconds, Termination termination, String detail,
    History history, RunResult result) {

  /**
   * A file-system friendly identifier, e.g. {@code k10_s0_w4_precgd} ({@code instance_w4_precgd} on a
   * loaded instance, whose kappa and noise are not parameters).
   */
  public String id() {
    String config = Double.isNaN(kappa) ? "instance_" : String.format(Locale.ROOT, "k%s_s%s_", num(kappa), num(noise));
    return config + (width > 0 ? "w" + width + "_" : "") + variant.id();
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
