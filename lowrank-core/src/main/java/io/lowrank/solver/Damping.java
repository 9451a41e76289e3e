package io.lowrank.solver;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Decompositions;
import io.lowrank.linalg.Mat;
import io.lowrank.model.Problem;

/**
 * The damping lambda of the ScaledGD preconditioner (P^T P + lambda I)^{-1} (docs/math.md §5).
 * {@link None} is exact-rank ScaledGD, {@link Fixed} and {@link SpectralFraction} are
 * ScaledGD(lambda), {@link RootLoss} is PrecGD. Problem-dependent rules are fixed once per
 * trajectory by {@link #resolve(Problem)}.
 */
public sealed interface Damping permits Damping.None, Damping.Fixed, Damping.SpectralFraction, Damping.RootLoss {

  /** The damping at the current loss (only for resolved rules). */
  double at(double loss);

  /** This rule with its problem-dependent constants fixed. */
  default Damping resolve(Problem problem) {
    return this;
  }

  /** lambda = 0: ScaledGD of Tong, Ma and Chi (2021), for the exact rank r' = r. */
  record None() implements Damping {
    @Override
    public double at(double loss) {
      return 0.0;
    }
  }

  /** A fixed lambda > 0: ScaledGD(lambda) of Xu, Shen, Ma and Chi (2023). */
  record Fixed(double lambda) implements Damping {
    public Fixed {
      Check.positive(lambda, "damping lambda");
    }

    @Override
    public double at(double loss) {
      return lambda;
    }
  }

  /**
   * lambda = c * lambda_k(A*(y)), with k the rank r (given) or, when {@code rank == 0}, its
   * estimate from the largest eigen-gap of A*(y) (docs/math.md §7); the default is c = 0.1, so that
   * lambda ~ 0.1 sigma_r(M*) from data alone. Asymmetric models use the k-th singular value.
   *
   * @param c the fraction, > 0
   * @param rank k >= 1, or 0 to estimate it
   */
  record SpectralFraction(double c, int rank) implements Damping {
    /** The default fraction of docs/math.md §5. */
    public static final double DEFAULT_C = 0.1;

    public SpectralFraction {
      Check.positive(c, "damping fraction c");
      Check.inRange(rank, 0, Integer.MAX_VALUE - 1, "rank for the damping (0 estimates it)");
    }

    @Override
    public double at(double loss) {
      throw new IllegalStateException("resolve the spectral damping against a problem first");
    }

    @Override
    public Damping resolve(Problem problem) {
      double value;
      if (problem.operator().symmetric()) {
        var spectrum = problem.spectrum();
        int k = rank > 0 ? rank : spectrum.estimateRank(problem.n() - 1);
        Check.inRange(k, 1, problem.n(), "rank for the damping");
        value = spectrum.lambda(k);
      } else {
        Mat dense = new Mat(problem.operator().rows(), problem.operator().cols());
        problem.operator().adjointDense(problem.y(), dense);
        double[] s = Decompositions.singularValues(dense);
        int k = rank > 0 ? rank : largestGap(s);
        Check.inRange(k, 1, s.length, "rank for the damping");
        value = s[k - 1];
      }
      if (!(value > 0)) {
        throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
            "the default damping c * lambda_%d(A*(y)) is not positive (lambda = %s); give a fixed damping",
            rank, value));
      }
      return new Fixed(c * value);
    }

    private static int largestGap(double[] s) {
      int best = 1;
      double gap = Double.NEGATIVE_INFINITY;
      for (int k = 1; k < s.length; k++) {
        if (s[k - 1] - s[k] > gap) {
          gap = s[k - 1] - s[k];
          best = k;
        }
      }
      return best;
    }
  }

  /** lambda_t = sqrt(f(U_t)): PrecGD of Zhang, Fattahi and Zhang (2021). */
  record RootLoss() implements Damping {
    @Override
    public double at(double loss) {
      return Math.sqrt(Math.max(loss, 0.0));
    }
  }
}
