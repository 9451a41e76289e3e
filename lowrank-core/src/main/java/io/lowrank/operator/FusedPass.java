package io.lowrank.operator;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Mat;
import io.lowrank.parallel.Parallelism;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The fused, multi-threaded gradient pass of rectangular completion, and the scratch of one caller
 * (a {@link MeasurementOperator.Workspace} of {@link EntrySampling}). One sweep over the entries
 * computes each residual and adds its contributions to grad_L = A*(res) R and
 * grad_R = A*(res)^T L at once. The entries are split into blocks of whole rows fixed by the data
 * ({@link EntrySampling#fusedBlocks()}), never by the thread count: a block owns its rows of grad_L
 * (accumulated in entry order, bit-identical to {@link EntrySampling#adjointTimes}) and
 * accumulates its contribution to grad_R in its own n2 x width buffer (made on the first call);
 * the buffers and the blocks' partial losses are added in block order, so results are
 * bit-identical for every thread count.
 */
final class FusedPass implements MeasurementOperator.Workspace {
  /** Slices of grad_R for the parallel, order-fixed reduction of the block buffers. */
  private static final int REDUCE_SLICES = 8;

  final int width;
  /** The operator layout this scratch was made for (shared by operators on the same entries). */
  final int[] blockRow;
  private final int[] rowStart;
  private final int[] cols;
  private final double scale;
  private final int n1;
  private final int n2;
  private final int m;
  private final double[] losses;
  private double[][] partial;
  private final IntConsumer blockTask = this::block;
  private final IntConsumer reduceTask = this::reduce;
  // the call in progress
  private double[] l;
  private double[] r;
  private double[] y;
  private double[] res;
  private double[] gl;
  private double[] gr;

  FusedPass(int width, int n1, int n2, int[] blockRow, int[] rowStart, int[] cols, double scale) {
    this.width = width;
    this.n1 = n1;
    this.n2 = n2;
    this.blockRow = blockRow;
    this.rowStart = rowStart;
    this.cols = cols;
    this.scale = scale;
    this.m = cols.length;
    this.losses = new double[blockRow.length - 1];
  }

  /**
   * residualOut = A(L R^T) - y, grad_L, grad_R, and ||residualOut||^2 (see the class comment), on
   * the threads of {@code parallelism}. Allocates nothing after the first call.
   */
  double run(Mat left, Mat right, double[] y, double[] residualOut, Mat gradL, Mat gradR, Parallelism parallelism) {
    int k = width;
    if (!(left.rows() == n1 && right.rows() == n2 && left.cols() == k && right.cols() == k
        && gradL.sameShape(left) && gradR.sameShape(right))) {
      Check.shape(false, "L %s, R %s, grad_L %s, grad_R %s do not fit %d x %d factors of width %d",
          left, right, gradL, gradR, n1, n2, k);
    }
    if (!(y.length == m && residualOut.length == m)) {
      Check.shape(false, "y has length %d and the residual %d, expected m = %d", y.length, residualOut.length,
          m);
    }
    int blocks = blockRow.length - 1;
    if (partial == null) {
      partial = new double[blocks - 1][n2 * k];
    }
    l = left.data();
    r = right.data();
    this.y = y;
    res = residualOut;
    gl = gradL.data();
    gr = gradR.data();
    try {
      parallelism.forEach(blocks, blockTask);
    } catch (RuntimeException | Error failure) {
      for (double[] part : partial) { // keep the buffers' zero invariant for the next call
        Arrays.fill(part, 0.0);
      }
      throw failure;
    }
    if (blocks > 1) {
      parallelism.forEach(REDUCE_SLICES, reduceTask);
    }
    l = null;
    r = null;
    this.y = null;
    res = null;
    gl = null;
    gr = null;
    double loss = 0.0;
    for (double part : losses) {
      loss += part;
    }
    return loss;
  }

  private void block(int b) {
    double[] acc;
    if (b == 0) {
      acc = gr;
      Arrays.fill(acc, 0.0);
    } else {
      acc = partial[b - 1]; // zero: made so, and the reduction re-zeroes it
    }
    int from = blockRow[b];
    losses[b] = FusedKernel.rows(width, scale, from, blockRow[b + 1], rowStart, cols, y, res, l, from, gl, from, r, acc);
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
