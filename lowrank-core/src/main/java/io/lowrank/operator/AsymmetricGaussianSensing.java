package io.lowrank.operator;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.linalg.Memory;
import io.lowrank.parallel.Parallelism;
import io.lowrank.random.Seeds;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Asymmetric Gaussian sensing, docs/math.md §2: A(Z)_i = &lt;A_i, Z&gt; / sqrt(m) for Z in
 * R^{n1 x n2}, with A_i i.i.d. N(0, 1) entries, so that E ||A(Z)||^2 = ||Z||_F^2 for every Z.
 *
 * <p>The A_i are stored row-major in one m x (n1 n2) array of any {@link Precision} (float64 by
 * default; lower precisions round the draws as {@link Precision} states, and the rounded operator
 * is the operator); row i is drawn from its own generator {@code Seeds.mix(seed, i)}, so the
 * operator does not depend on the number of threads. Rows are read by the packed operators' row
 * kernels ({@link PackedRows}: fixed eight-lane fused multiply-add order, vector or plain Java with
 * identical results).
 *
 * <p>Cost per call: forward O(n1 n2 k + m n1 n2); adjoint-times-factor O(m n1 n2 + n1 n2 k).
 */
public final class AsymmetricGaussianSensing implements MeasurementOperator {
  private final int n1;
  private final int n2;
  private final int m;
  private final RowStorage store;
  private final PackedRows rowPasses;

  private AsymmetricGaussianSensing(int n1, int n2, RowStorage store) {
    this(n1, n2, store, Arithmetic.DOUBLE);
  }

  private AsymmetricGaussianSensing(int n1, int n2, RowStorage store, Arithmetic arithmetic) {
    this.n1 = n1;
    this.n2 = n2;
    this.m = store.rows;
    this.store = store;
    this.rowPasses = new PackedRows(store, 1.0 / Math.sqrt(m), RowKernels.best(), arithmetic);
  }

  /**
   * The same measurements (shared storage) evaluated with {@code arithmetic} ({@link Arithmetic};
   * FLOAT for float32, bf16 or int8 storage only, IllegalArgumentException otherwise).
   */
  public AsymmetricGaussianSensing withArithmetic(Arithmetic arithmetic) {
    return new AsymmetricGaussianSensing(n1, n2, store, arithmetic);
  }

  /** The arithmetic of the passes. */
  public Arithmetic arithmetic() {
    return rowPasses.arithmetic();
  }

  /** {@link #generate(int, int, int, long, Precision)} with float64 storage. */
  public static AsymmetricGaussianSensing generate(int n1, int n2, int m, long seed) {
    return generate(n1, n2, m, seed, Precision.FLOAT64);
  }

  /**
   * Draws m Gaussian n1 x n2 matrices from {@code seed} and stores them in {@code precision}.
   * Refuses (IllegalArgumentException) when the m n1 n2 entries would not fit in the heap.
   */
  public static AsymmetricGaussianSensing generate(int n1, int n2, int m, long seed, Precision precision) {
    Check.positive(n1, "n1");
    Check.positive(n2, "n2");
    Check.positive(m, "m (number of measurements)");
    Objects.requireNonNull(precision, "precision");
    long elements = (long) m * n1 * n2;
    Memory.require(bytes(n1, n2, m, precision), elements,
        "the asymmetric sensing operator (m x n1 n2 " + precision.entryName() + ")", "reduce m, n1 or n2");
    int cells = n1 * n2;
    RowStorage store = RowStorage.allocate(precision, m, cells);
    IntStream.range(0, m).parallel().forEach(i -> {
      double[] x = new double[cells];
      Seeds.gaussian(Seeds.rng(Seeds.mix(seed, i)), 1.0, x, 0, cells);
      store.setRow(i, x);
    });
    return new AsymmetricGaussianSensing(n1, n2, store);
  }

  /** Bytes of the stored operator for these sizes and this precision. */
  public static long bytes(int n1, int n2, int m, Precision precision) {
    return RowStorage.bytes(precision, m, (long) n1 * n2);
  }

