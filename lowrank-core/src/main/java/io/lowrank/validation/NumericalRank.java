package io.lowrank.validation;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Decompositions;
import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;

/**
 * Singular values of a factored matrix L R^T and its numerical rank (docs/math.md §9): the number of
 * singular values above 1e-3 sigma_1. Computed from two thin QR factorisations, L = Q_L T_L and
 * R = Q_R T_R, as the singular values of the k x k core T_L T_R^T, so an n1 x n2 product is never
 * formed when n1, n2 >= k.
 */
public final class NumericalRank {
  /** The relative threshold of docs/math.md §9. */
  public static final double DEFAULT_RELATIVE_THRESHOLD = 1e-3;

  private NumericalRank() {}

  /** Singular values of L R^T (L n1 x k, R n2 x k), descending; min(n1, n2, k) of them. */
  public static double[] singularValues(Mat left, Mat right) {
    Check.shape(left.cols() == right.cols(), "L is %s and R is %s: widths differ", left, right);
    int k = left.cols();
    if (isZero(left) || isZero(right)) {
      return new double[Math.min(k, Math.min(left.rows(), right.rows()))];
    }
    if (left == right) {
      double[] s = Decompositions.singularValues(left);
      for (int i = 0; i < s.length; i++) {
        s[i] *= s[i];
      }
      return s;
    }
    if (left.rows() < k || right.rows() < k) {
      Mat product = new Mat(left.rows(), right.rows());
      Dense.multiplyTransB(left, right, product);
      return Decompositions.singularValues(product);
    }
    Mat core = new Mat(k, k);
    Dense.multiplyTransB(triangle(left), triangle(right), core);
    return Decompositions.singularValues(core);
  }

  private static boolean isZero(Mat f) {
    for (double v : f.data()) {
      if (v != 0.0) {
        return false;
      }
    }
    return true;
  }

  /** T = Q^T F for the orthonormal Q of a thin QR of F. */
  private static Mat triangle(Mat f) {
    Mat q = Decompositions.orthonormalColumns(f);
    Mat t = new Mat(f.cols(), f.cols());
    Dense.multiplyTransA(q, f, t);
    return t;
  }

  /** The number of singular values above {@code relativeThreshold} times the largest. */
  public static int count(double[] singularValues, double relativeThreshold) {
    if (singularValues.length == 0 || !(singularValues[0] > 0)) {
      return 0;
    }
    int r = 0;
    for (double s : singularValues) {
      if (s > relativeThreshold * singularValues[0]) {
        r++;
      }
    }
    return r;
  }

  /** The numerical rank of L R^T at the default threshold 1e-3 sigma_1. */
  public static int of(Mat left, Mat right) {
    return count(singularValues(left, right), DEFAULT_RELATIVE_THRESHOLD);
  }
}
