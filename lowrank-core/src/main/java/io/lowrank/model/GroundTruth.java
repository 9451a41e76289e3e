package io.lowrank.model;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Decompositions;
import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.random.Seeds;
import java.util.SplittableRandom;

/**
 * A planted PSD low-rank matrix M* = X X^T with X in R^{n x r} (docs/math.md §2). Immutable: the
 * accessors return the internal matrices, which callers must not modify.
 */
public final class GroundTruth {
  private final Mat x;
  private final Mat basis;
  private final double[] factorSingularValues;
  private final Mat target;
  private final double targetNorm;

  private GroundTruth(Mat x) {
    this.x = x;
    Decompositions.Svd svd = Decompositions.svd(x, true);
    this.factorSingularValues = svd.s();
    this.basis = svd.u();
    this.target = new Mat(x.rows(), x.rows());
    Dense.multiplyTransB(x, x, target);
    this.targetNorm = Dense.normF(target);
  }

  /**
   * Generates X = Q diag(s) with Q the orthonormal factor of the QR decomposition of an n x r
   * Gaussian matrix drawn from {@code seed}, and s from {@link GroundTruthSpec#factorSingularValues()},
   * so that ||M*|| = 1 and the condition number of M* is kappa.
   */
  public static GroundTruth generate(GroundTruthSpec spec, long seed) {
    int n = spec.n();
    int r = spec.r();
    Mat g = new Mat(n, r);
    SplittableRandom rng = Seeds.rng(seed);
    Seeds.gaussian(rng, 1.0, g.data(), 0, n * r);
    Mat q = Decompositions.orthonormalColumns(g);
    double[] s = spec.factorSingularValues();
    Mat x = new Mat(n, r);
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < r; k++) {
        x.set(i, k, q.get(i, k) * s[k]);
      }
    }
    return new GroundTruth(x);
  }

  /** A ground truth from a given factor X (copied); X must be finite with full column rank. */
  public static GroundTruth ofFactor(Mat x) {
    Check.finite(x.data(), "X");
    Check.shape(x.cols() >= 1 && x.cols() <= x.rows(),
        "X must be n x r with 1 <= r <= n, got %d x %d", x.rows(), x.cols());
    GroundTruth t = new GroundTruth(x.copy());
    double[] s = t.factorSingularValues;
    Check.shape(s[s.length - 1] > 1e-12 * s[0], "X must have full column rank (singular values %s)",
        java.util.Arrays.toString(s));
    return t;
  }

  public int n() {
    return x.rows();
  }

  public int rank() {
    return x.cols();
  }

  /** The factor X (n x r). */
  public Mat factor() {
    return x;
  }

  /** V_X: an orthonormal basis (n x r) of the column space of X. */
  public Mat basis() {
    return basis;
  }

  /** M* = X X^T (n x n). */
  public Mat target() {
    return target;
  }

  /** ||M*||_F. */
  public double targetNormF() {
    return targetNorm;
  }

  /** Singular values of X, descending; those of M* are their squares. */
  public double[] factorSingularValues() {
    return factorSingularValues.clone();
  }

  /** sigma_r(M*), the smallest nonzero eigenvalue of M*. */
  public double smallestEigenvalue() {
    double s = factorSingularValues[factorSingularValues.length - 1];
    return s * s;
  }

  /** tr(M*). */
  public double traceTarget() {
    return Dense.trace(target);
  }

  /** Condition number of M*. */
  public double kappa() {
    double s1 = factorSingularValues[0];
    return s1 * s1 / smallestEigenvalue();
  }
}
