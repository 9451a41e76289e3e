package io.lowrank.experiment.completion;

import io.lowrank.linalg.Check;
import io.lowrank.validation.EarlyStopping;
import io.lowrank.validation.HoldOut;

/**
 * A validated rank-free completion run (MATH.md §5): a wide factor pair from a small start, plain
 * GD, validation early stopping.
 *
 * @param width r', or 0 for the default min(n1, n2, 100)
 * @param alpha scale of the small start L_0 = alpha G_L / sqrt(r'), R_0 likewise (balanced)
 * @param stepFraction c in mu = c / ||A*(y)||
 * @param holdOut fraction of the entries held out for validation, in (0, 1)
 * @param patience stop after this many iterations without validation progress
 * @param maxIterations iteration budget
 * @param validateEvery validation cadence (iterations)
 * @param centring baseline removed before fitting
 * @param biasLambda regularisation of the row and column biases
 * @param seed master seed (split, init streams)
 */
public record CompletionSpec(int width, double alpha, double stepFraction, double holdOut, int patience,
    int maxIterations, int validateEvery, Centring centring, double biasLambda, long seed) {

  /** The default width cap of MATH.md §5. */
  public static final int MAX_DEFAULT_WIDTH = 100;

  public CompletionSpec {
    Check.inRange(width, 0, Integer.MAX_VALUE - 8, "width r' (0 for the default)");
    Check.positive(alpha, "alpha");
    Check.positive(stepFraction, "step fraction c");
    if (!(holdOut > 0 && holdOut < 1)) {
      throw new IllegalArgumentException("hold-out fraction must be strictly between 0 and 1, got " + holdOut);
    }
    Check.positive(patience, "patience");
    Check.inRange(maxIterations, 0, Integer.MAX_VALUE - 1, "max iterations");
    Check.positive(validateEvery, "validate-every");
    if (centring == null) {
      throw new IllegalArgumentException("centring is required (none, mean or biases)");
    }
    Check.nonNegative(biasLambda, "bias regularisation");
  }

  /** The defaults: width min(n1, n2, 100), alpha 1e-3, c 0.25, hold-out 0.1, patience 200, 5000 iterations. */
  public static CompletionSpec defaults(long seed) {
    return new CompletionSpec(0, 1e-3, 0.25, HoldOut.DEFAULT_FRACTION, 200, 5000, 5, Centring.BIASES, 10.0, seed);
  }

  /** The width used for an n1 x n2 matrix. */
  public int widthFor(int n1, int n2) {
    return width > 0 ? width : Math.min(Math.min(n1, n2), MAX_DEFAULT_WIDTH);
  }

  /** The minimum relative improvement of the early-stopping rule. */
  public double minRelativeImprovement() {
    return EarlyStopping.DEFAULT_MIN_RELATIVE_IMPROVEMENT;
  }

  public CompletionSpec withWidth(int w) {
    return new CompletionSpec(w, alpha, stepFraction, holdOut, patience, maxIterations, validateEvery, centring,
        biasLambda, seed);
  }

  public CompletionSpec withCentring(Centring c) {
    return new CompletionSpec(width, alpha, stepFraction, holdOut, patience, maxIterations, validateEvery, c,
        biasLambda, seed);
  }

  public CompletionSpec withMaxIterations(int iters) {
    return new CompletionSpec(width, alpha, stepFraction, holdOut, patience, iters, validateEvery, centring,
        biasLambda, seed);
  }
}
