package io.lowrank.model;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Decompositions;
import io.lowrank.linalg.Mat;
import io.lowrank.operator.MeasurementOperator;
import io.lowrank.random.Seeds;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A reconstruction problem: an operator A, data y = A(M*) + e and, on synthetic problems, the
 * ground truth. Immutable; the spectrum of A*(y) is computed once on first use.
 */
public final class Problem {
  private final MeasurementOperator operator;
  private final double[] y;
  private final GroundTruth truth;
  private volatile DataSpectrum spectrum;

  private Problem(MeasurementOperator operator, double[] y, GroundTruth truth) {
    this.operator = operator;
    this.y = y;
    this.truth = truth;
  }

  /** A problem from given data (copied); {@code truth} may be null on real data. */
  public static Problem of(MeasurementOperator operator, double[] y, GroundTruth truth) {
    Check.shape(y.length == operator.size(), "y has %d entries but the operator makes m = %d measurements",
        y.length, operator.size());
    Check.finite(y, "y");
    if (truth != null) {
      Check.shape(truth.n() == operator.rows() && truth.n() == operator.cols(),
          "ground truth is %d x %d but the operator measures %d x %d matrices",
          truth.n(), truth.n(), operator.rows(), operator.cols());
    }
    return new Problem(operator, y.clone(), truth);
  }

  /**
   * Synthetic sensing: y = A(X X^T) + e with e_i i.i.d. N(0, sigma^2) drawn from {@code noiseSeed}.
   */
  public static Problem sense(MeasurementOperator operator, GroundTruth truth, double sigma, long noiseSeed) {
    Check.nonNegative(sigma, "noise sigma");
    double[] y = new double[operator.size()];
    MeasurementOperator.Workspace ws = operator.workspace(truth.rank());
    operator.forward(truth.factor(), truth.factor(), y, ws);
    if (sigma > 0) {
      SplittableRandom rng = Seeds.rng(noiseSeed);
      for (int i = 0; i < y.length; i++) {
        y[i] += sigma * rng.nextGaussian();
      }
    }
    return new Problem(operator, y, truth);
  }

  public MeasurementOperator operator() {
    return operator;
  }

  /** The data y (internal array: do not modify). */
  public double[] y() {
    return y;
  }

  public Optional<GroundTruth> truth() {
    return Optional.ofNullable(truth);
  }

  /** n1 (= n for symmetric problems). */
  public int n() {
    return operator.rows();
  }

  /** Eigen-decomposition of A*(y) (symmetric models only), computed once. */
  public DataSpectrum spectrum() {
    DataSpectrum s = spectrum;
    if (s == null) {
      synchronized (this) {
        s = spectrum;
        if (s == null) {
          if (!operator.symmetric()) {
            throw new UnsupportedOperationException("the eigen-spectrum of A*(y) needs a symmetric model");
          }
          Mat dense = new Mat(operator.rows(), operator.cols());
          operator.adjointDense(y, dense);
          Decompositions.SymmetricEigen eig = Decompositions.symmetricEigen(dense);
          s = new DataSpectrum(eig.values(), eig.vectors());
          spectrum = s;
        }
      }
    }
    return s;
  }
}
