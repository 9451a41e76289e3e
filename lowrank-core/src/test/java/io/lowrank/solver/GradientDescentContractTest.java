package io.lowrank.solver;

import io.lowrank.solver.GradientDescent;
import io.lowrank.solver.Solver;
import io.lowrank.solver.StepRule;
import io.lowrank.testkit.SolverContract;

class GradientDescentContractTest extends SolverContract {
  @Override
  protected Solver solver(StepRule step) {
    return GradientDescent.plain(step);
  }
}
