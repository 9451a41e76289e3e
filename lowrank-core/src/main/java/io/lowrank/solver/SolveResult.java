package io.lowrank.solver;

/**
 * The outcome of one run.
 *
 * @param termination why it stopped
 * @param iterations steps taken
 * @param initialLoss f(U_0)
 * @param finalLoss f at the last iterate (NaN only when DIVERGED; check the termination first)
 * @param solveNanos wall time in steps, observers excluded
 * @param medianStepNanos median wall time of one step
 * @param detail a one-line human explanation
 */
public record SolveResult(Termination termination, int iterations, double initialLoss, double finalLoss,
    long solveNanos, double medianStepNanos, String detail) {

  /** True unless DIVERGED. */
  public boolean finite() {
    return termination != Termination.DIVERGED;
  }
}
