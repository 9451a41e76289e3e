package io.lowrank.solver;

/**
 * Watches a run. The {@link Driver} calls {@link #observe} at iteration 0, every k-th iteration
 * (the recording cadence) and at the last iteration; observers may compute diagnostics there, so
 * switching them off costs nothing in between.
 */
public interface Observer {

  /**
   * @param iteration t, the number of steps taken so far
   * @param state the trajectory at U_t (read only)
   * @param solveNanos time spent in steps so far (excludes observers)
   */
  void observe(int iteration, Iterate state, long solveNanos);

  /** Checked after each {@link #observe}: true ends the run with EARLY_STOPPED. */
  default boolean stopRequested() {
    return false;
  }

  /** Called once when the run ends. */
  default void finish(SolveResult result) {}
}
