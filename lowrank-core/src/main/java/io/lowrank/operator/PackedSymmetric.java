package io.lowrank.operator;

import io.lowrank.linalg.Mat;

/**
 * Packed storage of a symmetric n x n matrix: the n(n+1)/2 entries (j, k) with j <= k, row by row.
 * Entry (j, k) lives at {@code offset(j) + k - j}.
 */
final class PackedSymmetric {
  private PackedSymmetric() {}

  static int size(int n) {
    return n * (n + 1) / 2;
  }

  static int offset(int n, int j) {
    return j * n - j * (j - 1) / 2;
  }

  /**
   * weighted = the packed form of Z + Z^T off the diagonal and Z on it, for Z = L R^T, so that
   * {@code <A, Z> = sum_p a[p] weighted[p]} for every symmetric A stored packed. When
   * {@code left == right} only the upper triangle of U U^T is computed, four columns at a time
   * (each entry is still one sequential sum over t).
   */
  static void weightedProduct(Mat left, Mat right, double[] weighted) {
    int n = left.rows();
    int k = left.cols();
    double[] l = left.data();
    double[] r = right.data();
    if (left == right) {
      symmetricProduct(n, k, l, weighted);
      return;
    }
    int p = 0;
    for (int j = 0; j < n; j++) {
      int lj = j * k;
      for (int c = j; c < n; c++) {
        int lc = c * k;
        double s = 0.0;
        double s2 = 0.0;
        for (int t = 0; t < k; t++) {
          s += l[lj + t] * r[lc + t];
          s2 += l[lc + t] * r[lj + t];
        }
        weighted[p++] = c == j ? s : s + s2;
      }
    }
  }

  private static void symmetricProduct(int n, int k, double[] l, double[] weighted) {
    symmetricProductRows(n, k, l, weighted, 0, n);
  }

  /**
   * The packed rows {@code from..to-1} of {@link #weightedProduct} for L == R = U (n x k, data
   * {@code l}): entries offset(from) .. offset(to)-1 of {@code weighted}, each computed exactly as
   * in the whole product, so row ranges may run on different threads.
   */
  static void symmetricProductRows(int n, int k, double[] l, double[] weighted, int from, int to) {
    int p = offset(n, from);
    for (int j = from; j < to; j++) {
      int lj = j * k;
      double diag = 0.0;
      for (int t = 0; t < k; t++) {
        diag += l[lj + t] * l[lj + t];
      }
      weighted[p++] = diag;
      int c = j + 1;
      for (; c + 3 < n; c += 4) {
        int l0 = c * k;
        int l1 = l0 + k;
        int l2 = l1 + k;
        int l3 = l2 + k;
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        for (int t = 0; t < k; t++) {
          double x = l[lj + t];
          s0 += x * l[l0 + t];
          s1 += x * l[l1 + t];
          s2 += x * l[l2 + t];
          s3 += x * l[l3 + t];
        }
        weighted[p++] = 2.0 * s0;
        weighted[p++] = 2.0 * s1;
        weighted[p++] = 2.0 * s2;
        weighted[p++] = 2.0 * s3;
      }
      for (; c < n; c++) {
        int lc = c * k;
        double s = 0.0;
        for (int t = 0; t < k; t++) {
          s += l[lj + t] * l[lc + t];
        }
        weighted[p++] = 2.0 * s;
      }
    }
  }

  /** weighted packed form of a dense (not necessarily symmetric) n x n matrix z. */
  static void weightedDense(Mat z, double[] weighted) {
    int n = z.rows();
    double[] d = z.data();
    int p = 0;
    for (int j = 0; j < n; j++) {
      for (int c = j; c < n; c++) {
        weighted[p++] = c == j ? d[j * n + j] : d[j * n + c] + d[c * n + j];
      }
    }
  }

  /** Expands packed symmetric storage into a full n x n row-major array. */
  static void unpack(double[] packed, int n, double[] full) {
    int p = 0;
    for (int j = 0; j < n; j++) {
      for (int c = j; c < n; c++) {
        double v = packed[p++];
        full[j * n + c] = v;
        full[c * n + j] = v;
      }
    }
  }
}
