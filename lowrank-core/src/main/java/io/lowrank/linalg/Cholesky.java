package io.lowrank.linalg;

/**
 * A preallocated Cholesky factorisation G = L L^T of a small symmetric positive definite k x k
 * matrix, for the r' x r' solves of preconditioned methods (ScaledGD, ALS ridge steps). One
 * instance serves one trajectory: {@link #factor} and the solves allocate nothing.
 *
 * <p>Cost: factor O(k^3 / 3); solving for the p rows of a p x k right-hand side O(p k^2).
 */
public final class Cholesky {
  private final int k;
  private final double[] lower;

  /** Workspace for k x k matrices. */
  public Cholesky(int k) {
    this.k = Check.positive(k, "Cholesky size");
    this.lower = new double[k * k];
  }

  /** The size k. */
  public int size() {
    return k;
  }

  /**
   * Factors the symmetric k x k matrix {@code g} (row-major, only its lower triangle is read; not
   * modified). Returns false, leaving the factor unusable, when g is not numerically positive
   * definite (a pivot is not positive and finite).
   */
  public boolean factor(double[] g) {
    if (g.length != k * k) { // checked without varargs: this runs every step
      Check.shape(false, "Cholesky: matrix has %d entries, expected %d x %d", g.length, k, k);
    }
    double[] l = lower;
    for (int i = 0; i < k; i++) {
      int ri = i * k;
      for (int j = 0; j <= i; j++) {
        int rj = j * k;
        double s = g[ri + j];
        for (int p = 0; p < j; p++) {
          s -= l[ri + p] * l[rj + p];
        }
        if (i == j) {
          if (!(s > 0) || !Double.isFinite(s)) {
            return false;
          }
          l[ri + i] = Math.sqrt(s);
        } else {
          l[ri + j] = s / l[rj + j];
        }
      }
    }
    return true;
  }

  /**
   * Right division by the factored G: out = b G^{-1} for b p x k (row-major), i.e. each row x of
   * out solves G x^T = b_row^T (G is symmetric). {@code out} may be {@code b} itself.
   */
  public void solveRows(Mat b, Mat out) {
    if (b.cols() != k || out.rows() != b.rows() || out.cols() != k) {
      Check.shape(false, "Cholesky.solveRows: %s into %s with k = %d", b, out, k);
    }
    double[] l = lower;
    double[] bd = b.data();
    double[] od = out.data();
    for (int row = 0; row < b.rows(); row++) {
      int base = row * k;
      // forward: L z = b_row
      for (int i = 0; i < k; i++) {
        double s = bd[base + i];
        int ri = i * k;
        for (int p = 0; p < i; p++) {
          s -= l[ri + p] * od[base + p];
        }
        od[base + i] = s / l[ri + i];
      }
      // backward: L^T x = z
      for (int i = k - 1; i >= 0; i--) {
        double s = od[base + i];
        for (int p = i + 1; p < k; p++) {
          s -= l[p * k + i] * od[base + p];
        }
        od[base + i] = s / l[i * k + i];
      }
    }
  }
}
