package io.lowrank.model;

import io.lowrank.linalg.Check;

/**
 * Parameters of a planted PSD ground truth M* = X X^T (docs/math.md §2).
 *
 * @param n dimension, >= 1
 * @param r rank, 1 ≤ r ≤ n
 * @param kappa condition number sigma_1(M*) / sigma_r(M*), >= 1
 * @param spacing spacing of the singular values of X
 */
public record GroundTruthSpec(int n, int r, double kappa, Spacing spacing) {
  public GroundTruthSpec {
    Check.positive(n, "n");
    Check.inRange(r, 1, n, "r (rank, at most n)");
    Check.inRange(kappa, 1.0, 1e12, "kappa (condition number of M*)");
    if (spacing == null) {
      throw new IllegalArgumentException("spacing must be GEOMETRIC or LINEAR");
    }
  }

  /** Geometric spacing. */
  public static GroundTruthSpec of(int n, int r, double kappa) {
    return new GroundTruthSpec(n, r, kappa, Spacing.GEOMETRIC);
  }

  /** The singular values s_1 = 1 >= ... >= s_r = 1/sqrt(kappa) of X. */
  public double[] factorSingularValues() {
    double[] s = new double[r];
    double last = 1.0 / Math.sqrt(kappa);
    for (int k = 0; k < r; k++) {
      double t = r == 1 ? 0.0 : (double) k / (r - 1);
      s[k] = spacing == Spacing.GEOMETRIC ? Math.pow(last, t) : 1.0 - t * (1.0 - last);
    }
    return s;
  }
}
