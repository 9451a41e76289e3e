package io.lowrank.solver;

import io.lowrank.solver.AsymmetricGradientDescent;
import io.lowrank.solver.Solver;
import io.lowrank.solver.StepRule;
import io.lowrank.testkit.AsymmetricSolverContract;

class AsymmetricGradientDescentContractTest extends AsymmetricSolverContract {
  @Override
  protected Solver solver(StepRule step) {
    return AsymmetricGradientDescent.plain(step);
  }
}
