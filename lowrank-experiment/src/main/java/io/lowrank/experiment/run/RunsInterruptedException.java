package io.lowrank.experiment.run;

/**
 * Thrown by {@link Runner#runAll} when a {@link io.lowrank.solver.StopRequest} ended runs before
 * their stop rules did: the runs that finished were handed to the sink, the interrupted ones were
 * not. A resumable job rethrows it with {@link #stored()} true and its counts over the whole job
 * (runs loaded from its store included), so that running the job again resumes.
 */
public final class RunsInterruptedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int finished;
  private final int total;
  private final boolean stored;

  /** {@code finished} of {@code total} runs completed before the stop request; none is stored. */
  public RunsInterruptedException(int finished, int total) {
    this(finished, total, false);
  }

  /** As {@link #RunsInterruptedException(int, int)}; {@code stored}: the finished runs are kept for a resume. */
  public RunsInterruptedException(int finished, int total, boolean stored) {
    super("interrupted after " + finished + " of " + total + " runs");
    this.finished = finished;
    this.total = total;
    this.stored = stored;
  }

  /** True when the finished runs are stored, so that running the same job again resumes. */
  public boolean stored() {
    return stored;
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
