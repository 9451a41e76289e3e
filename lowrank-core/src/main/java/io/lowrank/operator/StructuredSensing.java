package io.lowrank.operator;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Mat;
import io.lowrank.linalg.Memory;
import io.lowrank.parallel.Parallelism;
import io.lowrank.random.Seeds;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Structured random sensing (docs/math.md §2, "Structured sensing"): a GOE-type operator that is
 * never stored. With np = n(n+1)/2 packed coordinates, N = the smallest power of two ≥ max(np, m),
 * H the N x N Sylvester–Hadamard matrix (entries ±1), d ∈ {±1}^np i.i.d. Rademacher signs and
 * S = {s_0 &lt; ... &lt; s_{m-1}} a uniformly random m-subset of the rows of H,
 *
 * <pre>
 *   A(Z)_i = (1/sqrt(m)) sum_p H[s_i][p] d_p c_p w_p(Z),   c_p = 1 on the diagonal, 1/sqrt(2) off it,
 * </pre>
 *
 * where w(Z) is the packed weighted form of Z (Z_jj on the diagonal, Z_jk + Z_kj off it). So
 * A_i is the symmetric matrix with entries ±1 on the diagonal and ±1/√2 off it, the same second
 * moments as a GOE matrix: E_d ‖A(Z)‖² = ‖Z‖_F² for every symmetric Z and every row subset.
 *
 * <p>Memory O(np + m) for the operator (signs and rows: 4.1 MB at n = 1000, m = 25000) plus
 * O(N + n²) per workspace (16 MB there), instead of the m n(n+1)/2 stored entries of {@link SymmetricGaussianSensing}
 * (50 GB in float32 at that size). Cost per application: the factor product O(n² k / 2), one
 * transform O(N log N) and, for the adjoint, the unpack and product O(n² k). The product, the
 * transform and the final multiplication run on the threads of {@link #withParallelism}; every
 * entry is computed by the same operations whatever the thread count, so results are bit-identical.
 *
 * <p>The signs and the rows are drawn from {@code seed} (two derived streams), so one seed gives
 * one operator on every machine.
 */
public final class StructuredSensing extends SquareSymmetricSensing {
  /** Row-range tasks of the factor product and the final multiplication. */

  private final int packed;
  private final int length;
  private final int[] selected;
  private final double[] weights;
  private final double scale;
  private final Parallelism parallelism;

  private StructuredSensing(int n, int length, int[] selected, double[] weights, Parallelism parallelism) {
    super(n, selected.length);
    this.packed = PackedSymmetric.size(n);
    this.length = length;
    this.selected = selected;
    this.weights = weights;
    this.scale = 1.0 / Math.sqrt(m);
    this.parallelism = parallelism;
  }

  /** The order N of the transform for these sizes: the smallest power of two ≥ max(n(n+1)/2, m). */
  public static int transformLength(int n, int m) {
    return WalshHadamard.order(Math.max((long) n * (n + 1) / 2, m));
  }

  /**
   * Bytes of the operator and one workspace: signs (8 np) and rows (4 m), then the transform buffer
   * (8 N), a packed vector (8 np) and an n x n matrix (8 n²) per workspace.
   */
  public static long bytes(int n, int m) {
    long np = (long) n * (n + 1) / 2;
    return 8 * np + 4L * m + 8L * transformLength(n, m) + 8 * np + 8L * n * n;
  }

  /**
   * Draws the signs and the m rows from {@code seed}. Refuses (IllegalArgumentException) sizes whose
   * transform would exceed 2^30 entries or whose buffers would not fit in the heap.
   */
  public static StructuredSensing generate(int n, int m, long seed) {
    Check.positive(n, "n");
    Check.positive(m, "m (number of measurements)");
    int np = PackedSymmetric.size(n);
    if ((long) n * (n + 1) / 2 > 1L << 30 || m > 1 << 30) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "structured sensing supports n(n+1)/2 and m up to "
          + "2^30, got n = %d, m = %d; reduce n or m", n, m));
    }
    int length = transformLength(n, m);
    long need = bytes(n, m);
    Memory.require(need, Math.max(length, np), String.format(Locale.ROOT,
        "structured sensing for n = %d, m = %d (signs, rows and a transform of %d entries)", n, m, length),
        "reduce n or m");
    double[] weights = new double[np];
    SplittableRandom signs = Seeds.rng(Seeds.mix(seed, 0));
    double offDiagonal = Math.sqrt(0.5);
    int p = 0;
    for (int j = 0; j < n; j++) {
      for (int c = j; c < n; c++) {
        double sign = signs.nextBoolean() ? 1.0 : -1.0;
        weights[p++] = c == j ? sign : sign * offDiagonal;
      }
    }
    return new StructuredSensing(n, length, rows(length, m, Seeds.rng(Seeds.mix(seed, 1))), weights,
        Parallelism.sequential());
  }

  /** A uniformly random m-subset of 0..length-1, ascending (Floyd's algorithm). */
  private static int[] rows(int length, int m, SplittableRandom rng) {
    BitSet chosen = new BitSet(length);
    for (int j = length - m; j < length; j++) {
      int t = rng.nextInt(j + 1);
      chosen.set(chosen.get(t) ? j : t);
    }
    int[] out = new int[m];
    int k = 0;
    for (int i = chosen.nextSetBit(0); i >= 0; i = chosen.nextSetBit(i + 1)) {
      out[k++] = i;
    }
    return out;
  }

  /**
   * The same operator (shared signs and rows) evaluated with {@code parallelism}; results are
   * bit-identical to the sequential operator's. The caller owns {@code parallelism}.
   */
  public StructuredSensing withParallelism(Parallelism parallelism) {
    return new StructuredSensing(n, length, selected, weights, Objects.requireNonNull(parallelism));
  }

  /** Measurements {@code indices} with the normalisation 1/sqrt(indices.length) ({@link MeasurementOperator#subset}). */
  @Override
  public StructuredSensing subset(int[] indices) {
    MeasurementOperator.checkSubset(indices, m);
    int[] rows = new int[indices.length];
    for (int k = 0; k < rows.length; k++) {
      rows[k] = selected[indices[k]];
    }
    return new StructuredSensing(n, length, rows, weights, parallelism);
  }

  /** The order N of the Walsh–Hadamard transform. */
  public int transformLength() {
    return length;
  }

  /** The rows of H that are measured, ascending (a copy). */
  public int[] selectedRows() {
    return selected.clone();
  }

  /** The packed signed weights d_p c_p (a copy). */
  public double[] signedWeights() {
    return weights.clone();
  }

  /** The threads passes run on. */
  public Parallelism parallelism() {
    return parallelism;
  }

  /** One caller's buffers and task objects (made once, so calls allocate nothing). */
  private final class Scratch implements Workspace {
    final double[] buffer = new double[length];
    final double[] packedVector = new double[packed];
    final Mat full = new Mat(n, n);
    final WalshHadamard transform = new WalshHadamard(length);
    final StructuredSensing owner = StructuredSensing.this;
    final FactorProducts products = new FactorProducts(n);
  }

  @Override
  public Workspace workspace(int width) {
    Check.positive(width, "width");
    Memory.require(bytes(n, m) - 8L * packed - 4L * m, length, String.format(Locale.ROOT,
        "a structured sensing workspace for n = %d, width %d", n, width), "reduce n or the width");
    return new Scratch();
  }

  private Scratch scratch(Workspace ws) {
    if (!(ws instanceof Scratch s && s.owner.weights == weights && s.owner.length == length)) {
      throw new IllegalArgumentException("the workspace was not made by this operator (or one sharing its signs)");
    }
    return (Scratch) ws;
  }

  /** out = scale (H D w)[s_i], from the packed weighted form already in s.packedVector. */
  private void forwardPacked(Scratch s, double[] out) {
    double[] x = s.buffer;
    double[] w = s.packedVector;
    for (int p = 0; p < packed; p++) {
      x[p] = weights[p] * w[p];
    }
    Arrays.fill(x, packed, length, 0.0);
    s.transform.apply(x, parallelism);
    for (int i = 0; i < m; i++) {
      out[i] = scale * x[selected[i]];
    }
  }

  /** s.packedVector = the packed A*(v): scale d_p c_p (H S^T v)_p. */
  private void adjointPacked(double[] v, Scratch s) {
    double[] x = s.buffer;
    Arrays.fill(x, 0.0);
    for (int i = 0; i < m; i++) {
      x[selected[i]] = v[i];
    }
    s.transform.apply(x, parallelism);
    double[] g = s.packedVector;
    for (int p = 0; p < packed; p++) {
      g[p] = scale * weights[p] * x[p];
    }
  }

  @Override
  public void forward(Mat left, Mat right, double[] out, Workspace ws) {
    checkForward(left, right, out);
    Scratch s = scratch(ws);
    if (left == right) {
      s.products.symmetricProduct(left, s.packedVector, parallelism);
    } else {
      PackedSymmetric.weightedProduct(left, right, s.packedVector);
    }
    forwardPacked(s, out);
  }

  @Override
  public void adjointTimes(double[] v, Mat right, Mat out, Workspace ws) {
    checkAdjointTimes(v, right, out);
    Scratch s = scratch(ws);
    adjointPacked(v, s);
    PackedSymmetric.unpack(s.packedVector, n, s.full.data());
    s.products.multiply(s.full, right, out, parallelism);
  }

  @Override
  public void forwardDense(Mat z, double[] out) {
    Check.shape(z.rows() == n && z.cols() == n, "Z is %d x %d, expected %d x %d", z.rows(), z.cols(), n, n);
    Check.shape(out.length == m, "forward output has length %d, expected m = %d", out.length, m);
    Scratch s = new Scratch();
    PackedSymmetric.weightedDense(z, s.packedVector);
    forwardPacked(s, out);
  }

  @Override
  public void adjointDense(double[] v, Mat out) {
    checkAdjointInput(v);
    Check.shape(out.rows() == n && out.cols() == n, "A*(v) output is %d x %d, expected %d x %d",
        out.rows(), out.cols(), n, n);
    Scratch s = new Scratch();
    adjointPacked(v, s);
    PackedSymmetric.unpack(s.packedVector, n, out.data());
  }

}