  /** Storage precision of the measurements. */
  public Precision precision() {
    return store.precision;
  }

  /** The measurements A_i, i in {@code indices} (same precision), normalised by 1/sqrt(indices.length). */
  @Override
  public AsymmetricGaussianSensing subset(int[] indices) {
    MeasurementOperator.checkSubset(indices, m);
    return new AsymmetricGaussianSensing(n1, n2, store.select(indices), rowPasses.arithmetic());
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

  /** Scratch: one n1 x n2 buffer (the product L R^T, or the accumulated A*(v)) and one pass's buffers. */
  private final class Scratch implements Workspace {
    final Mat full;
    final PackedRows.Pass pass;
    final PackedRows owner;

    Scratch() {
      full = new Mat(n1, n2);
      pass = rowPasses.newPass(1);
      owner = rowPasses;
    }
  }

  private Scratch scratch(Workspace ws) {
    if (!(ws instanceof Scratch s && s.owner.sameStorage(rowPasses))) {
      throw new IllegalArgumentException("the workspace was not made by this operator (or one sharing its measurements)");
    }
    return (Scratch) ws;
  }

  @Override
  public Workspace workspace(int width) {
    Check.positive(width, "width");
    return new Scratch();
  }

  @Override
  public void forward(Mat left, Mat right, double[] out, Workspace ws) {
    if (!(left.rows() == n1 && right.rows() == n2 && left.cols() == right.cols())) {
      Check.shape(false,
        "L is %s and R is %s but the operator expects %d x k and %d x k", left, right, n1, n2);
    }
    Scratch s = scratch(ws);
    Dense.multiplyTransB(left, right, s.full);
    checkForwardOutput(out);
    s.pass.forward(s.full.data(), out, Parallelism.sequential());
  }

  @Override
  public void forwardDense(Mat z, double[] out) {
    if (!(z.rows() == n1 && z.cols() == n2)) {
      Check.shape(false, "Z is %d x %d, expected %d x %d", z.rows(), z.cols(), n1, n2);
    }
    checkForwardOutput(out);
    rowPasses.newPass(1).forward(z.data(), out, Parallelism.sequential());
  }

  private void checkForwardOutput(double[] out) {
    if (!(out.length == m)) {
      Check.shape(false, "forward output has length %d, expected m = %d", out.length, m);
    }
  }

  @Override
  public void adjointTimes(double[] v, Mat right, Mat out, Workspace ws) {
    if (!(right.rows() == n2 && out.rows() == n1 && out.cols() == right.cols())) {
      Check.shape(false,
        "adjointTimes: R is %s and the output %s; expected %d x k and %d x k", right, out, n2, n1);
    }
    Scratch s = scratch(ws);
    checkAdjointInput(v);
    s.pass.adjoint(v, s.full.data(), Parallelism.sequential());
    Dense.multiply(s.full, right, out);
  }

  @Override
  public void adjointTransposeTimes(double[] v, Mat left, Mat out, Workspace ws) {
    if (!(left.rows() == n1 && out.rows() == n2 && out.cols() == left.cols())) {
      Check.shape(false,
        "adjointTransposeTimes: L is %s and the output %s; expected %d x k and %d x k", left, out, n1, n2);
    }
    Scratch s = scratch(ws);
    checkAdjointInput(v);
    s.pass.adjoint(v, s.full.data(), Parallelism.sequential());
    Dense.multiplyTransA(s.full, left, out);
  }

  @Override
  public void adjointDense(double[] v, Mat out) {
    checkAdjointInput(v);
    if (!(out.rows() == n1 && out.cols() == n2)) {
      Check.shape(false, "A*(v) output is %d x %d, expected %d x %d",
        out.rows(), out.cols(), n1, n2);
    }
    rowPasses.newPass(1).adjoint(v, out.data(), Parallelism.sequential());
  }

  private void checkAdjointInput(double[] v) {
    if (!(v.length == m)) {
      Check.shape(false, "adjoint input has length %d, expected m = %d", v.length, m);
    }
  }
}
