package io.lowrank.model;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Decompositions;
import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.random.Seeds;
import java.util.SplittableRandom;

/**
 * A planted rectangular low-rank matrix M* = L* R*^T in R^{n1 x n2} (docs/math.md §2). Generated as
 * L* = Q_L diag(s), R* = Q_R diag(s) with Q_L, Q_R orthonormal (QR of Gaussian matrices) and s the
 * factor singular values of {@link GroundTruthSpec} (s_1 = 1, s_r = 1/sqrt(kappa)), so that, as in
 * the symmetric case, ||M*|| = 1, kappa is the condition number of M*, and L* and R* are balanced
 * (L*^T L* = R*^T R*). Immutable: accessors return internal matrices that callers must not modify.
 */
public final class AsymmetricGroundTruth {
  private final Mat left;
  private final Mat right;
  private final Mat target;
  private final double targetNorm;

  private AsymmetricGroundTruth(Mat left, Mat right) {
    this.left = left;
    this.right = right;
    this.target = new Mat(left.rows(), right.rows());
    Dense.multiplyTransB(left, right, target);
    this.targetNorm = Dense.normF(target);
  }

  /** Draws M* of size n1 x n2, rank r, condition number kappa (geometric spacing) from {@code seed}. */
  public static AsymmetricGroundTruth generate(int n1, int n2, int r, double kappa, long seed) {
    return generate(n1, n2, r, kappa, Spacing.GEOMETRIC, seed);
  }

  /** Draws M* of size n1 x n2, rank r, condition number kappa, the given spacing, from {@code seed}. */
  public static AsymmetricGroundTruth generate(int n1, int n2, int r, double kappa, Spacing spacing, long seed) {
    Check.positive(n1, "n1");
    Check.positive(n2, "n2");
    Check.inRange(r, 1, Math.min(n1, n2), "r (rank, at most min(n1, n2))");
    double[] s = new GroundTruthSpec(Math.min(n1, n2), r, kappa, spacing).factorSingularValues();
    SplittableRandom rng = Seeds.rng(seed);
    Mat l = scaledBasis(n1, r, s, rng);
    Mat rr = scaledBasis(n2, r, s, rng);
    return new AsymmetricGroundTruth(l, rr);
  }

  private static Mat scaledBasis(int n, int r, double[] s, SplittableRandom rng) {
    Mat g = new Mat(n, r);
    Seeds.gaussian(rng, 1.0, g.data(), 0, n * r);
    Mat q = Decompositions.orthonormalColumns(g);
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < r; k++) {
        q.set(i, k, q.get(i, k) * s[k]);
      }
    }
    return q;
  }

  /** A ground truth from given factors (copied): L* n1 x r, R* n2 x r, finite. */
  public static AsymmetricGroundTruth ofFactors(Mat left, Mat right) {
    Check.finite(left.data(), "L*");
    Check.finite(right.data(), "R*");
    Check.shape(left.cols() == right.cols() && left.cols() >= 1,
        "L* is %s and R* is %s: they need the same number r >= 1 of columns", left, right);
    return new AsymmetricGroundTruth(left.copy(), right.copy());
  }

  public int rows() {
    return left.rows();
  }

  public int cols() {
    return right.rows();
  }

  /** The width r of the planted factors. */
  public int rank() {
    return left.cols();
  }

  /** L* (n1 x r). */
  public Mat left() {
    return left;
  }

  /** R* (n2 x r). */
  public Mat right() {
    return right;
  }

  /** M* = L* R*^T (n1 x n2). */
  public Mat target() {
    return target;
  }

  /** ||M*||_F. */
  public double targetNormF() {
    return targetNorm;
  }
}
