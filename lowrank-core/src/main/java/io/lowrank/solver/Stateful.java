package io.lowrank.solver;

/**
 * A part of a run (an {@link Iterate} or an {@link Observer}) whose state can be saved into a
 * {@link Snapshot} and restored from it, so that a run continued from a checkpoint takes exactly
 * the steps, and makes exactly the decisions, of the run that was not stopped.
 */
public interface Stateful {

  /** Writes this part's whole state into {@code out} under keys starting with {@code prefix + "."}. */
  void saveState(Snapshot out, String prefix);

  /**
   * Replaces this part's state by the one {@link #saveState} wrote under {@code prefix}.
   *
   * @throws IllegalArgumentException when {@code in} holds no such state or one of another shape
   */
  void restoreState(Snapshot in, String prefix);
}
