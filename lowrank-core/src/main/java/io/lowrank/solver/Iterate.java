package io.lowrank.solver;

import io.lowrank.linalg.Mat;

/**
 * The running state of one trajectory of an iterative method, as handed to the {@link Driver}.
 * {@link #loss()} is always the objective at the current {@link #factor()}.
 */
public interface Iterate {

  /** Advances one iteration. Allocates nothing. */
  void step();

  /** The objective at the current iterate. */
  double loss();

  /** The loss scale for relative tolerances, f(0) = ||y||^2 / 4. */
  double referenceLoss();

  /**
   * The current factor: U (n x r') for symmetric models, L (n1 x r') for asymmetric ones. A live
   * view: read it, never modify it.
   */
  Mat factor();

  /** The right factor R (n2 x r') of an asymmetric model; for symmetric models the same U. */
  default Mat rightFactor() {
    return factor();
  }

  /** The step size in use. */
  double stepSize();
}
