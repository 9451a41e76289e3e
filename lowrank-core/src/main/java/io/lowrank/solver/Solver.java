package io.lowrank.solver;

import io.lowrank.linalg.Mat;
import io.lowrank.model.Problem;

/** A first-order method on a factored objective: it makes trajectories the {@link Driver} runs. */
public interface Solver {

  /** The method this solver implements; its {@link Method#id()} is its one name everywhere. */
  Method method();

  /**
   * Allocates every buffer of a new trajectory started at {@code initialFactor} (copied, not
   * modified) and evaluates the objective there.
   */
  Iterate start(Problem problem, Mat initialFactor);

  /**
   * Starts a trajectory of the asymmetric factor model (L, R) at (L_0, R_0) (copied, not modified).
   * Symmetric-only solvers keep this default, which throws {@link UnsupportedOperationException};
   * {@link AsymmetricGradientDescent} implements it. (A default method rather than a sealed
   * initial-point type, so that every existing symmetric solver and call site stays unchanged.)
   */
  default Iterate start(Problem problem, Mat left0, Mat right0) {
    throw new UnsupportedOperationException(method().id() + " solves the symmetric model U U^T only; "
        + "use AsymmetricGradientDescent for the factor pair (L, R)");
  }
}
