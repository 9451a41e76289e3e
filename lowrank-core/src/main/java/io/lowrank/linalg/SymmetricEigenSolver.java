package io.lowrank.linalg;

/**
 * A preallocated eigen-decomposition A = V diag(d) V^T of symmetric n x n matrices, for methods
 * that decompose a matrix at every iteration (eigenvalue thresholding in the convex baseline).
 * Householder reduction to tridiagonal form followed by the implicit QL algorithm (the EISPACK
 * routines tred2 and tql2, as in JAMA). After construction {@link #decompose} allocates nothing.
 *
 * <p>Cost O(n^3) per call. Eigenvalues are returned unsorted (as the QL sweep leaves them), each
 * with its unit eigenvector in the matching column of {@link #vectors()}.
 *
 * <p><b>Why not EJML here.</b> One-off decompositions (the spectrum of A*(y), the spectral start)
 * use EJML ({@link Decompositions#symmetricEigen}). This class exists only for the per-iteration
 * decomposition of the convex baseline, where it pays: measured with
 * {@code lowrank-bench EigenSolverBenchmark -prof gc} (2026-12-02, 2 cores, host load 1.2-1.7),
 * EJML 0.46.1's reused symmetric QR decomposition is 0.9x-0.65x this one's time (n = 40: 137 vs
 * 145 us; 80: 845 vs 1080; 100: 1578 vs 1951; 200: 10324 vs 15900) but allocates 16 n bytes per
 * call (665 B at n = 40, 3.3 kB at n = 200: two double[n] in {@code decompose} and an int[n] in its
 * helper), while this one allocates nothing, which the solver allocation tests require of every
 * step.
 */
public final class SymmetricEigenSolver {
  private static final double EPS = Math.ulp(1.0);

  private final int n;
  private final double[] v;
  private final double[] d;
  private final double[] e;

  /** Workspace for n x n matrices. */
  public SymmetricEigenSolver(int n) {
    this.n = Check.positive(n, "eigen-solver size");
    this.v = new double[n * n];
    this.d = new double[n];
    this.e = new double[n];
  }

  /** The size n. */
  public int size() {
    return n;
  }

