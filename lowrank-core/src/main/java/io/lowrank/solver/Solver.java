package io.lowrank.solver;

import io.lowrank.linalg.Mat;
import io.lowrank.model.Problem;

/** A first-order method on a factored objective: it makes trajectories the {@link Driver} runs. */
public interface Solver {

  /** A short, stable name for tables and files ("gd", "scaled-gd", ...). */
  String name();

  /**
   * Allocates every buffer of a new trajectory started at {@code initialFactor} (copied, not
   * modified) and evaluates the objective there.
   */
  Iterate start(Problem problem, Mat initialFactor);
}
