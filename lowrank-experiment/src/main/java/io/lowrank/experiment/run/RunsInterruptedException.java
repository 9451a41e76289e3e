package io.lowrank.experiment.run;

/**
 * Thrown by {@link Runner#runAll} when a {@link io.lowrank.solver.StopRequest} ended runs before
 * their stop rules did: the runs that finished were handed to the sink (and, in a job, stored, so
 * that running the job again resumes); the interrupted ones were not.
 */
public final class RunsInterruptedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int finished;
  private final int total;

  /** {@code finished} of {@code total} runs completed before the stop request. */
  public RunsInterruptedException(int finished, int total) {
    super("interrupted after " + finished + " of " + total + " runs");
    this.finished = finished;
    this.total = total;
  }

  /** Runs that completed (and were handed to the sink). */
  public int finished() {
    return finished;
  }

  /** Runs that were asked for. */
  public int total() {
    return total;
  }
}
