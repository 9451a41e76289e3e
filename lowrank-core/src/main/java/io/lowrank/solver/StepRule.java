package io.lowrank.solver;

import io.lowrank.linalg.Check;
import io.lowrank.model.Problem;

/** How the step size mu is chosen (MATH.md §2). */
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
   * mu = c / lambda_1(A*(y)): lambda_1(A*(y)) estimates ||M*|| from data alone. The default is
   * c = 0.25.
   */
  record SpectralFraction(double c) implements StepRule {
    public static final double DEFAULT_C = 0.25;

    public SpectralFraction {
      Check.positive(c, "step fraction c");
    }

    @Override
    public double resolve(Problem problem) {
      double lambda1 = problem.spectrum().lambda1();
      if (!(lambda1 > 0)) {
        throw new IllegalArgumentException(
            "lambda_1(A*(y)) = " + lambda1 + " is not positive, so the default step c/lambda_1 is undefined; "
                + "give an absolute step size");
      }
      return c / lambda1;
    }
  }

  /** The default rule, c = 0.25. */
  static StepRule defaultRule() {
    return new SpectralFraction(SpectralFraction.DEFAULT_C);
  }
}
