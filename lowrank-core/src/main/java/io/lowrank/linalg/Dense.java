package io.lowrank.linalg;

/**
 * Dense kernels on row-major {@link Mat}s. Every method writes into a caller-owned output and
 * allocates nothing. Shapes are checked once per call (cheap next to the O(n^3) work).
 */
public final class Dense {
  private Dense() {}

  /**
   * c = a b, with a p x q, b q x s, c p x s (overwritten). c must not alias a or b. Each entry is
   * one sequential sum over k (k = 0..q-1); eight columns of c are accumulated in registers at a
   * time, so a row of a is read s/8 times instead of once per column.
   */
  public static void multiply(Mat a, Mat b, Mat c) {
    int p = a.rows();
    int q = a.cols();
    int s = b.cols();
    if (b.rows() != q || c.rows() != p || c.cols() != s) { // guarded: no varargs array on the hot path
      Check.shape(false, "multiply: %dx%d times %dx%d into %dx%d", p, q, b.rows(), s, c.rows(), c.cols());
    }
    multiplyRows(a, b, c, 0, p);
  }

  /**
   * Rows {@code from..to-1} of c = a b (the others untouched), each entry computed exactly as by
   * {@link #multiply}, so row ranges may run on different threads. Shapes are not checked here:
   * check them once with {@link #multiply}'s rules before splitting.
   */
  public static void multiplyRows(Mat a, Mat b, Mat c, int from, int to) {
    int q = a.cols();
    int s = b.cols();
    double[] ad = a.data();
    double[] bd = b.data();
    double[] cd = c.data();
    if (s >= WIDE) {
      multiplyRowsWide(ad, bd, cd, q, s, from, to);
      return;
    }
    for (int i = from; i < to; i++) {
      int ci = i * s;
      int ai = i * q;
      int j = 0;
      for (; j + 7 < s; j += 8) {
        double c0 = 0.0;
        double c1 = 0.0;
        double c2 = 0.0;
        double c3 = 0.0;
        double c4 = 0.0;
        double c5 = 0.0;
        double c6 = 0.0;
        double c7 = 0.0;
        for (int k = 0; k < q; k++) {
          double aik = ad[ai + k];
          int bk = k * s + j;
          c0 += aik * bd[bk];
          c1 += aik * bd[bk + 1];
          c2 += aik * bd[bk + 2];
          c3 += aik * bd[bk + 3];
          c4 += aik * bd[bk + 4];
          c5 += aik * bd[bk + 5];
          c6 += aik * bd[bk + 6];
          c7 += aik * bd[bk + 7];
        }
        cd[ci + j] = c0;
        cd[ci + j + 1] = c1;
        cd[ci + j + 2] = c2;
        cd[ci + j + 3] = c3;
        cd[ci + j + 4] = c4;
        cd[ci + j + 5] = c5;
        cd[ci + j + 6] = c6;
        cd[ci + j + 7] = c7;
      }
      for (; j < s; j++) {
        double c0 = 0.0;
        for (int k = 0; k < q; k++) {
          c0 += ad[ai + k] * bd[k * s + j];
        }
        cd[ci + j] = c0;
      }
    }
  }

  /** From this many columns of b on, {@link #multiplyRows} streams rows of b instead of columns. */
  private static final int WIDE = 32;

  /** Rows of b per cache panel of the wide kernel. */
  private static final int PANEL_ROWS = 64;
  /** Columns of b per cache panel of the wide kernel (64 x 512 doubles = 256 KiB, in L2). */
  private static final int PANEL_COLS = 512;

  /**
   * Rows of c = a b for wide b: c_ij accumulates a_ik b_kj in c itself, panel by panel of b
   * (PANEL_ROWS x PANEL_COLS, kept in cache while every row of c in the range uses it), with the
   * panels of k in ascending order. Each entry is therefore the same sequence of operations as in
   * the column kernel (0.0, then + a_ik b_kj for k = 0..q-1) and the result is bit-identical; it
   * reads b from cache instead of streaming it once per row of c.
   */
  private static void multiplyRowsWide(double[] ad, double[] bd, double[] cd, int q, int s, int from, int to) {
    for (int i = from; i < to; i++) {
      java.util.Arrays.fill(cd, i * s, i * s + s, 0.0);
    }
    for (int jb = 0; jb < s; jb += PANEL_COLS) {
      int je = Math.min(s, jb + PANEL_COLS);
      for (int kb = 0; kb < q; kb += PANEL_ROWS) {
        int ke = Math.min(q, kb + PANEL_ROWS);
        for (int i = from; i < to; i++) {
          int ci = i * s;
          int ai = i * q;
          int k = kb;
          for (; k + 3 < ke; k += 4) {
            double a0 = ad[ai + k];
            double a1 = ad[ai + k + 1];
            double a2 = ad[ai + k + 2];
            double a3 = ad[ai + k + 3];
            int b0 = k * s;
            int b1 = b0 + s;
            int b2 = b1 + s;
            int b3 = b2 + s;
            for (int j = jb; j < je; j++) {
              double v = cd[ci + j];
              v += a0 * bd[b0 + j];
              v += a1 * bd[b1 + j];
              v += a2 * bd[b2 + j];
              v += a3 * bd[b3 + j];
              cd[ci + j] = v;
            }
          }
          for (; k < ke; k++) {
            double aik = ad[ai + k];
            int bk = k * s;
            for (int j = jb; j < je; j++) {
              cd[ci + j] += aik * bd[bk + j];
            }
          }
        }
      }
    }
  }

