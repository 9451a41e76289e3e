package io.lowrank.convex;

import io.lowrank.convex.NuclearNormFista;
import io.lowrank.convex.Penalty;
import io.lowrank.solver.Solver;
import io.lowrank.solver.StepRule;
import io.lowrank.testkit.SolverContract;

/**
 * FISTA for the PSD nuclear-norm problem at lambda = 1e-9 lambda_max (the noise-free easy instance
 * is then recovered to ~1e-9). An absolute step fixes the step (no backtracking), so the contract's
 * huge step diverges; the default rule is 1/L with backtracking.
 */
class NuclearNormContractTest extends SolverContract {
  @Override
  protected Solver solver(StepRule step) {
    Penalty penalty = new Penalty.Relative(1e-9);
    return step instanceof StepRule.Absolute a ? new NuclearNormFista(penalty, a) : new NuclearNormFista(penalty);
  }
}
