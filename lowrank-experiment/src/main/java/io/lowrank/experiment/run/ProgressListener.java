package io.lowrank.experiment.run;

import io.lowrank.experiment.spec.RunSpec;

/** Receives progress of an experiment; called from worker threads, one call at a time. */
public interface ProgressListener {

  /** {@code done} of {@code total} runs have finished, the last being {@code spec}. */
  void completed(int done, int total, RunSpec spec);

  /** A listener that ignores progress. */
  static ProgressListener none() {
    return (d, t, s) -> {};
  }
}
