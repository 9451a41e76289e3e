package io.lowrank.operator;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Mat;
import io.lowrank.linalg.Memory;
import io.lowrank.parallel.Parallelism;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Matrix completion, docs/math.md §2: the operator observes the entries (i, j) in a set Omega,
 * rescaled by 1/sqrt(p) so that the step sizes of sensing carry over:
 * A(Z)_e = Z_{i_e j_e} / sqrt(p).
 *
 * <p><b>Rectangular</b> (n1 x n2, {@link #symmetric()} false): A_e = E_{ij}, so
 * A*(v) = sum_e v_e E_{i_e j_e} / sqrt(p) and E ||A(Z)||^2 = ||Z||_F^2 under Bernoulli(p) sampling.
 * <b>Symmetric</b> (n x n): Omega holds upper-triangle pairs i &lt;= j only (the sampled pattern is
 * mirrored) and A_e = (E_ij + E_ji)/2 for i &lt; j, E_ii on the diagonal, so that A*(v) is symmetric
 * and A(Z)_e = (Z_ij + Z_ji) / (2 sqrt(p)), which is Z_ij for symmetric Z.
 *
 * <p>Entries are stored sorted by row, then column, in flat {@code int} arrays (cache-friendly
 * gathers of L's rows); every factored method costs O(|Omega| k) and never forms an n1 x n2
 * matrix. Only {@link #forwardDense} and {@link #adjointDense} form dense matrices, and they refuse
 * above {@link #DENSE_LIMIT} entries.
 *
 * <p><b>Fused pass</b> (rectangular only, {@link #residualAndGradients}): one sweep over the entries
 * computes each residual and at once adds its contributions to grad_L = A*(res) R and
 * grad_R = A*(res)^T L. The entries are split into at most {@link #MAX_BLOCKS} blocks of whole rows,
 * fixed by the data (n2 and |Omega|), never by the thread count: a block owns its rows of grad_L
 * (accumulated in entry order, bit-identical to {@link #adjointTimes}) and accumulates its
 * contribution to grad_R in its own buffer; the buffers and the blocks' partial losses are added in
 * block order. Blocks run on the threads of {@link #withParallelism}, so results are bit-identical
 * for every thread count.
 */
public final class EntrySampling implements MeasurementOperator {
  /** The largest n1 n2 for which the dense reference methods agree to form a matrix (2^26). */
  public static final long DENSE_LIMIT = 1L << 26;

  /**
   * Upper bound on the number of entry blocks of the fused pass. Each block beyond the first keeps
   * an n2 x k buffer that is zeroed and reduced every iteration, so there are at most
   * |Omega| / (4 n2) of them: that traffic stays below a quarter of the entries' own.
   */
  public static final int MAX_BLOCKS = 8;

  private static final Workspace NO_SCRATCH = new Workspace() {};

  private final int n1;
  private final int n2;
  private final boolean symmetric;
  private final int[] rows;
  private final int[] cols;
  private final double p;
  private final double scale;
  /** CSR row pointers: the entries of row i are rowStart[i] .. rowStart[i + 1] - 1. */
  private final int[] rowStart;
  /** Block b of the fused pass owns rows blockRow[b] .. blockRow[b + 1] - 1. */
  private final int[] blockRow;
  private final Parallelism parallelism;

  /** Entries already validated and sorted (see {@link EntryOrder}); the arrays are owned by the operator. */
  EntrySampling(int n1, int n2, boolean symmetric, int[] rows, int[] cols, double p) {
    this.n1 = n1;
    this.n2 = n2;
    this.symmetric = symmetric;
    this.rows = rows;
    this.cols = cols;
    this.p = p;
    this.scale = 1.0 / Math.sqrt(p);
    this.rowStart = new int[n1 + 1];
    for (int row : rows) {
      rowStart[row + 1]++;
    }
    for (int i = 0; i < n1; i++) {
      rowStart[i + 1] += rowStart[i];
    }
    int blocks = (int) Math.max(1, Math.min(MAX_BLOCKS, rows.length / (4L * n2)));
    this.blockRow = new int[blocks + 1];
    int i = 0;
    for (int b = 1; b < blocks; b++) {
      long target = (long) b * rows.length / blocks;
      while (i < n1 && rowStart[i] < target) {
        i++;
      }
      blockRow[b] = i;
    }
    blockRow[blocks] = n1;
    this.parallelism = Parallelism.sequential();
  }

  private EntrySampling(EntrySampling o, Parallelism parallelism) {
    this.n1 = o.n1;
    this.n2 = o.n2;
    this.symmetric = o.symmetric;
    this.rows = o.rows;
    this.cols = o.cols;
    this.p = o.p;
    this.scale = o.scale;
    this.rowStart = o.rowStart;
    this.blockRow = o.blockRow;
    this.parallelism = parallelism;
  }

  /**
   * The same entries (shared, no copy) whose fused pass runs its blocks on {@code parallelism}.
   * Results are bit-identical to the sequential operator's. The caller owns {@code parallelism}
   * and closes it after the last use of the returned operator.
   */
  public EntrySampling withParallelism(Parallelism parallelism) {
    return new EntrySampling(this, Objects.requireNonNull(parallelism, "parallelism"));
  }

  /** The threads the fused pass runs on. */
  public Parallelism parallelism() {
    return parallelism;
  }

  /** The number of entry blocks of the fused pass (fixed by n2 and |Omega|). */
  public int fusedBlocks() {
    return blockRow.length - 1;
  }

  /**
   * The first row of fused block {@code b} (0 &lt;= b &lt;= {@link #fusedBlocks()}; b = fusedBlocks()
   * gives n1): block b owns rows fusedBlockRow(b) .. fusedBlockRow(b + 1) - 1. An engine that runs
   * the blocks elsewhere uses these, with {@link FusedKernel}, to reproduce this operator's pass.
   */
  public int fusedBlockRow(int b) {
    Check.inRange(b, 0, blockRow.length - 1, "block");
    return blockRow[b];
  }

  /**
   * Rectangular completion of an n1 x n2 matrix from the given entries (copied), which must be
   * distinct, in range and sorted by row then column (see {@link EntryOrder#rowMajorOrder}); {@code p} is the
   * sampling rate of the rescaling 1/sqrt(p), 0 &lt; p &lt;= 1.
   */
  public static EntrySampling rectangular(int n1, int n2, int[] rows, int[] cols, double p) {
    Check.positive(n1, "n1");
    Check.positive(n2, "n2");
    EntryOrder.validate(n1, n2, rows, cols, p, false);
    return new EntrySampling(n1, n2, false, rows.clone(), cols.clone(), p);
  }

  /**
   * Symmetric completion of an n x n matrix from upper-triangle entries (i &lt;= j), distinct and
   * sorted by row then column; {@code p} as in {@link #rectangular}.
   */
  public static EntrySampling symmetric(int n, int[] rows, int[] cols, double p) {
    Check.positive(n, "n");
    EntryOrder.validate(n, n, rows, cols, p, true);
    return new EntrySampling(n, n, true, rows.clone(), cols.clone(), p);
  }

  /** The sampling rate p of the rescaling 1/sqrt(p). */
  public double samplingRate() {
    return p;
  }

  /** Row index of observed entry e (entries are sorted by row, then column). */
  public int row(int e) {
    return rows[e];
  }

  /** Column index of observed entry e. */
  public int col(int e) {
    return cols[e];
  }

  /** A(Z)_e for a dense observed value z_ij of a symmetric or rectangular matrix: z / sqrt(p). */
  public double measure(double value) {
    return scale * value;
  }

  @Override
  public int size() {
    return rows.length;
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
    return symmetric;
  }

  @Override
  public Workspace workspace(int width) {
    Check.positive(width, "width");
    return symmetric ? NO_SCRATCH : new FusedPass(width, n1, n2, blockRow, rowStart, cols, scale);
  }

  /**
   * Rectangular operators: one fused, multi-threaded pass ({@link FusedPass}); residualOut and
   * grad_L equal the two-pass evaluation bit for bit, grad_R and the returned ||res||^2 up to the
   * order of summation across blocks. Symmetric operators, and workspaces not made by this operator
   * (or one sharing its entries), use the two-pass default.
   */
  @Override
  public double residualAndGradients(Mat left, Mat right, double[] y, double[] residualOut, Mat gradL, Mat gradR,
      Workspace ws) {
    if (symmetric || !(ws instanceof FusedPass pass) || pass.blockRow != blockRow) {
      return MeasurementOperator.super.residualAndGradients(left, right, y, residualOut, gradL, gradR, ws);
    }
    return pass.run(left, right, y, residualOut, gradL, gradR, parallelism);
  }

  @Override
  public void forward(Mat left, Mat right, double[] out, Workspace ws) {
    if (!(left.rows() == n1 && right.rows() == n2 && left.cols() == right.cols())) {
      Check.shape(false,
        "L is %s and R is %s but the operator expects %d x k and %d x k", left, right, n1, n2);
    }
    if (!(out.length == rows.length)) {
      Check.shape(false, "forward output has length %d, expected m = %d", out.length, rows.length);
    }
    int k = left.cols();
    double[] l = left.data();
    double[] r = right.data();
    boolean mix = symmetric && left != right;
    for (int e = 0; e < rows.length; e++) {
      int li = rows[e] * k;
      int rj = cols[e] * k;
      double s = 0.0;
      for (int t = 0; t < k; t++) {
        s += l[li + t] * r[rj + t];
      }
      if (mix && li != rj) {
        double s2 = 0.0;
        for (int t = 0; t < k; t++) {
          s2 += l[rj + t] * r[li + t];
        }
        s = 0.5 * (s + s2);
      }
      out[e] = scale * s;
    }
  }

  @Override
  public void adjointTimes(double[] v, Mat right, Mat out, Workspace ws) {
    if (!(v.length == rows.length)) {
      Check.shape(false, "adjoint input has length %d, expected m = %d", v.length, rows.length);
    }
    if (!(right.rows() == n2 && out.rows() == n1 && out.cols() == right.cols())) {
      Check.shape(false,
        "adjointTimes: R is %s and the output %s; expected %d x k and %d x k", right, out, n2, n1);
    }
    int k = right.cols();
    double[] r = right.data();
    double[] o = out.data();
    Arrays.fill(o, 0.0);
    for (int e = 0; e < rows.length; e++) {
      int i = rows[e];
      int j = cols[e];
      double w = scale * v[e];
      if (symmetric && i != j) {
        w *= 0.5;
        int oj = j * k;
        int ri = i * k;
        for (int t = 0; t < k; t++) {
          o[oj + t] += w * r[ri + t];
        }
      }
      int oi = i * k;
      int rj = j * k;
      for (int t = 0; t < k; t++) {
        o[oi + t] += w * r[rj + t];
      }
    }
  }

  @Override
  public void adjointTransposeTimes(double[] v, Mat left, Mat out, Workspace ws) {
    if (symmetric) {
      adjointTimes(v, left, out, ws);
      return;
    }
    if (!(v.length == rows.length)) {
      Check.shape(false, "adjoint input has length %d, expected m = %d", v.length, rows.length);
    }
    if (!(left.rows() == n1 && out.rows() == n2 && out.cols() == left.cols())) {
      Check.shape(false,
        "adjointTransposeTimes: L is %s and the output %s; expected %d x k and %d x k", left, out, n1, n2);
    }
    int k = left.cols();
    double[] l = left.data();
    double[] o = out.data();
    Arrays.fill(o, 0.0);
    for (int e = 0; e < rows.length; e++) {
      double w = scale * v[e];
      int oj = cols[e] * k;
      int li = rows[e] * k;
      for (int t = 0; t < k; t++) {
        o[oj + t] += w * l[li + t];
      }
    }
  }

  @Override
  public void forwardDense(Mat z, double[] out) {
    requireDenseAllowed("forwardDense");
    Check.shape(z.rows() == n1 && z.cols() == n2, "Z is %d x %d, expected %d x %d", z.rows(), z.cols(), n1, n2);
    Check.shape(out.length == rows.length, "forward output has length %d, expected m = %d", out.length, rows.length);
    for (int e = 0; e < rows.length; e++) {
      int i = rows[e];
      int j = cols[e];
      double v = symmetric ? 0.5 * (z.get(i, j) + z.get(j, i)) : z.get(i, j);
      out[e] = scale * v;
    }
  }

  @Override
  public void adjointDense(double[] v, Mat out) {
    requireDenseAllowed("adjointDense");
    Check.shape(v.length == rows.length, "adjoint input has length %d, expected m = %d", v.length, rows.length);
    Check.shape(out.rows() == n1 && out.cols() == n2, "A*(v) output is %d x %d, expected %d x %d",
        out.rows(), out.cols(), n1, n2);
    double[] o = out.data();
    Arrays.fill(o, 0.0);
    for (int e = 0; e < rows.length; e++) {
      int i = rows[e];
      int j = cols[e];
      double w = scale * v[e];
      if (symmetric && i != j) {
        o[i * n2 + j] += 0.5 * w;
        o[j * n2 + i] += 0.5 * w;
      } else {
        o[i * n2 + j] += w;
      }
    }
  }

  private void requireDenseAllowed(String method) {
    long cells = (long) n1 * n2;
    if (cells > DENSE_LIMIT) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s would form a dense %d x %d matrix (%d entries, %s) for a completion operator with %d observed entries; "
              + "the limit is %d entries: use the factored forward/adjointTimes instead",
          method, n1, n2, cells, Memory.human(8 * cells), rows.length, DENSE_LIMIT));
    }
  }

}
