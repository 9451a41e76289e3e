package io.lowrank.operator;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.linalg.Memory;
import io.lowrank.random.Seeds;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Symmetric Gaussian (GOE) sensing, MATH.md §1.1: A(Z)_i = &lt;A_i, Z&gt; / sqrt(m) with
 * A_i = (G_i + G_i^T)/2, i.e. diagonal entries N(0, 1) and off-diagonal entries N(0, 1/2).
 *
 * <p>Each A_i is stored packed (its n(n+1)/2 upper-triangle entries, row by row) in one row-major
 * m x n(n+1)/2 array. Row i is drawn from its own generator seeded by {@code Seeds.mix(seed, i)},
 * so the operator is the same whatever the number of threads that generate it.
 *
 * <p>Cost per call: forward O(n^2 k + m n^2/2), adjoint-times-factor O(m n^2/2 + n^2 k).
 */
public final class SymmetricGaussianSensing implements MeasurementOperator {
  private final int n;
  private final int m;
  private final int packed;
  private final double scale;
  private final double[] a;

  private SymmetricGaussianSensing(int n, int m, double[] a) {
    this.n = n;
    this.m = m;
    this.packed = PackedSymmetric.size(n);
    this.scale = 1.0 / Math.sqrt(m);
    this.a = a;
  }

  /** Bytes of the packed measurement tensor for these sizes. */
  public static long bytes(int n, int m) {
    return 8L * m * PackedSymmetric.size(n);
  }

  /**
   * Draws m GOE matrices of size n x n from {@code seed}. Refuses (IllegalArgumentException) when
   * the m x n(n+1)/2 doubles would not fit in the heap.
   */
  public static SymmetricGaussianSensing generate(int n, int m, long seed) {
    Check.positive(n, "n");
    Check.positive(m, "m (number of measurements)");
    long elements = (long) m * PackedSymmetric.size(n);
    Memory.require(8 * elements, elements, "the sensing operator (m x n(n+1)/2 doubles)",
        "reduce m or n");
    int np = PackedSymmetric.size(n);
    double[] a = new double[(int) elements];
    double offDiagonal = Math.sqrt(0.5);
    IntStream.range(0, m).parallel().forEach(i -> {
      SplittableRandom rng = Seeds.rng(Seeds.mix(seed, i));
      int p = i * np;
      for (int j = 0; j < n; j++) {
        a[p++] = rng.nextGaussian();
        for (int c = j + 1; c < n; c++) {
          a[p++] = offDiagonal * rng.nextGaussian();
        }
      }
    });
    return new SymmetricGaussianSensing(n, m, a);
  }

