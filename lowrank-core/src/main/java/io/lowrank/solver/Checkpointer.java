package io.lowrank.solver;

import java.util.Optional;

/**
 * Keeps a run resumable. Passed among a run's observers, it makes the {@link Driver} hand it a
 * {@link Snapshot} of the whole run (the iterate's factors, the driver's counters and the state of
 * every {@link Stateful} observer) after every {@link #every()}-th step, when the run is interrupted
 * ({@link StopRequest}; the snapshot then continues the run) and when it ends (the snapshot then
 * records the termination, and resuming it ends the run at once with the same result). Before the
 * first step the Driver asks {@link #resume()} for a snapshot to continue from: the run then goes on
 * bit for bit as the run that wrote it would have (timings apart). Only single runs are
 * checkpointed, on iterates that are {@link Stateful} (gradient descent and ScaledGD, symmetric and
 * asymmetric). {@link #observe} does nothing.
 */
public interface Checkpointer extends Observer {

  /** The cadence k >= 1: a snapshot after iterations k, 2k, 3k, ... */
  int every();

  /** The snapshot to continue from, or empty to start at iteration 0. */
  Optional<Snapshot> resume();

  /**
   * Keeps {@code state} (e.g. writes it to a file atomically). {@code state} is the caller's to keep.
   *
   * @param iteration the iteration t the snapshot holds
   * @param finished true when the run has ended there (resuming reproduces its end)
   */
  void save(Snapshot state, int iteration, boolean finished);

  @Override
  default void observe(int iteration, Iterate state, long solveNanos) {}
}
