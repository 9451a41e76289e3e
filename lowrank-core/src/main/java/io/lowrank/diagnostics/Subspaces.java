package io.lowrank.diagnostics;

import io.lowrank.linalg.Decompositions;
import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;

/** Principal angles between subspaces given by orthonormal bases (docs/math.md §7). */
public final class Subspaces {
  private Subspaces() {}

  /**
   * sin of the largest principal angle between span(a) and span(b), for orthonormal bases a (n x p)
   * and b (n x q) with q ≤ p: ||(I - a a^T) b||, the spectral norm.
   */
  public static double sinLargestAngle(Mat a, Mat b) {
    Mat atb = new Mat(a.cols(), b.cols());
    Dense.multiplyTransA(a, b, atb);
    Mat proj = new Mat(b.rows(), b.cols());
    Dense.multiply(a, atb, proj);
    Mat resid = b.copy();
    Dense.axpy(-1.0, proj.data(), resid.data());
    return Math.min(1.0, spectralNorm(resid));
  }

  /** The spectral norm ||m||. */
  public static double spectralNorm(Mat m) {
    if (m.cols() == 0 || m.rows() == 0) {
      return 0.0;
    }
    return Decompositions.singularValues(m)[0];
  }

  /** The first k columns of m (n x k copy). */
  public static Mat leadingColumns(Mat m, int k) {
    return m.leadingColumns(k);
  }
}
