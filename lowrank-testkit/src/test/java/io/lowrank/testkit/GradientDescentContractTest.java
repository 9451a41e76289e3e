package io.lowrank.testkit;

import io.lowrank.solver.GradientDescent;
import io.lowrank.solver.Solver;
import io.lowrank.solver.StepRule;

class GradientDescentContractTest extends SolverContract {
  @Override
  protected Solver solver(StepRule step) {
    return GradientDescent.plain(step);
  }
}
