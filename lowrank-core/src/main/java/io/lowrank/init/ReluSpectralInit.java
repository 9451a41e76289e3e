package io.lowrank.init;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Decompositions;
import io.lowrank.linalg.Mat;
import io.lowrank.model.Problem;
import io.lowrank.operator.EntrySampling;

/**
 * The debiased spectral start for symmetric completion under ReLU sampling (docs/math.md,
 * "ReLU sampling"), lowrank's stand-in for the tailored initialisation of Liu, Wang, Huang, Qu and
 * Balzano (ICML 2024), whose exact construction we could not retrieve.
 *
 * <p>Under ReLU sampling Omega = {(i, j) : M*_ij &gt; 0}, so the zero-filled data is R = max(M*, 0)
 * and the plain spectral start (top eigenpairs of A*(y) = R / p) is biased: max(t, 0) = t/2 + |t|/2,
 * and for rows x_i of X in general position |x_i^T x_j| ≈ c_r d_i d_j with d_i = ||x_i|| = sqrt(M*_ii)
 * (observed: the diagonal is positive) and c_r = E|cos θ| between two independent uniform directions
 * of R^r, c_r = Γ(r/2) / (sqrt(π) Γ((r+1)/2)) (c_1 = 1, c_2 = 2/π, c_3 = 1/2). Hence the estimate
 * <pre>  M^_ii = R_ii,   M^_ij = 2 R_ij - c_r d_i d_j  (i != j),</pre>
 * which uses the information the sampling pattern carries: an unobserved entry is negative. For
 * r = 1 it is exact (|x_i x_j| = d_i d_j), for r &gt;= 2 its error is |M*| - c_r d d^T, whose
 * spectrum is spread. U_0 = V_k Λ_k,+^{1/2} from the top k = min(rank, width) eigenpairs of M^;
 * spare columns as in {@link SpectralInit} (padAlpha G / sqrt(r'), seed stream of the caller).
 * Forms an n x n dense matrix and its eigen-decomposition (O(n^3) set-up).
 *
 * @param rank k, the number of eigenpairs (the planted r)
 * @param padAlpha scale of the spare columns, &gt;= 0
 */
public record ReluSpectralInit(int rank, double padAlpha) implements Initialiser {
  public ReluSpectralInit {
    Check.positive(rank, "relu-spectral rank");
    Check.nonNegative(padAlpha, "relu-spectral padding scale");
  }

  /** c_r = E|cos θ| for two independent uniform directions of R^r: Γ(r/2) / (sqrt(π) Γ((r+1)/2)). */
  public static double meanAbsCosine(int r) {
    Check.positive(r, "dimension r");
    // c_1 = 1, c_2 = 2/pi, and c_{r+2} = c_r (r / (r + 1)) from Γ(x + 1) = x Γ(x).
    double c = r % 2 == 1 ? 1.0 : 2.0 / Math.PI;
    for (int k = r % 2 == 1 ? 1 : 2; k < r; k += 2) {
      c *= k / (k + 1.0);
    }
    return c;
  }

  /** The debiased estimate M^ (n x n) of the planted matrix from ReLU-sampled entries. */
  public static Mat estimate(Problem problem, int rank) {
    if (!(problem.operator() instanceof EntrySampling op) || !op.symmetric()) {
      throw new IllegalArgumentException("the relu-spectral start needs a symmetric completion problem (ReLU "
          + "sampling), got " + problem.operator().getClass().getSimpleName());
    }
    int n = op.rows();
    double scale = op.measure(1.0);
    double[] y = problem.y();
    Mat r = new Mat(n, n);
    for (int e = 0; e < op.size(); e++) {
      double v = y[e] / scale;
      r.set(op.row(e), op.col(e), v);
      r.set(op.col(e), op.row(e), v);
    }
    double c = meanAbsCosine(rank);
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = Math.sqrt(Math.max(r.get(i, i), 0.0));
    }
    Mat m = new Mat(n, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m.set(i, j, i == j ? r.get(i, i) : 2 * r.get(i, j) - c * d[i] * d[j]);
      }
    }
    return m;
  }

  @Override
  public Mat initialise(Problem problem, int width, long seed) {
    int n = problem.n();
    Check.inRange(width, 1, n, "width r'");
    Check.inRange(rank, 1, n, "relu-spectral rank");
    Decompositions.SymmetricEigen eig = Decompositions.symmetricEigen(estimate(problem, rank));
    int k = Math.min(rank, width);
    Mat u = new Mat(n, width);
    for (int col = 0; col < k; col++) {
      double s = Math.sqrt(Math.max(eig.values()[col], 0.0));
      for (int i = 0; i < n; i++) {
        u.set(i, col, eig.vectors().get(i, col) * s);
      }
    }
    SpectralInit.pad(u, k, padAlpha, seed);
    return u;
  }
}
