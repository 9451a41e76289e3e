package io.lowrank.init;

import io.lowrank.linalg.Mat;
import io.lowrank.model.Problem;

/** Makes the starting factor U_0 (n x width) of a run. Initialisers are not solvers. */
public interface Initialiser {

  /** U_0 for this problem; randomness only from {@code seed}. */
  Mat initialise(Problem problem, int width, long seed);
}
