package io.lowrank.experiment.run;

import io.lowrank.solver.Iterate;
import io.lowrank.solver.Observer;

/**
 * An observer (e.g. a progress display) that also hears each validation evaluation of a run with
 * validation early stopping. Pass it among the extra observers of {@link Runner#run}; its
 * {@link #observe} is a no-op unless overridden.
 */
public interface ValidationWatcher extends Observer {

  /**
   * Called right after the validation error at {@code iteration} was measured.
   *
   * @param iteration t
   * @param validationMse the validation mean squared error at t
   * @param bestIteration the iteration of the smallest validation error so far
   * @param sinceImprovement iterations since the error last improved (patience runs out at {@code patience})
   * @param patience the patience, in iterations
   */
  void validated(int iteration, double validationMse, int bestIteration, int sinceImprovement, int patience);

  @Override
  default void observe(int iteration, Iterate state, long solveNanos) {}
}
