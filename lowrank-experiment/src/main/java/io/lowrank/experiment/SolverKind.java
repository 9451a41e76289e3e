package io.lowrank.experiment;

import io.lowrank.solver.GradientDescent;
import io.lowrank.solver.ScaledDirection;
import io.lowrank.solver.Solver;
import io.lowrank.solver.StepRule;

/**
 * The factored gradient method of a {@link RunSpec}, all run from the small random start on the one
 * Driver (MATH.md §2-§3). GD is the default, so specs that do not name a solver are plain GD runs.
 */
public enum SolverKind {
  /** Plain gradient descent, mu = 0.25 / lambda_1(A*(y)). */
  GD("gd"),
  /** ScaledGD(lambda): damping 0.1 lambda_r(A*(y)), mu = 0.5. */
  SCALED_GD_LAMBDA("scaledgd-lambda"),
  /** PrecGD: damping sqrt(f(U_t)), mu = 0.5. */
  PREC_GD("precgd");

  private final String id;

  SolverKind(String id) {
    this.id = id;
  }

  /** A short stable identifier for file names and tables. */
  public String id() {
    return id;
  }

  /** The solver for a problem of rank r (the damping of ScaledGD(lambda) uses lambda_r(A*(y))). */
  public Solver solver(int rank) {
    return switch (this) {
      case GD -> GradientDescent.plain(StepRule.defaultRule());
      case SCALED_GD_LAMBDA -> ScaledDirection.damped(rank).solver();
      case PREC_GD -> ScaledDirection.precGd().solver();
    };
  }
}