  /**
   * An operator from explicit matrices: {@code full} holds m symmetric n x n matrices A_i
   * (row-major, i slowest, as in an m x n x n NumPy array). The 1/sqrt(m) factor is applied by the
   * operator, so pass the raw A_i. Rejects non-finite or non-symmetric input.
   */
  public static SymmetricGaussianSensing fromDense(int m, int n, double[] full) {
    Check.positive(n, "n");
    Check.positive(m, "m");
    Check.shape(full.length == (long) m * n * n, "expected %d x %d x %d = %d values, got %d",
        m, n, n, (long) m * n * n, full.length);
    int np = PackedSymmetric.size(n);
    double[] a = new double[m * np];
    for (int i = 0; i < m; i++) {
      int base = i * n * n;
      int p = i * np;
      for (int j = 0; j < n; j++) {
        for (int c = j; c < n; c++) {
          double upper = full[base + j * n + c];
          double lower = full[base + c * n + j];
          if (!Double.isFinite(upper) || !Double.isFinite(lower)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                "measurement matrix A[%d] has a non-finite entry at (%d, %d)", i, j, c));
          }
          if (Math.abs(upper - lower) > 1e-12 * (1 + Math.abs(upper))) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                "measurement matrix A[%d] is not symmetric: entry (%d, %d) = %s but (%d, %d) = %s",
                i, j, c, upper, c, j, lower));
          }
          a[p++] = upper;
        }
      }
    }
    return new SymmetricGaussianSensing(n, m, a);
  }

  /** Writes the raw A_i as an m x n x n row-major array (the layout of {@link #fromDense}). */
  public double[] toDense() {
    double[] full = new double[m * n * n];
    double[] block = new double[n * n];
    double[] row = new double[packed];
    for (int i = 0; i < m; i++) {
      System.arraycopy(a, i * packed, row, 0, packed);
      PackedSymmetric.unpack(row, n, block);
      System.arraycopy(block, 0, full, i * n * n, n * n);
    }
    return full;
  }

  @Override
  public int size() {
    return m;
  }

  @Override
  public int rows() {
    return n;
  }

  @Override
  public int cols() {
    return n;
  }

  @Override
  public boolean symmetric() {
    return true;
  }

  /** Scratch: one packed buffer for the weighted product / accumulated adjoint, one full n x n. */
  private static final class Scratch implements Workspace {
    final double[] packedBuffer;
    final Mat full;

    Scratch(int n) {
      packedBuffer = new double[PackedSymmetric.size(n)];
      full = new Mat(n, n);
    }
  }

  @Override
  public Workspace workspace(int width) {
    Check.positive(width, "width");
    return new Scratch(n);
  }

  @Override
  public void forward(Mat left, Mat right, double[] out, Workspace ws) {
    checkFactor(left, "L");
    checkFactor(right, "R");
    Check.shape(out.length == m, "forward output has length %d, expected m = %d", out.length, m);
    double[] weighted = ((Scratch) ws).packedBuffer;
    PackedSymmetric.weightedProduct(left, right, weighted);
    dotRows(weighted, out);
  }

  @Override
  public void forwardDense(Mat z, double[] out) {
    Check.shape(z.rows() == n && z.cols() == n, "Z is %d x %d, expected %d x %d", z.rows(), z.cols(), n, n);
    Check.shape(out.length == m, "forward output has length %d, expected m = %d", out.length, m);
    double[] weighted = new double[packed];
    PackedSymmetric.weightedDense(z, weighted);
    dotRows(weighted, out);
  }

  @Override
  public void adjointTimes(double[] v, Mat right, Mat out, Workspace ws) {
    checkFactor(right, "R");
    Check.shape(out.rows() == n && out.cols() == right.cols(), "adjoint output is %d x %d, expected %d x %d",
        out.rows(), out.cols(), n, right.cols());
    Scratch s = (Scratch) ws;
    accumulateRows(v, s.packedBuffer);
    PackedSymmetric.unpack(s.packedBuffer, n, s.full.data());
    Dense.multiply(s.full, right, out);
  }

  @Override
  public void adjointDense(double[] v, Mat out) {
    Check.shape(out.rows() == n && out.cols() == n, "A*(v) output is %d x %d, expected %d x %d",
        out.rows(), out.cols(), n, n);
    double[] g = new double[packed];
    accumulateRows(v, g);
    PackedSymmetric.unpack(g, n, out.data());
  }

  private void checkFactor(Mat f, String name) {
    Check.shape(f.rows() == n, "%s has %d rows but the operator expects n = %d", name, f.rows(), n);
  }

  /** out[i] = scale * &lt;a_i, w&gt;, four rows per sweep over w. */
  private void dotRows(double[] w, double[] out) {
    final int np = packed;
    int i = 0;
    for (; i + 3 < m; i += 4) {
      int r0 = i * np;
      int r1 = r0 + np;
      int r2 = r1 + np;
      int r3 = r2 + np;
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      for (int p = 0; p < np; p++) {
        double wp = w[p];
        s0 += a[r0 + p] * wp;
        s1 += a[r1 + p] * wp;
        s2 += a[r2 + p] * wp;
        s3 += a[r3 + p] * wp;
      }
      out[i] = scale * s0;
      out[i + 1] = scale * s1;
      out[i + 2] = scale * s2;
      out[i + 3] = scale * s3;
    }
    for (; i < m; i++) {
      int r0 = i * np;
      double s0 = 0;
      for (int p = 0; p < np; p++) {
        s0 += a[r0 + p] * w[p];
      }
      out[i] = scale * s0;
    }
  }

  /** g = scale * sum_i v_i a_i (packed, overwritten), four rows per sweep over g. */
  private void accumulateRows(double[] v, double[] g) {
    Check.shape(v.length == m, "adjoint input has length %d, expected m = %d", v.length, m);
    final int np = packed;
    java.util.Arrays.fill(g, 0.0);
    int i = 0;
    for (; i + 3 < m; i += 4) {
      int r0 = i * np;
      int r1 = r0 + np;
      int r2 = r1 + np;
      int r3 = r2 + np;
      double v0 = scale * v[i];
      double v1 = scale * v[i + 1];
      double v2 = scale * v[i + 2];
      double v3 = scale * v[i + 3];
      for (int p = 0; p < np; p++) {
        g[p] += v0 * a[r0 + p] + v1 * a[r1 + p] + v2 * a[r2 + p] + v3 * a[r3 + p];
      }
    }
    for (; i < m; i++) {
      int r0 = i * np;
      double v0 = scale * v[i];
      for (int p = 0; p < np; p++) {
        g[p] += v0 * a[r0 + p];
      }
    }
  }
}
