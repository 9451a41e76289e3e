package io.lowrank.deep;

import io.lowrank.deep.DeepFactorisation;
import io.lowrank.solver.Solver;
import io.lowrank.solver.StepRule;
import io.lowrank.testkit.SolverContract;

/**
 * Depth-3 factorisation. Its escape from a small start is polynomial, not geometric (the growth rate
 * of a direction scales with a power of its size), so the contract starts it from alpha = 0.1.
 */
class DeepFactorisationContractTest extends SolverContract {
  @Override
  protected Solver solver(StepRule step) {
    return step instanceof StepRule.Absolute ? new DeepFactorisation(3, step) : DeepFactorisation.of(3);
  }

  @Override
  protected double alpha() {
    return 0.1;
  }
}