  /** c = a^T b, with a q x p, b q x s, c p x s (overwritten). */
  public static void multiplyTransA(Mat a, Mat b, Mat c) {
    int q = a.rows();
    int p = a.cols();
    int s = b.cols();
    if (b.rows() != q || c.rows() != p || c.cols() != s) { // guarded: no varargs array on the hot path
      Check.shape(false,
          "multiplyTransA: (%dx%d)^T times %dx%d into %dx%d", q, p, b.rows(), s, c.rows(), c.cols());
    }
    double[] ad = a.data();
    double[] bd = b.data();
    double[] cd = c.data();
    java.util.Arrays.fill(cd, 0.0);
    for (int k = 0; k < q; k++) {
      int ak = k * p;
      int bk = k * s;
      for (int i = 0; i < p; i++) {
        double aki = ad[ak + i];
        if (aki == 0.0) {
          continue;
        }
        int ci = i * s;
        for (int j = 0; j < s; j++) {
          cd[ci + j] += aki * bd[bk + j];
        }
      }
    }
  }

  /** c = a b^T, with a p x q, b s x q, c p x s (overwritten). */
  public static void multiplyTransB(Mat a, Mat b, Mat c) {
    int p = a.rows();
    int q = a.cols();
    int s = b.rows();
    if (b.cols() != q || c.rows() != p || c.cols() != s) { // guarded: no varargs array on the hot path
      Check.shape(false,
          "multiplyTransB: %dx%d times (%dx%d)^T into %dx%d", p, q, s, b.cols(), c.rows(), c.cols());
    }
    double[] ad = a.data();
    double[] bd = b.data();
    double[] cd = c.data();
    for (int i = 0; i < p; i++) {
      int ai = i * q;
      for (int j = 0; j < s; j++) {
        int bj = j * q;
        double sum = 0.0;
        for (int k = 0; k < q; k++) {
          sum += ad[ai + k] * bd[bj + k];
        }
        cd[i * s + j] = sum;
      }
    }
  }

  /** y += alpha x (same length). */
  public static void axpy(double alpha, double[] x, double[] y) {
    if (x.length != y.length) { // guarded: no varargs array on the hot path
      Check.shape(false, "axpy: lengths %d and %d differ", x.length, y.length);
    }
    for (int i = 0; i < x.length; i++) {
      y[i] += alpha * x[i];
    }
  }

  /** Sum of x[i] y[i]. */
  public static double dot(double[] x, double[] y) {
    if (x.length != y.length) { // guarded: no varargs array on the hot path
      Check.shape(false, "dot: lengths %d and %d differ", x.length, y.length);
    }
    double s = 0.0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * y[i];
    }
    return s;
  }

  /** Euclidean norm of x (Frobenius norm of a matrix's data). */
  public static double norm(double[] x) {
    return Math.sqrt(dot(x, x));
  }

  /** Frobenius norm. */
  public static double normF(Mat a) {
    return norm(a.data());
  }

  /** Frobenius norm of a - b (same shapes). */
  public static double distanceF(Mat a, Mat b) {
    if (!a.sameShape(b)) { // guarded: no varargs array on the hot path
      Check.shape(false, "distanceF: shapes %s and %s differ", a, b);
    }
    double[] x = a.data();
    double[] y = b.data();
    double s = 0.0;
    for (int i = 0; i < x.length; i++) {
      double d = x[i] - y[i];
      s += d * d;
    }
    return Math.sqrt(s);
  }

  /** Trace of a square matrix. */
  public static double trace(Mat a) {
    if (a.rows() != a.cols()) { // guarded: no varargs array on the hot path
      Check.shape(false, "trace of a non-square %s", a);
    }
    double t = 0.0;
    for (int i = 0; i < a.rows(); i++) {
      t += a.get(i, i);
    }
    return t;
  }
}
