package io.lowrank.solver;

/** Why a run stopped. */
public enum Termination {
  /** The relative residual ||A(UU^T) - y|| / ||y|| reached the tolerance. */
  CONVERGED,
  /** The iteration budget was used up. */
  MAX_ITERATIONS,
  /** The loss became non-finite or exceeded the divergence factor times the initial loss. */
  DIVERGED,
  /** The loss stopped changing (relative change below the stall tolerance over a window). */
  STALLED,
  /** The wall-clock limit was reached. */
  TIME_LIMIT,
  /** An observer (e.g. validation early stopping) asked to stop. */
  EARLY_STOPPED,
  /** The process was asked to stop ({@link StopRequest}, e.g. Ctrl-C): the run is incomplete. */
  INTERRUPTED
}
