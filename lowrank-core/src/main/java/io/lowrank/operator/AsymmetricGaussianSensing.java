package io.lowrank.operator;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.linalg.Memory;
import io.lowrank.random.Seeds;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Asymmetric Gaussian sensing, docs/math.md §2: A(Z)_i = &lt;A_i, Z&gt; / sqrt(m) for Z in
 * R^{n1 x n2}, with A_i i.i.d. N(0, 1) entries, so that E ||A(Z)||^2 = ||Z||_F^2 for every Z.
 *
 * <p>The A_i are stored row-major in one m x (n1 n2) array; row i is drawn from its own generator
 * {@code Seeds.mix(seed, i)}, so the operator does not depend on the number of threads.
 *
 * <p>Cost per call: forward O(n1 n2 k + m n1 n2); adjoint-times-factor O(m n1 n2 + n1 n2 k).
 */
public final class AsymmetricGaussianSensing implements MeasurementOperator {
  private final int n1;
  private final int n2;
  private final int m;
  private final int cells;
  private final double scale;
  private final double[] a;

  private AsymmetricGaussianSensing(int n1, int n2, int m, double[] a) {
    this.n1 = n1;
    this.n2 = n2;
    this.m = m;
    this.cells = n1 * n2;
    this.scale = 1.0 / Math.sqrt(m);
    this.a = a;
  }

  /**
   * Draws m Gaussian n1 x n2 matrices from {@code seed}. Refuses (IllegalArgumentException) when
   * the m n1 n2 doubles would not fit in the heap.
   */
  public static AsymmetricGaussianSensing generate(int n1, int n2, int m, long seed) {
    Check.positive(n1, "n1");
    Check.positive(n2, "n2");
    Check.positive(m, "m (number of measurements)");
    long elements = (long) m * n1 * n2;
    Memory.require(8 * elements, elements, "the asymmetric sensing operator (m x n1 n2 doubles)",
        "reduce m, n1 or n2");
    int cells = n1 * n2;
    double[] a = new double[(int) elements];
    IntStream.range(0, m).parallel().forEach(i ->
        Seeds.gaussian(Seeds.rng(Seeds.mix(seed, i)), 1.0, a, i * cells, cells));
    return new AsymmetricGaussianSensing(n1, n2, m, a);
  }

  /** The measurements A_i, i in {@code indices}, normalised by 1/sqrt(indices.length). */
  @Override
  public AsymmetricGaussianSensing subset(int[] indices) {
    MeasurementOperator.checkSubset(indices, m);
    double[] b = new double[indices.length * cells];
    for (int i = 0; i < indices.length; i++) {
      System.arraycopy(a, indices[i] * cells, b, i * cells, cells);
    }
    return new AsymmetricGaussianSensing(n1, n2, indices.length, b);
  }

  @Override
  public int size() {
    return m;
  }

  @Override
  public int rows() {
    return n1;
  }

  @Override
  public int cols() {
    return n2;
  }

  @Override
  public boolean symmetric() {
    return false;
  }

  /** Scratch: one n1 x n2 buffer (the product L R^T, or the accumulated A*(v)). */
  private static final class Scratch implements Workspace {
    final Mat full;

    Scratch(int n1, int n2) {
      full = new Mat(n1, n2);
    }
  }

  @Override
  public Workspace workspace(int width) {
    Check.positive(width, "width");
    return new Scratch(n1, n2);
  }

  @Override
  public void forward(Mat left, Mat right, double[] out, Workspace ws) {
    if (!(left.rows() == n1 && right.rows() == n2 && left.cols() == right.cols())) {
      Check.shape(false,
        "L is %s and R is %s but the operator expects %d x k and %d x k", left, right, n1, n2);
    }
    Mat z = ((Scratch) ws).full;
    Dense.multiplyTransB(left, right, z);
    forwardDense(z, out);
  }

  @Override
  public void forwardDense(Mat z, double[] out) {
    if (!(z.rows() == n1 && z.cols() == n2)) {
      Check.shape(false, "Z is %d x %d, expected %d x %d", z.rows(), z.cols(), n1, n2);
    }
    if (!(out.length == m)) {
      Check.shape(false, "forward output has length %d, expected m = %d", out.length, m);
    }
    double[] w = z.data();
    for (int i = 0; i < m; i++) {
      int base = i * cells;
      double s = 0.0;
      for (int p = 0; p < cells; p++) {
        s += a[base + p] * w[p];
      }
      out[i] = scale * s;
    }
  }

  @Override
  public void adjointTimes(double[] v, Mat right, Mat out, Workspace ws) {
    if (!(right.rows() == n2 && out.rows() == n1 && out.cols() == right.cols())) {
      Check.shape(false,
        "adjointTimes: R is %s and the output %s; expected %d x k and %d x k", right, out, n2, n1);
    }
    Mat g = ((Scratch) ws).full;
    adjointDense(v, g);
    Dense.multiply(g, right, out);
  }

  @Override
  public void adjointTransposeTimes(double[] v, Mat left, Mat out, Workspace ws) {
    if (!(left.rows() == n1 && out.rows() == n2 && out.cols() == left.cols())) {
      if (!(false)) {
        Check.shape(false,
        "adjointTransposeTimes: L is %s and the output %s; expected %d x k and %d x k", left, out, n1, n2);
      }
    }
    Mat g = ((Scratch) ws).full;
    adjointDense(v, g);
    Dense.multiplyTransA(g, left, out);
  }

  @Override
  public void adjointDense(double[] v, Mat out) {
    if (!(v.length == m)) {
      Check.shape(false, "adjoint input has length %d, expected m = %d", v.length, m);
    }
    if (!(out.rows() == n1 && out.cols() == n2)) {
      Check.shape(false, "A*(v) output is %d x %d, expected %d x %d",
        out.rows(), out.cols(), n1, n2);
    }
    double[] g = out.data();
    Arrays.fill(g, 0.0);
    for (int i = 0; i < m; i++) {
      int base = i * cells;
      double vi = scale * v[i];
      for (int p = 0; p < cells; p++) {
        g[p] += vi * a[base + p];
      }
    }
  }
}
