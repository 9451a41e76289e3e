package io.lowrank.convex;

import io.lowrank.linalg.Check;
import io.lowrank.model.Problem;

/**
 * The weight lambda of the nuclear-norm penalty, given absolutely or as a fraction of lambda_max,
 * the smallest lambda for which Z = 0 is optimal (docs/math.md §5): lambda_1(A*(y)) on the PSD cone,
 * ||A*(y)|| for the unconstrained (asymmetric) problem.
 */
public sealed interface Penalty permits Penalty.Absolute, Penalty.Relative {

  /** lambda for this problem. */
  double resolve(Problem problem);

  /** A fixed lambda >= 0. */
  record Absolute(double lambda) implements Penalty {
    public Absolute {
      Check.nonNegative(lambda, "nuclear-norm weight lambda");
    }

    @Override
    public double resolve(Problem problem) {
      return lambda;
    }
  }

  /** lambda = fraction * lambda_max. */
  record Relative(double fraction) implements Penalty {
    public Relative {
      Check.inRange(fraction, 0.0, 1.0, "nuclear-norm weight as a fraction of lambda_max");
    }

    @Override
    public double resolve(Problem problem) {
      return fraction * lambdaMax(problem);
    }
  }

  /**
   * lambda_max: for the PSD problem min 1/2 ||A(Z) - y||^2 + lambda tr Z, Z = 0 is optimal exactly
   * when lambda >= lambda_1(A*(y)) (so lambda_max = max(lambda_1, 0)); for min 1/2 ||A(Z) - y||^2 +
   * lambda ||Z||_* over all Z, exactly when lambda >= ||A*(y)|| (the dual norm).
   */
  static double lambdaMax(Problem problem) {
    return problem.operator().symmetric() ? Math.max(problem.spectrum().lambda1(), 0.0)
        : problem.adjointSpectralNorm();
  }
}
