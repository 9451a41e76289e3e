package io.lowrank.solver;

import io.lowrank.linalg.Check;
import io.lowrank.model.Problem;

/** How the step size mu is chosen (docs/math.md §3). */
public sealed interface StepRule permits StepRule.Absolute, StepRule.SpectralFraction {

  /** The step size for this problem. */
  double resolve(Problem problem);

  /** A fixed step size mu > 0. */
  record Absolute(double mu) implements StepRule {
    public Absolute {
      Check.positive(mu, "step size");
    }

    @Override
    public double resolve(Problem problem) {
      return mu;
    }
  }

  /**
   * mu = c / lambda_1(A*(y)), with lambda_1 the largest eigenvalue of A*(y) for symmetric models
   * and, for asymmetric (n1 x n2) models, of its symmetric dilation [[0, A*(y)], [A*(y)^T, 0]],
   * which is sigma_1(A*(y)) = ||A*(y)|| ({@link Problem#spectralScale()}). Either way it estimates
   * ||M*|| from data alone, so one c means the same for every model. The default is c = 0.25.
   */
  record SpectralFraction(double c) implements StepRule {
    public static final double DEFAULT_C = 0.25;

    public SpectralFraction {
      Check.positive(c, "step fraction c");
    }

    @Override
    public double resolve(Problem problem) {
      double lambda1 = problem.spectralScale();
      if (!(lambda1 > 0) || !Double.isFinite(lambda1)) {
        throw new IllegalArgumentException(
            "lambda_1(A*(y)) = " + lambda1 + (lambda1 == 0 ? " (the data y are zero: nothing to fit)"
                : Double.isFinite(lambda1) ? " is not positive" : " is not finite (the data y overflow double precision)")
                + ", so the step c / lambda_1 is undefined; " + (lambda1 == 0 ? "give nonzero data, or an absolute step size"
                : "scale the data to magnitudes below 1e100, or give an absolute step size"));
      }
      return c / lambda1;
    }
  }

  /** The default rule, c = 0.25. */
  static StepRule defaultRule() {
    return new SpectralFraction(SpectralFraction.DEFAULT_C);
  }
}
