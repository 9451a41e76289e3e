package io.lowrank.operator;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Mat;
import io.lowrank.linalg.Memory;
import io.lowrank.parallel.Parallelism;
import io.lowrank.random.Seeds;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Matrix completion, MATH.md §1.2: the operator observes the entries (i, j) in a set Omega,
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
  /** Slices of grad_R for the parallel, order-fixed reduction of the block buffers. */
  private static final int REDUCE_SLICES = 8;

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

  private EntrySampling(int n1, int n2, boolean symmetric, int[] rows, int[] cols, double p) {
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
   * Rectangular completion of an n1 x n2 matrix from the given entries (copied), which must be
   * distinct, in range and sorted by row then column (see {@link #rowMajorOrder}); {@code p} is the
   * sampling rate of the rescaling 1/sqrt(p), 0 &lt; p &lt;= 1.
   */
  public static EntrySampling rectangular(int n1, int n2, int[] rows, int[] cols, double p) {
    Check.positive(n1, "n1");
    Check.positive(n2, "n2");
    validate(n1, n2, rows, cols, p, false);
    return new EntrySampling(n1, n2, false, rows.clone(), cols.clone(), p);
  }

  /**
   * Symmetric completion of an n x n matrix from upper-triangle entries (i &lt;= j), distinct and
   * sorted by row then column; {@code p} as in {@link #rectangular}.
   */
  public static EntrySampling symmetric(int n, int[] rows, int[] cols, double p) {
    Check.positive(n, "n");
    validate(n, n, rows, cols, p, true);
    return new EntrySampling(n, n, true, rows.clone(), cols.clone(), p);
  }

  /** Uniform Bernoulli(p) sampling of every entry of an n1 x n2 matrix, drawn from {@code seed}. */
  public static EntrySampling uniform(int n1, int n2, double p, long seed) {
    Check.positive(n1, "n1");
    Check.positive(n2, "n2");
    Check.inRange(p, Double.MIN_NORMAL, 1.0, "sampling rate p");
    return bernoulli(n1, n2, p, seed, false);
  }

  /** Uniform Bernoulli(p) sampling of the upper triangle of an n x n matrix, mirrored. */
  public static EntrySampling uniformSymmetric(int n, double p, long seed) {
    Check.positive(n, "n");
    Check.inRange(p, Double.MIN_NORMAL, 1.0, "sampling rate p");
    return bernoulli(n, n, p, seed, true);
  }

  private static EntrySampling bernoulli(int n1, int n2, double p, long seed, boolean sym) {
    long expected = (long) Math.ceil(p * n1 * (double) n2) + 16;
    Memory.require(8 * expected, expected, "the sampled entries (about p n1 n2 pairs of ints)",
        "lower the sampling rate or the size");
    SplittableRandom rng = Seeds.rng(seed);
    IntList r = new IntList();
    IntList c = new IntList();
    for (int i = 0; i < n1; i++) {
      for (int j = sym ? i : 0; j < n2; j++) {
        if (rng.nextDouble() < p) {
          r.add(i);
          c.add(j);
        }
      }
    }
    Check.shape(r.size > 0, "sampling with p = %s observed no entry of the %d x %d matrix; raise p", p, n1, n2);
    return new EntrySampling(n1, n2, sym, r.toArray(), c.toArray(), p);
  }

  /**
   * ReLU (threshold) sampling of Liu et al. (ICML 2024): Omega = {(i, j) : (L R^T)_ij > tau}, where
   * M = L R^T is the matrix to be observed (L n1 x r, R n2 x r). The rescaling uses the observed
   * fraction p = |Omega| / (n1 n2). Costs O(n1 n2 r) once; the operator itself is sparse.
   */
  public static EntrySampling threshold(Mat left, Mat right, double tau) {
    return thresholdOf(left, right, tau, false);
  }

  /** ReLU sampling with the default threshold tau = 0: the positive entries of L R^T. */
  public static EntrySampling threshold(Mat left, Mat right) {
    return threshold(left, right, 0.0);
  }

  /** Symmetric ReLU sampling with the default threshold tau = 0: the positive entries of X X^T. */
  public static EntrySampling thresholdSymmetric(Mat x) {
    return thresholdSymmetric(x, 0.0);
  }

  /** Symmetric ReLU sampling of M = X X^T: upper-triangle pairs with M_ij > tau, mirrored. */
  public static EntrySampling thresholdSymmetric(Mat x, double tau) {
    return thresholdOf(x, x, tau, true);
  }

  private static EntrySampling thresholdOf(Mat left, Mat right, double tau, boolean sym) {
    Check.shape(left.cols() == right.cols(), "L is %s and R is %s: their widths differ", left, right);
    Check.shape(Double.isFinite(tau), "threshold tau must be finite, got %s", tau);
    int a = left.rows();
    int b = right.rows();
    int k = left.cols();
    IntList r = new IntList();
    IntList c = new IntList();
    double[] l = left.data();
    double[] rd = right.data();
    for (int i = 0; i < a; i++) {
      for (int j = sym ? i : 0; j < b; j++) {
        double s = 0.0;
        for (int t = 0; t < k; t++) {
          s += l[i * k + t] * rd[j * k + t];
        }
        if (s > tau) {
          r.add(i);
          c.add(j);
        }
      }
    }
    Check.shape(r.size > 0, "no entry exceeds the threshold tau = %s; lower it", tau);
    double total = sym ? a * (a + 1) / 2.0 : a * (double) b;
    return new EntrySampling(a, b, sym, r.toArray(), c.toArray(), r.size / total);
  }

  /**
   * The permutation that sorts entries by row, then column (two stable counting sorts, O(N + n1 +
   * n2)): entry {@code order[e]} of the input goes to position e. Use it to lay out values alike.
   */
  public static int[] rowMajorOrder(int n1, int n2, int[] rows, int[] cols) {
    Check.shape(rows.length == cols.length, "%d row indices but %d column indices", rows.length, cols.length);
    int count = rows.length;
    for (int e = 0; e < count; e++) {
      Check.shape(rows[e] >= 0 && rows[e] < n1 && cols[e] >= 0 && cols[e] < n2,
          "entry %d = (%d, %d) is outside the %d x %d matrix", e, rows[e], cols[e], n1, n2);
    }
    int[] byCol = countingSort(identity(count), cols, n2);
    return countingSort(byCol, rows, n1);
  }

  private static int[] identity(int count) {
    int[] id = new int[count];
    for (int e = 0; e < count; e++) {
      id[e] = e;
    }
    return id;
  }

  private static int[] countingSort(int[] order, int[] key, int range) {
    int[] start = new int[range + 1];
    for (int e : order) {
      start[key[e] + 1]++;
    }
    for (int v = 0; v < range; v++) {
      start[v + 1] += start[v];
    }
    int[] out = new int[order.length];
    for (int e : order) {
      out[start[key[e]]++] = e;
    }
    return out;
  }

  private static void validate(int n1, int n2, int[] rows, int[] cols, double p, boolean sym) {
    Check.shape(rows.length == cols.length, "%d row indices but %d column indices", rows.length, cols.length);
    Check.shape(rows.length > 0, "no observed entries; completion needs at least one");
    Check.inRange(p, Double.MIN_NORMAL, 1.0, "sampling rate p");
    for (int e = 0; e < rows.length; e++) {
      int i = rows[e];
      int j = cols[e];
      Check.shape(i >= 0 && i < n1 && j >= 0 && j < n2, "entry %d = (%d, %d) is outside the %d x %d matrix",
          e, i, j, n1, n2);
      Check.shape(!sym || i <= j, "symmetric completion takes upper-triangle entries (i <= j); entry %d is (%d, %d)",
          e, i, j);
      if (e > 0) {
        int pi = rows[e - 1];
        int pj = cols[e - 1];
        Check.shape(pi < i || (pi == i && pj < j),
            "entries must be distinct and sorted by row then column; entry %d = (%d, %d) follows (%d, %d)",
            e, i, j, pi, pj);
      }
    }
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
    return symmetric ? NO_SCRATCH : new Scratch(width);
  }

  /**
   * Scratch of one caller of the fused pass: the grad_R buffers of blocks 1..B-1 (made on the first
   * fused call, n2 x width each), the blocks' partial losses and task objects made once.
   */
  private final class Scratch implements Workspace {
    final int width;
    final int[] layout = blockRow;
    final double[] losses = new double[blockRow.length - 1];
    double[][] partial;
    final IntConsumer blockTask = this::block;
    final IntConsumer reduceTask = this::reduce;
    // the call in progress
    double[] l;
    double[] r;
    double[] y;
    double[] res;
    double[] gl;
    double[] gr;

    Scratch(int width) {
      this.width = width;
    }

    private void block(int b) {
      int k = width;
      double[] lv = l;
      double[] rv = r;
      double[] yv = y;
      double[] out = res;
      double[] g = gl;
      double[] acc;
      if (b == 0) {
        acc = gr;
        Arrays.fill(acc, 0.0);
      } else {
        acc = partial[b - 1]; // zero: made so, and the reduction re-zeroes it
      }
      double loss = 0.0;
      for (int i = blockRow[b], end = blockRow[b + 1]; i < end; i++) {
        int li = i * k;
        Arrays.fill(g, li, li + k, 0.0);
        int e = rowStart[i];
        int stop = rowStart[i + 1];
        // four entries of the row at a time: four independent dot products in flight; every sum
        // keeps the order of the one-entry loop below (and of forward and adjointTimes)
        for (; e + 3 < stop; e += 4) {
          int r0 = cols[e] * k;
          int r1 = cols[e + 1] * k;
          int r2 = cols[e + 2] * k;
          int r3 = cols[e + 3] * k;
          double s0 = 0.0;
          double s1 = 0.0;
          double s2 = 0.0;
          double s3 = 0.0;
          for (int t = 0; t < k; t++) {
            double lt = lv[li + t];
            s0 += lt * rv[r0 + t];
            s1 += lt * rv[r1 + t];
            s2 += lt * rv[r2 + t];
            s3 += lt * rv[r3 + t];
          }
          double v0 = scale * s0 - yv[e];
          double v1 = scale * s1 - yv[e + 1];
          double v2 = scale * s2 - yv[e + 2];
          double v3 = scale * s3 - yv[e + 3];
          out[e] = v0;
          out[e + 1] = v1;
          out[e + 2] = v2;
          out[e + 3] = v3;
          loss += v0 * v0;
          loss += v1 * v1;
          loss += v2 * v2;
          loss += v3 * v3;
          double w0 = scale * v0;
          double w1 = scale * v1;
          double w2 = scale * v2;
          double w3 = scale * v3;
          for (int t = 0; t < k; t++) {
            double lt = lv[li + t];
            double gt = g[li + t];
            gt += w0 * rv[r0 + t];
            gt += w1 * rv[r1 + t];
            gt += w2 * rv[r2 + t];
            gt += w3 * rv[r3 + t];
            g[li + t] = gt;
            acc[r0 + t] += w0 * lt;
            acc[r1 + t] += w1 * lt;
            acc[r2 + t] += w2 * lt;
            acc[r3 + t] += w3 * lt;
          }
        }
        for (; e < stop; e++) {
          int rj = cols[e] * k;
          double s = 0.0;
          for (int t = 0; t < k; t++) {
            s += lv[li + t] * rv[rj + t];
          }
          double v = scale * s - yv[e];
          out[e] = v;
          loss += v * v;
          double w = scale * v;
          for (int t = 0; t < k; t++) {
            g[li + t] += w * rv[rj + t];
            acc[rj + t] += w * lv[li + t];
          }
        }
      }
      losses[b] = loss;
    }

    /**
     * grad_R = p_0 + p_1 + ... + p_{B-1} on one slice of its entries (p_0 is grad_R itself); leaves
     * the buffers p_1.. zero for the next pass (one sweep instead of a separate clearing pass).
     */
    private void reduce(int slice) {
      int size = gr.length;
      int from = (int) ((long) slice * size / REDUCE_SLICES);
      int to = (int) ((long) (slice + 1) * size / REDUCE_SLICES);
      double[] g = gr;
      for (double[] part : partial) {
        for (int x = from; x < to; x++) {
          g[x] += part[x];
          part[x] = 0.0;
        }
      }
    }
  }

  /**
   * Rectangular operators: one fused, multi-threaded pass (see the class comment); residualOut and
   * grad_L equal the two-pass evaluation bit for bit, grad_R and the returned ||res||^2 up to the
   * order of summation across blocks. Symmetric operators, and workspaces not made by this operator
   * (or one sharing its entries), use the two-pass default.
   */
  @Override
  public double residualAndGradients(Mat left, Mat right, double[] y, double[] residualOut, Mat gradL, Mat gradR,
      Workspace ws) {
    if (symmetric || !(ws instanceof Scratch s) || s.layout != blockRow) {
      return MeasurementOperator.super.residualAndGradients(left, right, y, residualOut, gradL, gradR, ws);
    }
    int k = s.width;
    if (!(left.rows() == n1 && right.rows() == n2 && left.cols() == k && right.cols() == k
        && gradL.sameShape(left) && gradR.sameShape(right))) {
      Check.shape(false, "L %s, R %s, grad_L %s, grad_R %s do not fit %d x %d factors of width %d",
          left, right, gradL, gradR, n1, n2, k);
    }
    if (!(y.length == rows.length && residualOut.length == rows.length)) {
      Check.shape(false, "y has length %d and the residual %d, expected m = %d", y.length, residualOut.length,
          rows.length);
    }
    int blocks = blockRow.length - 1;
    if (s.partial == null) {
      s.partial = new double[blocks - 1][n2 * k];
    }
    s.l = left.data();
    s.r = right.data();
    s.y = y;
    s.res = residualOut;
    s.gl = gradL.data();
    s.gr = gradR.data();
    try {
      parallelism.forEach(blocks, s.blockTask);
    } catch (RuntimeException | Error failure) {
      for (double[] part : s.partial) { // keep the buffers' zero invariant for the next call
        Arrays.fill(part, 0.0);
      }
      throw failure;
    }
    if (blocks > 1) {
      parallelism.forEach(REDUCE_SLICES, s.reduceTask);
    }
    s.l = null;
    s.r = null;
    s.y = null;
    s.res = null;
    s.gl = null;
    s.gr = null;
    double loss = 0.0;
    for (double part : s.losses) {
      loss += part;
    }
    return loss;
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

  /** A growable int array (no boxing). */
  private static final class IntList {
    int[] data = new int[1024];
    int size;

    void add(int v) {
      if (size == data.length) {
        data = Arrays.copyOf(data, data.length * 2);
      }
      data[size++] = v;
    }

    int[] toArray() {
      return Arrays.copyOf(data, size);
    }
  }
}
