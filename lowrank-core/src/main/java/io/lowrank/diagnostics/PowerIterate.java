package io.lowrank.diagnostics;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.model.DataSpectrum;

/**
 * The power-method reference of docs/math.md §5: U~_t = (I + mu A*(y))^t U_0, the linearisation of GD
 * at U = 0. Evaluated in closed form through the eigen-decomposition A*(y) = V diag(lambda) V^T,
 * U~_t = V diag((1 + mu lambda_k)^t) V^T U_0, so no per-iteration work is needed.
 */
public final class PowerIterate {
  private final Mat eigenvectors;
  private final double[] logGrowth;
  private final double[] signs;
  private final Mat projected;

  /** Reference from U_0 (copied) with step mu. */
  public PowerIterate(DataSpectrum spectrum, Mat u0, double mu) {
    Check.positive(mu, "step size");
    this.eigenvectors = spectrum.eigenvectors();
    int n = eigenvectors.rows();
    Check.shape(u0.rows() == n, "U0 has %d rows, A*(y) is %d x %d", u0.rows(), n, n);
    this.projected = new Mat(n, u0.cols());
    Dense.multiplyTransA(eigenvectors, u0, projected);
    this.logGrowth = new double[n];
    this.signs = new double[n];
    for (int k = 0; k < n; k++) {
      double g = 1.0 + mu * spectrum.eigenvalues()[k];
      logGrowth[k] = Math.log(Math.abs(g));
      signs[k] = Math.signum(g);
    }
  }

  /**
   * Writes e^{-s} U~_t into {@code out} (n x r') and returns the scale s >= 0 chosen so that the
   * largest growth factor is at most 1 (avoids overflow for large t).
   */
  public double scaledIterate(int t, Mat out) {
    int n = projected.rows();
    int w = projected.cols();
    double maxLog = 0.0;
    for (int k = 0; k < n; k++) {
      maxLog = Math.max(maxLog, t * logGrowth[k]);
    }
    Mat scaled = new Mat(n, w);
    for (int k = 0; k < n; k++) {
      double sign = (t % 2 == 1) ? signs[k] : 1.0;
      double c = sign * Math.exp(t * logGrowth[k] - maxLog);
      for (int j = 0; j < w; j++) {
        scaled.set(k, j, c * projected.get(k, j));
      }
    }
    Dense.multiply(eigenvectors, scaled, out);
    return maxLog;
  }

  /** ||U_t - U~_t||_F / ||U~_t||_F. */
  public double relativeDistance(int t, Mat u) {
    Mat ref = new Mat(u.rows(), u.cols());
    double s = scaledIterate(t, ref);
    double shrink = Math.exp(-s);
    double num = 0.0;
    double den = 0.0;
    double[] ud = u.data();
    double[] rd = ref.data();
    for (int i = 0; i < ud.length; i++) {
      double d = ud[i] * shrink - rd[i];
      num += d * d;
      den += rd[i] * rd[i];
    }
    return Math.sqrt(num / den);
  }
}
