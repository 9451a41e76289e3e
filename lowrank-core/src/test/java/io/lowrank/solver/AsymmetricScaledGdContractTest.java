package io.lowrank.solver;

import io.lowrank.solver.AsymmetricGradientDescent;
import io.lowrank.solver.ScaledDirection;
import io.lowrank.solver.Solver;
import io.lowrank.solver.StepRule;
import io.lowrank.testkit.AsymmetricSolverContract;

/**
 * Asymmetric ScaledGD: L &lt;- L - mu grad_L (R^T R)^{-1}, R &lt;- R - mu grad_R (L^T L)^{-1}, through
 * the same {@link ScaledDirection} as the symmetric method. Like the symmetric one it needs an O(1)
 * start (alpha = 0.5); the default rule maps to mu = 0.5.
 */
class AsymmetricScaledGdContractTest extends AsymmetricSolverContract {
  @Override
  protected Solver solver(StepRule step) {
    return new AsymmetricGradientDescent(step instanceof StepRule.Absolute ? step : ScaledDirection.defaultStep(),
        ScaledDirection.exact());
  }

  @Override
  protected double alpha() {
    return 0.5;
  }
}
