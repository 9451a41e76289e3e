package io.lowrank.operator;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Mat;
import io.lowrank.linalg.Memory;
import io.lowrank.random.Seeds;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Rank-one (quadratic) sensing, docs/math.md §2: A_i = a_i a_i^T with a_i ~ N(0, I_n), and
 * A(Z)_i = a_i^T Z a_i / sqrt(m). On factors, A(L R^T)_i = (L^T a_i) . (R^T a_i) / sqrt(m)
 * (= ||U^T a_i||^2 / sqrt(m) for L = R = U), and A*(v) R = sum_i v_i a_i (R^T a_i)^T / sqrt(m):
 * both O(m n k), without forming any n x n matrix. r = 1 is phase retrieval.
 *
 * <p>The vectors a_i are stored as the rows of one m x n array of doubles; row i is drawn from its
 * own generator {@code Seeds.mix(seed, i)}. A lower {@link Precision} rounds each drawn a_i as one
 * stored row of that precision would be (the int8 scale per vector) and measures with the rounded
 * vectors: the quantised ensemble, at no saving, since the m n numbers are few.
 */
public final class RankOneSensing extends SquareSymmetricSensing {
  private final double scale;
  private final double[] a;

  private RankOneSensing(int n, int m, double[] a) {
    super(n, m);
    this.scale = 1.0 / Math.sqrt(m);
    this.a = a;
  }

  /** Draws m Gaussian vectors a_i in R^n from {@code seed}. */
  public static RankOneSensing generate(int n, int m, long seed) {
    return generate(n, m, seed, Precision.FLOAT64);
  }

  /** Draws m Gaussian vectors a_i in R^n from {@code seed}, each rounded to {@code precision}. */
  public static RankOneSensing generate(int n, int m, long seed, Precision precision) {
    java.util.Objects.requireNonNull(precision, "precision");
    Check.positive(n, "n");
    Check.positive(m, "m (number of measurements)");
    long elements = (long) m * n;
    Memory.require(8 * elements, elements, "the rank-one sensing vectors (m x n doubles)", "reduce m or n");
    double[] a = new double[(int) elements];
    IntStream.range(0, m).parallel().forEach(i -> {
      Seeds.gaussian(Seeds.rng(Seeds.mix(seed, i)), 1.0, a, i * n, n);
      RowStorage.roundInPlace(precision, a, i * n, n);
    });
    return new RankOneSensing(n, m, a);
  }

  /** The vectors a_i, i in {@code indices}, normalised by 1/sqrt(indices.length). */
  @Override
  public RankOneSensing subset(int[] indices) {
    MeasurementOperator.checkSubset(indices, m);
    double[] b = new double[indices.length * n];
    for (int i = 0; i < indices.length; i++) {
      System.arraycopy(a, indices[i] * n, b, i * n, n);
    }
    return new RankOneSensing(n, indices.length, b);
  }

  /** Scratch: the two k-vectors L^T a_i and R^T a_i. */
  private static final class Scratch implements Workspace {
    final double[] left;
    final double[] right;

    Scratch(int width) {
      left = new double[width];
      right = new double[width];
    }
  }

  @Override
  public Workspace workspace(int width) {
    Check.positive(width, "width");
    return new Scratch(width);
  }

  private Scratch scratch(Workspace ws, int k) {
    Scratch s = (Scratch) ws;
    if (!(s.left.length == k)) {
      Check.shape(false, "the workspace was made for width %d, the factors have width %d",
        s.left.length, k);
    }
    return s;
  }

  @Override
  public void forward(Mat left, Mat right, double[] out, Workspace ws) {
    if (!(left.rows() == n && right.rows() == n && left.cols() == right.cols())) {
      Check.shape(false,
        "L is %s and R is %s but the operator expects %d x k factors", left, right, n);
    }
    if (!(out.length == m)) {
      Check.shape(false, "forward output has length %d, expected m = %d", out.length, m);
    }
    int k = left.cols();
    Scratch s = scratch(ws, k);
    boolean same = left == right;
    for (int i = 0; i < m; i++) {
      project(i, left, s.left);
      double dot = 0.0;
      if (same) {
        for (int t = 0; t < k; t++) {
          dot += s.left[t] * s.left[t];
        }
      } else {
        project(i, right, s.right);
        for (int t = 0; t < k; t++) {
          dot += s.left[t] * s.right[t];
        }
      }
      out[i] = scale * dot;
    }
  }

  /** w = F^T a_i (F n x k). */
  private void project(int i, Mat f, double[] w) {
    int k = f.cols();
    double[] fd = f.data();
    Arrays.fill(w, 0, k, 0.0);
    int base = i * n;
    for (int j = 0; j < n; j++) {
      double aij = a[base + j];
      int fj = j * k;
      for (int t = 0; t < k; t++) {
        w[t] += aij * fd[fj + t];
      }
    }
  }

  @Override
  public void adjointTimes(double[] v, Mat right, Mat out, Workspace ws) {
    checkAdjointInput(v);
    if (!(right.rows() == n && out.rows() == n && out.cols() == right.cols())) {
      Check.shape(false,
        "adjointTimes: R is %s and the output %s; expected %d x k", right, out, n);
    }
    int k = right.cols();
    Scratch s = scratch(ws, k);
    double[] o = out.data();
    Arrays.fill(o, 0.0);
    for (int i = 0; i < m; i++) {
      project(i, right, s.right);
      double vi = scale * v[i];
      int base = i * n;
      for (int j = 0; j < n; j++) {
        double c = vi * a[base + j];
        int oj = j * k;
        for (int t = 0; t < k; t++) {
          o[oj + t] += c * s.right[t];
        }
      }
    }
  }

  @Override
  public void forwardDense(Mat z, double[] out) {
    Check.shape(z.rows() == n && z.cols() == n, "Z is %d x %d, expected %d x %d", z.rows(), z.cols(), n, n);
    Check.shape(out.length == m, "forward output has length %d, expected m = %d", out.length, m);
    double[] zd = z.data();
    for (int i = 0; i < m; i++) {
      int base = i * n;
      double s = 0.0;
      for (int j = 0; j < n; j++) {
        double row = 0.0;
        for (int c = 0; c < n; c++) {
          row += zd[j * n + c] * a[base + c];
        }
        s += a[base + j] * row;
      }
      out[i] = scale * s;
    }
  }

  @Override
  public void adjointDense(double[] v, Mat out) {
    checkAdjointInput(v);
    Check.shape(out.rows() == n && out.cols() == n, "A*(v) output is %d x %d, expected %d x %d",
        out.rows(), out.cols(), n, n);
    double[] o = out.data();
    Arrays.fill(o, 0.0);
    for (int i = 0; i < m; i++) {
      int base = i * n;
      double vi = scale * v[i];
      for (int j = 0; j < n; j++) {
        double c = vi * a[base + j];
        for (int l = 0; l < n; l++) {
          o[j * n + l] += c * a[base + l];
        }
      }
    }
  }
}
