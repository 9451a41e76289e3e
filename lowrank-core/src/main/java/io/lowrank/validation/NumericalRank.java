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

  /**
   * The rank threshold of a completed matrix (docs/math.md §9, "Numerical rank"): the larger of
   * {@code 1e-3 sigma_1} and the noise level {@code rms (sqrt(n1) + sqrt(n2)) / sqrt(p)}, the
   * spectral norm of the rescaled residual P_Omega(E) / p of an n1 x n2 matrix observed at density p
   * with i.i.d. entry errors of root-mean-square {@code rms}. Components below it cannot be told apart
   * from fitted noise.
   *
   * @param singularValues the singular values, descending
   * @param residualRms the per-entry error estimate (the held-out RMSE), >= 0 (NaN: relative rule only)
   * @param rows n1
   * @param cols n2
   * @param observed |Omega|, the entries fitted, 1 ≤ observed ≤ n1 n2
   */
  public static double noiseAwareThreshold(double[] singularValues, double residualRms, int rows, int cols,
      long observed) {
    Check.positive(rows, "rows");
    Check.positive(cols, "columns");
    Check.positive(observed, "observed entries");
    double relative = singularValues.length == 0 ? 0.0 : DEFAULT_RELATIVE_THRESHOLD * singularValues[0];
    if (!(residualRms >= 0)) {
      return relative;
    }
    double density = Math.min(1.0, observed / ((double) rows * cols));
    double noise = residualRms * (Math.sqrt(rows) + Math.sqrt(cols)) / Math.sqrt(density);
    return Math.max(relative, noise);
  }

  /** The ratio sigma_k / sigma_(k+1) that counts as a gap between signal and start residue ({@link #rankWithGap}). */
  public static final double GAP_RATIO = 20.0;

  /**
   * The numerical rank of docs/math.md §9: the number of singular values above {@code threshold},
   * cut further at the largest ratio gap sigma_k / sigma_(k+1) >= {@link #GAP_RATIO} among them
   * (directions a small start leaves behind sit orders of magnitude below the fitted ones).
   */
  public static int rankWithGap(double[] singularValues, double threshold) {
    int count = countAbove(singularValues, threshold);
    int cut = count;
    double bestRatio = GAP_RATIO;
    for (int k = 1; k < count; k++) {
      double ratio = singularValues[k - 1] / singularValues[k];
      if (ratio >= bestRatio) {
        bestRatio = ratio;
        cut = k;
      }
    }
    return cut;
  }

  /** The number of singular values strictly above {@code threshold}. */
  public static int countAbove(double[] singularValues, double threshold) {
    int r = 0;
    for (double s : singularValues) {
      if (s > threshold) {
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
