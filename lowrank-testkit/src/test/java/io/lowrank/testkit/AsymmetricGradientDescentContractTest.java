package io.lowrank.testkit;

import io.lowrank.solver.AsymmetricGradientDescent;
import io.lowrank.solver.Solver;
import io.lowrank.solver.StepRule;

class AsymmetricGradientDescentContractTest extends AsymmetricSolverContract {
  @Override
  protected Solver solver(StepRule step) {
    return AsymmetricGradientDescent.plain(step);
  }
}
