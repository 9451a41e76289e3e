package io.lowrank.solver;

import io.lowrank.solver.GradientDescent;
import io.lowrank.solver.ScaledDirection;
import io.lowrank.solver.Solver;
import io.lowrank.solver.StepRule;
import io.lowrank.testkit.SolverContract;

/** ScaledGD(lambda) with the default damping 0.1 lambda_r(A*(y)) and mu = 0.5 from the small start. */
class ScaledGdLambdaContractTest extends SolverContract {
  @Override
  protected Solver solver(StepRule step) {
    return new GradientDescent(step instanceof StepRule.Absolute ? step : ScaledDirection.defaultStep(),
        ScaledDirection.damped(2));
  }
}
