package io.lowrank.solver;

import io.lowrank.solver.GradientDescent;
import io.lowrank.solver.ScaledDirection;
import io.lowrank.solver.Solver;
import io.lowrank.solver.StepRule;
import io.lowrank.testkit.SolverContract;

/** PrecGD (damping sqrt(f(U_t))), mu = 0.5, from the small start, overparameterised (r' = 2r). */
class PrecGdContractTest extends SolverContract {
  @Override
  protected Solver solver(StepRule step) {
    return new GradientDescent(step instanceof StepRule.Absolute ? step : ScaledDirection.defaultStep(),
        ScaledDirection.precGd());
  }

  @Override
  protected int width() {
    return 4;
  }
}
