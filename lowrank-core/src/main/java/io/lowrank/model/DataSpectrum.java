package io.lowrank.model;

import io.lowrank.linalg.Mat;

/**
 * Eigen-decomposition of the symmetric matrix A*(y): the data-only spectral quantities of
 * docs/math.md §3–§4 (step-size scale lambda_1, spectral subspace, rank estimate).
 *
 * @param eigenvalues all n eigenvalues, descending
 * @param eigenvectors n x n, column k is the eigenvector of eigenvalues[k]
 */
public record DataSpectrum(double[] eigenvalues, Mat eigenvectors) {

  /** lambda_1(A*(y)). */
  public double lambda1() {
    return eigenvalues[0];
  }

  /** lambda_k(A*(y)) for k = 1..n. */
  public double lambda(int k) {
    return eigenvalues[k - 1];
  }

  /** The top-r eigenvectors (n x r): the spectral subspace L. */
  public Mat topEigenspace(int r) {
    return eigenvectors.leadingColumns(r);
  }

  /**
   * The rank estimate of docs/math.md §7: the k in 1..maxRank maximising the gap
   * lambda_k - lambda_{k+1} among positive eigenvalues.
   */
  public int estimateRank(int maxRank) {
    int best = 1;
    double bestGap = Double.NEGATIVE_INFINITY;
    int limit = Math.min(maxRank, eigenvalues.length - 1);
    for (int k = 1; k <= limit && eigenvalues[k - 1] > 0; k++) {
      double gap = eigenvalues[k - 1] - eigenvalues[k];
      if (gap > bestGap) {
        bestGap = gap;
        best = k;
      }
    }
    return best;
  }
}
