package io.lowrank.operator;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.linalg.Memory;
import io.lowrank.parallel.Parallelism;
import io.lowrank.random.Seeds;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Symmetric Gaussian (GOE) sensing, docs/math.md §2: A(Z)_i = &lt;A_i, Z&gt; / sqrt(m) with
 * A_i = (G_i + G_i^T)/2, i.e. diagonal entries N(0, 1) and off-diagonal entries N(0, 1/2).
 *
 * <p>Each A_i is stored packed (its n(n+1)/2 upper-triangle entries, row by row) in one row-major
 * m x n(n+1)/2 array of {@link Precision#FLOAT64} (default), {@link Precision#FLOAT32},
 * {@link Precision#BF16} or {@link Precision#INT8} entries (the last with one scale per A_i);
 * arithmetic is in double always. Row i is drawn from its own generator seeded by
 * {@code Seeds.mix(seed, i)}, so the operator is the same whatever the number of threads that
 * generate it, and the operator of a seed in a lower precision is the FLOAT64 one rounded as
 * {@link Precision} states. The stored operator is the operator: y is measured with it.
 *
 * <p>A GD step uses {@link #residualAndAdjointTimes}: one pass over the stored rows computes the
 * residuals of a block of rows and adds their contribution to A*(res) while the block is in cache.
 * {@link #withParallelism} spreads the row blocks over threads; results are bit-identical for every
 * thread count (see {@link PackedRows}). Inner loops use {@code jdk.incubator.vector} when the JVM
 * runs with {@code --add-modules jdk.incubator.vector} and plain Java otherwise, with bit-identical
 * results.
 *
 * <p>Cost per call: factor product O(n^2 k / 2) + one pass over the m n(n+1)/2 stored entries +
 * unpack and GEMM O(n^2 k); for one factor the two products run by row ranges on the operator's
 * threads ({@link FactorProducts}, bit-identical to the sequential products).
 */
public final class SymmetricGaussianSensing extends SquareSymmetricSensing implements BatchedOperator {
  private final int packed;
  private final PackedRows rows;
  private final Parallelism parallelism;
  private final RowStorage store;

  private SymmetricGaussianSensing(int n, RowStorage store, RowKernels kernels, Parallelism parallelism,
      Arithmetic arithmetic) {
    super(n, store.rows);
    this.packed = PackedSymmetric.size(n);
    this.store = store;
    this.rows = new PackedRows(store, 1.0 / Math.sqrt(m), kernels, arithmetic);
    this.parallelism = parallelism;
  }

  /** Bytes of the packed float64 measurement tensor for these sizes. */
  public static long bytes(int n, int m) {
    return bytes(n, m, Precision.FLOAT64);
  }

  /** Bytes of the packed measurement tensor for these sizes and this precision. */
  public static long bytes(int n, int m, Precision precision) {
    return RowStorage.bytes(precision, m, PackedSymmetric.size(n));
  }

  /** {@link #generate(int, int, long, Precision)} with float64 storage. */
  public static SymmetricGaussianSensing generate(int n, int m, long seed) {
    return generate(n, m, seed, Precision.FLOAT64);
  }

  /**
   * Draws m GOE matrices of size n x n from {@code seed} and stores them in {@code precision}.
   * Refuses (IllegalArgumentException) when the m x n(n+1)/2 entries would not fit in the heap.
   */
  public static SymmetricGaussianSensing generate(int n, int m, long seed, Precision precision) {
    Check.positive(n, "n");
    Check.positive(m, "m (number of measurements)");
    Objects.requireNonNull(precision, "precision");
    long elements = (long) m * PackedSymmetric.size(n);
    Memory.require(bytes(n, m, precision), elements,
        "the sensing operator (m x n(n+1)/2 " + precision.entryName() + ")", "reduce m or n");
    int np = PackedSymmetric.size(n);
    RowStorage store = RowStorage.allocate(precision, m, np);
    double offDiagonal = Math.sqrt(0.5);
    IntStream.range(0, m).parallel().forEach(i -> {
      SplittableRandom rng = Seeds.rng(Seeds.mix(seed, i));
      double[] x = new double[np];
      int p = 0;
      for (int j = 0; j < n; j++) {
        for (int c = j; c < n; c++) {
          x[p++] = c == j ? rng.nextGaussian() : offDiagonal * rng.nextGaussian();
        }
      }
      store.setRow(i, x);
    });
    return new SymmetricGaussianSensing(n, store, RowKernels.best(), Parallelism.sequential(),
        Arithmetic.DOUBLE);
  }

  /**
   * An operator from explicit matrices: {@code full} holds m symmetric n x n matrices A_i
   * (row-major, i slowest, as in an m x n x n NumPy array). The 1/sqrt(m) factor is applied by the
   * operator, so pass the raw A_i. Rejects non-finite or non-symmetric input. Float64 storage.
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
    return new SymmetricGaussianSensing(n, RowStorage.of(a, m, np), RowKernels.best(), Parallelism.sequential(),
        Arithmetic.DOUBLE);
  }

  /**
   * The same measurements (shared storage, no copy) evaluated with {@code parallelism}: row blocks
   * of each pass run on its threads. Results are bit-identical to the sequential operator's. The
   * caller owns {@code parallelism} and closes it after the last use of the returned operator.
   */
  public SymmetricGaussianSensing withParallelism(Parallelism parallelism) {
    return new SymmetricGaussianSensing(n, store, RowKernels.best(), Objects.requireNonNull(parallelism),
        rows.arithmetic());
  }

  /**
   * The same measurements (shared storage, no copy) evaluated with {@code arithmetic}
   * ({@link Arithmetic}; FLOAT for float32, bf16 or int8 storage only, IllegalArgumentException
   * otherwise). The stored operator, and so the problem, is unchanged; FLOAT passes round more.
   */
  public SymmetricGaussianSensing withArithmetic(Arithmetic arithmetic) {
    return new SymmetricGaussianSensing(n, store, RowKernels.best(), parallelism, arithmetic);
  }

  /** The arithmetic of the passes. */
  public Arithmetic arithmetic() {
    return rows.arithmetic();
  }

  /**
   * The measurements A_i, i in {@code indices}, stored as they are (same precision), with
   * the normalisation 1/sqrt(indices.length) ({@link MeasurementOperator#subset}).
   */
  @Override
  public SymmetricGaussianSensing subset(int[] indices) {
    MeasurementOperator.checkSubset(indices, m);
    return new SymmetricGaussianSensing(n, store.select(indices), RowKernels.best(), parallelism,
        rows.arithmetic());
  }

  /** The same measurements evaluated with the plain-Java kernels (for tests and benchmarks). */
  SymmetricGaussianSensing withPlainKernels() {
    return new SymmetricGaussianSensing(n, store, RowKernels.plain(), parallelism, rows.arithmetic());
  }

  /**
   * "vector" or "vector512" when the jdk.incubator.vector kernels are in use, "plain" otherwise;
   * with FLOAT arithmetic the float kernels' name and "-float".
   */
  public String kernelName() {
    return rows.kernelName();
  }

  /** Storage precision of the measurements. */
  public Precision precision() {
    return store.precision;
  }

  /** The threads passes run on. */
  public Parallelism parallelism() {
    return parallelism;
  }

  /** Writes the raw A_i as an m x n x n row-major array (the layout of {@link #fromDense}). */
  public double[] toDense() {
    double[] full = new double[m * n * n];
    double[] block = new double[n * n];
    double[] row = new double[packed];
    for (int i = 0; i < m; i++) {
      for (int p = 0; p < packed; p++) {
        row[p] = store.value(i, p);
      }
      PackedSymmetric.unpack(row, n, block);
      System.arraycopy(block, 0, full, i * n * n, n * n);
    }
    return full;
  }

  /**
   * Scratch of one caller: per member a packed weighted product, a packed A*(r) and an n x n
   * unpacked copy; the pass's block partial sums; task objects made once.
   */
  private final class Scratch implements Workspace {
    final int width;
    final int members;
    final double[][] weighted;
    final double[][] adjointPacked;
    final Mat[] full;
    final PackedRows owner;
    final PackedRows.Pass pass;
    final FactorProducts products = new FactorProducts(n);
    final double[][] residualHolder = new double[1][];
    final IntConsumer productTask = this::product;
    final IntConsumer finishTask = this::finish;
    Mat[] factors;
    Mat[] gradients;

    Scratch(int width, int members) {
      this.width = width;
      this.members = members;
      this.weighted = new double[members][packed];
      this.adjointPacked = new double[members][packed];
      this.full = new Mat[members];
      for (int k = 0; k < members; k++) {
        full[k] = new Mat(n, n);
      }
      this.owner = rows;
      this.pass = rows.newPass(members);
    }

    private void product(int k) {
      PackedSymmetric.weightedProduct(factors[k], factors[k], weighted[k]);
    }

    private void finish(int k) {
      PackedSymmetric.unpack(adjointPacked[k], n, full[k].data());
      Dense.multiply(full[k], factors[k], gradients[k]);
    }
  }

  @Override
  public Workspace workspace(int width) {
    Check.positive(width, "width");
    return new Scratch(width, 1);
  }

  @Override
  public Workspace batchWorkspace(int width, int members) {
    Check.positive(width, "width");
    Check.positive(members, "members");
    return new Scratch(width, members);
  }

  private Scratch scratch(Workspace ws) {
    if (!(ws instanceof Scratch s && s.owner.sameStorage(rows))) {
      throw new IllegalArgumentException("the workspace was not made by this operator (or one sharing its measurements)");
    }
    return (Scratch) ws;
  }

  @Override
  public void forward(Mat left, Mat right, double[] out, Workspace ws) {
    checkForward(left, right, out);
    Scratch s = scratch(ws);
    if (left == right) {
      s.products.symmetricProduct(left, s.weighted[0], parallelism);
    } else {
      PackedSymmetric.weightedProduct(left, right, s.weighted[0]);
    }
    s.pass.forward(s.weighted[0], out, parallelism);
  }

  @Override
  public void forwardDense(Mat z, double[] out) {
    Check.shape(z.rows() == n && z.cols() == n, "Z is %d x %d, expected %d x %d", z.rows(), z.cols(), n, n);
    Check.shape(out.length == m, "forward output has length %d, expected m = %d", out.length, m);
    double[] weighted = new double[packed];
    PackedSymmetric.weightedDense(z, weighted);
    rows.newPass(1).forward(weighted, out, parallelism);
  }

  @Override
  public void adjointTimes(double[] v, Mat right, Mat out, Workspace ws) {
    checkAdjointTimes(v, right, out);
    Scratch s = scratch(ws);
    s.pass.adjoint(v, s.adjointPacked[0], parallelism);
    PackedSymmetric.unpack(s.adjointPacked[0], n, s.full[0].data());
    s.products.multiply(s.full[0], right, out, parallelism);
  }

  @Override
  public void adjointDense(double[] v, Mat out) {
    checkAdjointInput(v);
    Check.shape(out.rows() == n && out.cols() == n, "A*(v) output is %d x %d, expected %d x %d",
        out.rows(), out.cols(), n, n);
    double[] g = new double[packed];
    rows.newPass(1).adjoint(v, g, parallelism);
    PackedSymmetric.unpack(g, n, out.data());
  }

  /**
   * One pass over the stored rows: residualOut = A(U U^T) - y and gradOut = A*(residualOut) U;
   * returns ||residualOut||^2 (summed in row order). Bit-identical to the two-pass default.
   */
  @Override
  public double residualAndAdjointTimes(Mat u, double[] y, double[] residualOut, Mat gradOut, Workspace ws) {
    Scratch s = scratch(ws);
    checkMember(u, gradOut, residualOut, y, s);
    s.residualHolder[0] = residualOut;
    s.products.symmetricProduct(u, s.weighted[0], parallelism);
    s.pass.fused(1, s.weighted, y, s.residualHolder, s.adjointPacked, parallelism);
    s.residualHolder[0] = null;
    PackedSymmetric.unpack(s.adjointPacked[0], n, s.full[0].data());
    s.products.multiply(s.full[0], u, gradOut, parallelism);
    return squaredNorm(residualOut);
  }

  @Override
  public void residualAndAdjointTimes(int count, Mat[] u, double[] y, double[][] residualOut, Mat[] gradOut,
      double[] squaredNormOut, Workspace ws) {
    Scratch s = scratch(ws);
    Check.inRange(count, 1, s.members, "batch size");
    if (u.length < count || residualOut.length < count || gradOut.length < count || squaredNormOut.length < count) {
      Check.shape(false, "batch arrays hold fewer than %d members", count);
    }
    for (int k = 0; k < count; k++) {
      checkMember(u[k], gradOut[k], residualOut[k], y, s);
    }
    s.factors = u;
    s.gradients = gradOut;
    parallelism.forEach(count, s.productTask);
    s.pass.fused(count, s.weighted, y, residualOut, s.adjointPacked, parallelism);
    parallelism.forEach(count, s.finishTask);
    s.factors = null;
    s.gradients = null;
    for (int k = 0; k < count; k++) {
      squaredNormOut[k] = squaredNorm(residualOut[k]);
    }
  }

  private static double squaredNorm(double[] r) {
    double sum = 0.0;
    for (double v : r) {
      sum += v * v;
    }
    return sum;
  }

  private void checkMember(Mat u, Mat grad, double[] residual, double[] y, Scratch s) {
    // guarded checks: the varargs arrays of the messages are made only on failure
    checkFactor(u, "U");
    if (u.cols() != s.width) {
      Check.shape(false, "U has %d columns but the workspace was made for width %d", u.cols(), s.width);
    }
    if (!grad.sameShape(u)) {
      Check.shape(false, "gradient buffer is %s but U is %s", grad, u);
    }
    if (residual.length != m) {
      Check.shape(false, "residual buffer has length %d, expected m = %d", residual.length, m);
    }
    if (y.length != m) {
      Check.shape(false, "y has length %d, expected m = %d", y.length, m);
    }
  }

}
