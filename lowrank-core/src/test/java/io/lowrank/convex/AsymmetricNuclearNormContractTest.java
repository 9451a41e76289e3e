package io.lowrank.convex;

import io.lowrank.convex.NuclearNormFista;
import io.lowrank.convex.Penalty;
import io.lowrank.solver.Solver;
import io.lowrank.solver.StepRule;
import io.lowrank.testkit.AsymmetricSolverContract;

/** FISTA with singular value thresholding on the asymmetric model, lambda = 1e-9 lambda_max. */
class AsymmetricNuclearNormContractTest extends AsymmetricSolverContract {
  @Override
  protected Solver solver(StepRule step) {
    Penalty penalty = new Penalty.Relative(1e-9);
    return step instanceof StepRule.Absolute a ? new NuclearNormFista(penalty, a) : new NuclearNormFista(penalty);
  }
}
