package io.lowrank.init;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Decompositions;
import io.lowrank.linalg.Mat;
import io.lowrank.model.DataSpectrum;
import io.lowrank.model.Problem;
import io.lowrank.random.Seeds;
import java.util.SplittableRandom;

/**
 * Spectral initialisation (docs/math.md §5): with (V_k, Lambda_k) the top-k eigenpairs of A*(y),
 * U_0 = V_k Lambda_k,+^{1/2} (negative eigenvalues clipped to 0), so that U_0 U_0^T is the best
 * rank-k PSD approximation of A*(y). Here k = min(rank, width); when the run is wider than the
 * rank (r' &gt; k) the remaining r' - k columns are {@code padAlpha} G / sqrt(r') with G Gaussian
 * drawn from the seed (the small random initialisation of the spare directions), or zero when
 * {@code padAlpha == 0}. Without padding the seed is ignored. Symmetric models; the asymmetric
 * counterpart is {@link #pair}.
 *
 * @param rank the number of eigenpairs used, >= 1 (the rank r on synthetic problems)
 * @param padAlpha scale of the spare columns, >= 0
 */
public record SpectralInit(int rank, double padAlpha) implements Initialiser {
  public SpectralInit {
    Check.positive(rank, "spectral rank");
    Check.nonNegative(padAlpha, "spectral padding scale");
  }

  /** Top-r eigenpairs, zero padding. */
  public static SpectralInit of(int rank) {
    return new SpectralInit(rank, 0.0);
  }

  @Override
  public Mat initialise(Problem problem, int width, long seed) {
    int n = problem.n();
    Check.inRange(width, 1, n, "width r'");
    Check.inRange(rank, 1, n, "spectral rank");
    DataSpectrum spectrum = problem.spectrum();
    int k = Math.min(rank, width);
    Mat u = new Mat(n, width);
    Mat v = spectrum.eigenvectors();
    for (int c = 0; c < k; c++) {
      double scale = Math.sqrt(Math.max(spectrum.lambda(c + 1), 0.0));
      for (int i = 0; i < n; i++) {
        u.set(i, c, v.get(i, c) * scale);
      }
    }
    pad(u, k, padAlpha, seed);
    return u;
  }

  /**
   * Fills columns k..r'-1 of {@code u} (n x r') with padAlpha G / sqrt(r'), G Gaussian from
   * {@code seed} in row-major order; leaves them as they are when padAlpha == 0 or k == r'.
   */
  static void pad(Mat u, int k, double padAlpha, long seed) {
    int width = u.cols();
    if (width > k && padAlpha > 0) {
      SplittableRandom rng = Seeds.rng(seed);
      double s = padAlpha / Math.sqrt(width);
      for (int i = 0; i < u.rows(); i++) {
        for (int c = k; c < width; c++) {
          u.set(i, c, s * rng.nextGaussian());
        }
      }
    }
  }

  /**
   * The asymmetric spectral start (docs/math.md §5): with U_k Sigma_k V_k^T the top-k singular triplets of
   * A*(y) (n1 x n2), L_0 = U_k Sigma_k^{1/2}, R_0 = V_k Sigma_k^{1/2}, k = min(rank, width), spare
   * columns zero. Forms A*(y) densely and takes its SVD (set-up cost O(n1 n2 min(n1, n2))).
   */
  public static FactorPair pair(Problem problem, int rank, int width) {
    int n1 = problem.operator().rows();
    int n2 = problem.operator().cols();
    Check.inRange(width, 1, Math.min(n1, n2), "width r'");
    Check.inRange(rank, 1, Math.min(n1, n2), "spectral rank");
    Mat dense = new Mat(n1, n2);
    problem.operator().adjointDense(problem.y(), dense);
    Decompositions.Svd svd = Decompositions.svd(dense, true);
    int k = Math.min(rank, width);
    Mat left = new Mat(n1, width);
    Mat right = new Mat(n2, width);
    for (int c = 0; c < k; c++) {
      double s = Math.sqrt(svd.s()[c]);
      for (int i = 0; i < n1; i++) {
        left.set(i, c, svd.u().get(i, c) * s);
      }
      for (int i = 0; i < n2; i++) {
        right.set(i, c, svd.v().get(i, c) * s);
      }
    }
    return new FactorPair(left, right);
  }
}
