package io.lowrank.solver;

import io.lowrank.solver.GradientDescent;
import io.lowrank.solver.ScaledDirection;
import io.lowrank.solver.Solver;
import io.lowrank.solver.StepRule;
import io.lowrank.testkit.SolverContract;

/**
 * Exact-rank ScaledGD. Its preconditioner (U^T U)^{-1} blows up at a tiny U (the first step from
 * alpha = 1e-3 would have size ~ 1/alpha), so the method is meant for a spectral or O(1) start: the
 * contract runs it from alpha = 0.5 (U_0 U_0^T ~ M* in scale). The default rule maps to mu = 0.5.
 */
class ScaledGdContractTest extends SolverContract {
  @Override
  protected Solver solver(StepRule step) {
    return new GradientDescent(step instanceof StepRule.Absolute ? step : ScaledDirection.defaultStep(),
        ScaledDirection.exact());
  }

  @Override
  protected double alpha() {
    return 0.5;
  }
}
