package io.lowrank.als;

import io.lowrank.als.AlternatingLeastSquares;
import io.lowrank.solver.Solver;
import io.lowrank.solver.StepRule;
import io.lowrank.testkit.AsymmetricSolverContract;

/** ALS (omega = 1 by default; the contract's absolute step 1e3 is an over-relaxation that diverges). */
class AlternatingLeastSquaresContractTest extends AsymmetricSolverContract {
  @Override
  protected Solver solver(StepRule step) {
    return new AlternatingLeastSquares(AlternatingLeastSquares.Config.defaults(), step);
  }

  @Override
  protected int solveBudget() {
    return 100;
  }
}
