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