  /**
   * Decomposes the symmetric matrix {@code a} (row-major n x n, not modified; only its lower
   * triangle is used). Returns false when the QL iteration does not converge (non-finite input).
   */
  public boolean decompose(double[] a) {
    if (a.length != n * n) { // checked without varargs: this runs every step
      Check.shape(false, "eigen-decomposition of %d entries, expected %d x %d", a.length, n, n);
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double x = a[i * n + j];
        v[i * n + j] = x;
        v[j * n + i] = x;
      }
    }
    tridiagonalise();
    return diagonalise();
  }

  /** Eigenvalues of the last decomposition (internal array: read only). */
  public double[] values() {
    return d;
  }

  /** Eigenvectors of the last decomposition as columns of a row-major n x n array (read only). */
  public double[] vectors() {
    return v;
  }

  /** Householder reduction to tridiagonal form (tred2): d diagonal, e sub-diagonal, v the transform. */
  private void tridiagonalise() {
    for (int j = 0; j < n; j++) {
      d[j] = v[(n - 1) * n + j];
    }
    for (int i = n - 1; i > 0; i--) {
      double scale = 0.0;
      double h = 0.0;
      for (int k = 0; k < i; k++) {
        scale += Math.abs(d[k]);
      }
      if (scale == 0.0) {
        e[i] = d[i - 1];
        for (int j = 0; j < i; j++) {
          d[j] = v[(i - 1) * n + j];
          v[i * n + j] = 0.0;
          v[j * n + i] = 0.0;
        }
      } else {
        for (int k = 0; k < i; k++) {
          d[k] /= scale;
          h += d[k] * d[k];
        }
        double f = d[i - 1];
        double g = Math.sqrt(h);
        if (f > 0) {
          g = -g;
        }
        e[i] = scale * g;
        h -= f * g;
        d[i - 1] = f - g;
        for (int j = 0; j < i; j++) {
          e[j] = 0.0;
        }
        for (int j = 0; j < i; j++) {
          f = d[j];
          v[j * n + i] = f;
          g = e[j] + v[j * n + j] * f;
          for (int k = j + 1; k <= i - 1; k++) {
            g += v[k * n + j] * d[k];
            e[k] += v[k * n + j] * f;
          }
          e[j] = g;
        }
        f = 0.0;
        for (int j = 0; j < i; j++) {
          e[j] /= h;
          f += e[j] * d[j];
        }
        double hh = f / (h + h);
        for (int j = 0; j < i; j++) {
          e[j] -= hh * d[j];
        }
        for (int j = 0; j < i; j++) {
          f = d[j];
          g = e[j];
          for (int k = j; k <= i - 1; k++) {
            v[k * n + j] -= f * e[k] + g * d[k];
          }
          d[j] = v[(i - 1) * n + j];
          v[i * n + j] = 0.0;
        }
      }
      d[i] = h;
    }
    for (int i = 0; i < n - 1; i++) {
      v[(n - 1) * n + i] = v[i * n + i];
      v[i * n + i] = 1.0;
      double h = d[i + 1];
      if (h != 0.0) {
        for (int k = 0; k <= i; k++) {
          d[k] = v[k * n + i + 1] / h;
        }
        for (int j = 0; j <= i; j++) {
          double g = 0.0;
          for (int k = 0; k <= i; k++) {
            g += v[k * n + i + 1] * v[k * n + j];
          }
          for (int k = 0; k <= i; k++) {
            v[k * n + j] -= g * d[k];
          }
        }
      }
      for (int k = 0; k <= i; k++) {
        v[k * n + i + 1] = 0.0;
      }
    }
    for (int j = 0; j < n; j++) {
      d[j] = v[(n - 1) * n + j];
      v[(n - 1) * n + j] = 0.0;
    }
    v[(n - 1) * n + n - 1] = 1.0;
    e[0] = 0.0;
  }

  /** Implicit QL iterations on the tridiagonal matrix (tql2); false when they do not converge. */
  private boolean diagonalise() {
    for (int i = 1; i < n; i++) {
      e[i - 1] = e[i];
    }
    e[n - 1] = 0.0;
    double f = 0.0;
    double tst1 = 0.0;
    int maxIterations = 30 * n + 30;
    for (int l = 0; l < n; l++) {
      tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
      if (!Double.isFinite(tst1)) {
        return false;
      }
      int m = l;
      while (m < n - 1 && Math.abs(e[m]) > EPS * tst1) {
        m++;
      }
      if (m > l) {
        int iterations = 0;
        do {
          if (++iterations > maxIterations) {
            return false;
          }
          double g = d[l];
          double p = (d[l + 1] - g) / (2.0 * e[l]);
          double r = Math.hypot(p, 1.0);
          if (p < 0) {
            r = -r;
          }
          d[l] = e[l] / (p + r);
          d[l + 1] = e[l] * (p + r);
          double dl1 = d[l + 1];
          double h = g - d[l];
          for (int i = l + 2; i < n; i++) {
            d[i] -= h;
          }
          f += h;
          p = d[m];
          double c = 1.0;
          double c2 = c;
          double c3 = c;
          double el1 = e[l + 1];
          double s = 0.0;
          double s2 = 0.0;
          for (int i = m - 1; i >= l; i--) {
            c3 = c2;
            c2 = c;
            s2 = s;
            g = c * e[i];
            h = c * p;
            r = Math.hypot(p, e[i]);
            e[i + 1] = s * r;
            s = e[i] / r;
            c = p / r;
            p = c * d[i] - s * g;
            d[i + 1] = h + s * (c * g + s * d[i]);
            for (int k = 0; k < n; k++) {
              int row = k * n;
              h = v[row + i + 1];
              v[row + i + 1] = s * v[row + i] + c * h;
              v[row + i] = c * v[row + i] - s * h;
            }
          }
          p = -s * s2 * c3 * el1 * e[l] / dl1;
          e[l] = s * p;
          d[l] = c * p;
        } while (Math.abs(e[l]) > EPS * tst1);
      }
      d[l] += f;
      e[l] = 0.0;
    }
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(d[i])) {
        return false;
      }
    }
    return true;
  }
}
