package io.lowrank.operator;

import io.lowrank.parallel.Parallelism;
import java.util.function.IntConsumer;

/**
 * m stored rows of length np (a {@link RowStorage} in any {@link Precision}) and the passes
 * over them that the packed sensing operators need: dots with a vector (forward), a weighted sum
 * of rows (adjoint) and the fused single pass that does both for one or several factors while each
 * block of rows is in cache.
 *
 * <p><b>Determinism.</b> Rows are split into a fixed partition of at most {@link #MAX_BLOCKS}
 * blocks of {@code blockRows} rows (a multiple of 4) that depends only on m. Each block
 * accumulates its own partial sum of rows from zero (groups of four rows, then single rows at the
 * end of m), and the partial sums are added in block order: p_0 + p_1 + ... + p_{B-1}. Blocks may
 * run on any thread of a {@link Parallelism}, so results are bit-identical for every thread count,
 * and the fused and two-pass evaluations are bit-identical to each other.
 *
 * <p><b>Tiled precisions.</b> BF16 and INT8 rows are decoded, four (or one) at a time, into the
 * block's float tile and read from there by the float kernels, so the bytes streamed from memory are
 * the stored ones; an int8 row's scale s_i multiplies its dot product and its multiply-add
 * coefficient (in double), which is exactly the operator with entries s_i q_ip.
 *
 * <p><b>Float arithmetic.</b> With {@link Arithmetic#FLOAT} (float rows only: float32 storage or a
 * tile) the passes use {@link FloatRowKernels}: the weighted vector is rounded to float once per pass,
 * dots accumulate in float lanes per chunk and widen to double, and each block accumulates its
 * multiply-adds in a float vector that is added to the block's double partial sum after every
 * {@value #FLOAT_FLUSH_ROWS} rows (counted from the block's first row) and at the block's end. The
 * flush points depend only on m, so the determinism above holds unchanged.
 */
final class PackedRows {
  /** Upper bound on the number of row blocks (the unit of parallel work). */
  static final int MAX_BLOCKS = 16;
  /** Rows a float multiply-add accumulator takes before it is added to the double sum. */
  static final int FLOAT_FLUSH_ROWS = 32;
  /** Slices of np for the parallel ordered reduction. */
  private static final int REDUCE_SLICES = 4;

  private final RowStorage store;
  private final double[] a64;
  private final float[] a32;
  private final double[] rowScale;
  private final int m;
  private final int np;
  private final double scale;
  private final int blockRows;
  private final int blocks;
  private final RowKernels kernels;
  private final Arithmetic arithmetic;
  /** The float kernels (FLOAT arithmetic), else null. */
  private final FloatRowKernels floats;

  PackedRows(RowStorage store, double scale, RowKernels kernels) {
    this(store, scale, kernels, Arithmetic.DOUBLE);
  }

  /**
   * Rows read with {@code arithmetic}; FLOAT needs float32, bf16 or int8 storage
   * (IllegalArgumentException otherwise) and uses the float kernels matching {@code kernels}.
   */
  PackedRows(RowStorage store, double scale, RowKernels kernels, Arithmetic arithmetic) {
    this.store = store;
    this.a64 = store.a64;
    this.a32 = store.a32;
    this.rowScale = store.rowScale;
    this.m = store.rows;
    this.np = store.np;
    this.scale = scale;
    int perBlock = (m + MAX_BLOCKS - 1) / MAX_BLOCKS;
    this.blockRows = Math.max(4, (perBlock + 3) / 4 * 4);
    this.blocks = (m + blockRows - 1) / blockRows;
    this.kernels = kernels;
    this.arithmetic = java.util.Objects.requireNonNull(arithmetic, "arithmetic");
    if (arithmetic == Arithmetic.FLOAT && store.precision == Precision.FLOAT64) {
      throw new IllegalArgumentException("float arithmetic needs float32, bf16 or int8 storage, not float64");
    }
    this.floats = arithmetic == Arithmetic.FLOAT ? FloatRowKernels.matching(kernels) : null;
  }

  /** The same rows read through other kernels (tests compare implementations). */
  PackedRows withKernels(RowKernels k) {
    return new PackedRows(store, scale, k, arithmetic);
  }

  Arithmetic arithmetic() {
    return arithmetic;
  }

  /** True when both read the same stored array. */
  boolean sameStorage(PackedRows other) {
    return store.sameAs(other.store);
  }

  int blocks() {
    return blocks;
  }

  String kernelName() {
    return floats != null ? floats.name() + "-float" : kernels.name();
  }

  /** Per-caller scratch and task objects for passes with {@code members} factors; reused every call. */
  Pass newPass(int members) {
    return new Pass(members);
  }

  /** One caller's buffers; the task lambdas are made once, so passes allocate nothing. */
  final class Pass {
    private final int members;
    private final double[][][] partial;
    private final double[][] dots;
    private final double[][][] memberDots;
    private final double[][] scaledResiduals;
    private final double[][] laneScratch;
    /** Per block: four decoded rows (tiled precisions only, else null). */
    private final float[][] tiles;
    /** FLOAT arithmetic: per member the weighted vector rounded to float; per block and member the float sums. */
    private final float[][] wf;
    private final float[][][] partialF;
    private final IntConsumer forwardTask = floats != null ? this::forwardBlockF : this::forwardBlock;
    private final IntConsumer adjointTask = floats != null ? this::adjointBlockF : this::adjointBlock;
    private final IntConsumer fusedTask = floats != null ? this::fusedBlockF : this::fusedBlock;
    private final IntConsumer reduceTask = this::reduceSlice;
    // inputs and outputs of the pass in progress
    private double[][] w;
    private double[] y;
    private double[][] out;
    private double[] v;
    private double[][] g;
    private int active;
    private final double[][] single = new double[1][];
    private final double[][] singleOut = new double[1][];

    private Pass(int members) {
      this.members = members;
      this.partial = new double[blocks][members][np];
      this.dots = new double[blocks][4];
      this.memberDots = new double[blocks][members][4];
      this.scaledResiduals = new double[blocks][4 * 4];
      this.laneScratch = new double[blocks][16 * RowKernels.LANES];
      this.tiles = store.tiled() ? new float[blocks][4 * np] : new float[blocks][];
      this.wf = floats != null ? new float[members][np] : null;
      this.partialF = floats != null ? new float[blocks][members][np] : null;
    }

    int members() {
      return members;
    }

    /** out[i] = scale &lt;a_i, weighted&gt; for every row i (overwritten). */
    void forward(double[] weighted, double[] result, Parallelism par) {
      single[0] = weighted;
      singleOut[0] = result;
      this.w = single;
      this.out = singleOut;
      roundWeighted(1);
      par.forEach(blocks, forwardTask);
      this.w = null;
      this.out = null;
      single[0] = null;
      singleOut[0] = null;
    }

    /** result = scale sum_i v_i a_i (overwritten), block partials added in block order. */
    void adjoint(double[] vector, double[] result, Parallelism par) {
      this.v = vector;
      singleOut[0] = result;
      this.g = singleOut;
      this.active = 1;
      par.forEach(blocks, adjointTask);
      par.forEach(REDUCE_SLICES, reduceTask);
      this.v = null;
      this.g = null;
      singleOut[0] = null;
    }

    /**
     * For the first {@code count} members k: residual[k][i] = scale &lt;a_i, weighted[k]&gt; - y_i
     * and grad[k] = scale sum_i residual[k][i] a_i (both overwritten), in one pass over the rows.
     */
    void fused(int count, double[][] weighted, double[] data, double[][] residual, double[][] grad, Parallelism par) {
      this.w = weighted;
      this.y = data;
      this.out = residual;
      this.g = grad;
      this.active = count;
      roundWeighted(count);
      par.forEach(blocks, fusedTask);
      par.forEach(REDUCE_SLICES * count, reduceTask);
      this.w = null;
      this.y = null;
      this.out = null;
      this.g = null;
    }

    private void forwardBlock(int b) {
      int from = b * blockRows;
      int to = Math.min(m, from + blockRows);
      double[] d = dots[b];
      double[] wk = w[0];
      double[] o = out[0];
      float[] tile = tiles[b];
      int i = from;
      for (; i + 3 < to; i += 4) {
        load(i, 4, tile);
        dot4(i, wk, d, tile);
        o[i] = scale * d[0];
        o[i + 1] = scale * d[1];
        o[i + 2] = scale * d[2];
        o[i + 3] = scale * d[3];
      }
      for (; i < to; i++) {
        load(i, 1, tile);
        o[i] = scale * dot1(i, wk, tile);
      }
    }

    private void adjointBlock(int b) {
      int from = b * blockRows;
      int to = Math.min(m, from + blockRows);
      double[] acc = partial[b][0];
      java.util.Arrays.fill(acc, 0.0);
      float[] tile = tiles[b];
      int i = from;
      for (; i + 3 < to; i += 4) {
        load(i, 4, tile);
        axpy4(i, scale * v[i], scale * v[i + 1], scale * v[i + 2], scale * v[i + 3], acc, tile);
      }
      for (; i < to; i++) {
        load(i, 1, tile);
        axpy1(i, scale * v[i], acc, tile);
      }
    }

    private void fusedBlock(int b) {
      int from = b * blockRows;
      int to = Math.min(m, from + blockRows);
      double[][] acc = partial[b];
      double[] d = dots[b];
      float[] tile = tiles[b];
      for (int k = 0; k < active; k++) {
        java.util.Arrays.fill(acc[k], 0.0);
      }
      int i = from;
      for (; i + 3 < to; i += 4) {
        load(i, 4, tile);
        int k = 0;
        for (; k + 3 < active; k += 4) {
          fourMembers(b, i, k, acc);
        }
        for (; k < active; k++) {
          dot4(i, w[k], d, tile);
          double[] r = out[k];
          residuals4(i, d, r);
          axpy4(i, scale * r[i], scale * r[i + 1], scale * r[i + 2], scale * r[i + 3], acc[k], tile);
        }
      }
      for (; i < to; i++) {
        load(i, 1, tile);
        for (int k = 0; k < active; k++) {
          double r0 = scale * dot1(i, w[k], tile) - y[i];
          out[k][i] = r0;
          axpy1(i, scale * r0, acc[k], tile);
        }
      }
    }

    /** r[i + j] = scale d[j] - y[i + j], j = 0..3: the residuals of rows i..i+3 from their dots. */
    private void residuals4(int i, double[] d, double[] r) {
      r[i] = scale * d[0] - y[i];
      r[i + 1] = scale * d[1] - y[i + 1];
      r[i + 2] = scale * d[2] - y[i + 2];
      r[i + 3] = scale * d[3] - y[i + 3];
    }

    /** FLOAT arithmetic: the first {@code count} weighted vectors rounded to float (in the caller's thread). */
    private void roundWeighted(int count) {
      if (floats != null) {
        for (int k = 0; k < count; k++) {
          FloatRowKernels.round(w[k], wf[k], np);
        }
      }
    }

    /** The float rows to read: the block's tile, or the stored float32 array. */
    private float[] floatRows(float[] tile) {
      return tile != null ? tile : a32;
    }

    /** Where row {@code row} starts in {@link #floatRows}. */
    private int floatOffset(int row, float[] tile) {
      return tile != null ? 0 : row * np;
    }

    /** The multiply-add coefficient of row i with residual-like value vi, rounded to float. */
    private float coefficient(int i, double vi) {
      return (float) (rowScale != null ? scale * vi * rowScale[i] : scale * vi);
    }

    private void forwardBlockF(int b) {
      int from = b * blockRows;
      int to = Math.min(m, from + blockRows);
      double[] d = dots[b];
      float[] wk = wf[0];
      double[] o = out[0];
      float[] tile = tiles[b];
      float[] a = floatRows(tile);
      int i = from;
      for (; i + 3 < to; i += 4) {
        load(i, 4, tile);
        floats.dot4(a, floatOffset(i, tile), np, wk, d);
        if (rowScale != null) {
          scaleDots(i, d);
        }
        o[i] = scale * d[0];
        o[i + 1] = scale * d[1];
        o[i + 2] = scale * d[2];
        o[i + 3] = scale * d[3];
      }
      for (; i < to; i++) {
        load(i, 1, tile);
        double di = floats.dot1(a, floatOffset(i, tile), np, wk);
        o[i] = scale * (rowScale != null ? di * rowScale[i] : di);
      }
    }

    private void adjointBlockF(int b) {
      int from = b * blockRows;
      int to = Math.min(m, from + blockRows);
      double[] acc = partial[b][0];
      float[] accF = partialF[b][0];
      java.util.Arrays.fill(acc, 0.0);
      java.util.Arrays.fill(accF, 0f);
      float[] tile = tiles[b];
      float[] a = floatRows(tile);
      int i = from;
      for (; i + 3 < to; i += 4) {
        load(i, 4, tile);
        floats.axpy4(a, floatOffset(i, tile), np, coefficient(i, v[i]), coefficient(i + 1, v[i + 1]),
            coefficient(i + 2, v[i + 2]), coefficient(i + 3, v[i + 3]), accF);
        if ((i + 4 - from) % FLOAT_FLUSH_ROWS == 0) {
          floats.flush(accF, acc, np);
        }
      }
      for (; i < to; i++) {
        load(i, 1, tile);
        floats.axpy1(a, floatOffset(i, tile), np, coefficient(i, v[i]), accF);
      }
      floats.flush(accF, acc, np);
    }

    private void fusedBlockF(int b) {
      int from = b * blockRows;
      int to = Math.min(m, from + blockRows);
      double[][] acc = partial[b];
      float[][] accF = partialF[b];
      double[] d = dots[b];
      float[] tile = tiles[b];
      float[] a = floatRows(tile);
      for (int k = 0; k < active; k++) {
        java.util.Arrays.fill(acc[k], 0.0);
        java.util.Arrays.fill(accF[k], 0f);
      }
      int i = from;
      for (; i + 3 < to; i += 4) {
        load(i, 4, tile);
        int off = floatOffset(i, tile);
        boolean flush = (i + 4 - from) % FLOAT_FLUSH_ROWS == 0;
        for (int k = 0; k < active; k++) {
          floats.dot4(a, off, np, wf[k], d);
          if (rowScale != null) {
            scaleDots(i, d);
          }
          double[] r = out[k];
          residuals4(i, d, r);
          floats.axpy4(a, off, np, coefficient(i, r[i]), coefficient(i + 1, r[i + 1]), coefficient(i + 2, r[i + 2]),
              coefficient(i + 3, r[i + 3]), accF[k]);
          if (flush) {
            floats.flush(accF[k], acc[k], np);
          }
        }
      }
      for (; i < to; i++) {
        load(i, 1, tile);
        int off = floatOffset(i, tile);
        for (int k = 0; k < active; k++) {
          double di = floats.dot1(a, off, np, wf[k]);
          double r0 = scale * (rowScale != null ? di * rowScale[i] : di) - y[i];
          out[k][i] = r0;
          floats.axpy1(a, off, np, coefficient(i, r0), accF[k]);
        }
      }
      for (int k = 0; k < active; k++) {
        floats.flush(accF[k], acc[k], np);
      }
    }

    /**
     * Rows i..i+3 for members k..k+3: the kernels may load each row vector once for all four. Per
     * member the operations are those of dot4, residuals, axpy4, so results are unchanged.
     */
    private void fourMembers(int b, int i, int k, double[][] acc) {
      double[][] dd = memberDots[b];
      double[] v = scaledResiduals[b];
      float[] tile = tiles[b];
      int off = i * np;
      if (a64 != null) {
        kernels.dot4x4(a64, off, np, w[k], w[k + 1], w[k + 2], w[k + 3], dd[k], dd[k + 1], dd[k + 2], dd[k + 3],
            laneScratch[b]);
      } else {
        kernels.dot4x4(floatRows(tile), floatOffset(i, tile), np, w[k], w[k + 1], w[k + 2], w[k + 3],
            dd[k], dd[k + 1], dd[k + 2], dd[k + 3], laneScratch[b]);
      }
      for (int q = 0; q < 4; q++) {
        double[] dq = dd[k + q];
        double[] r = out[k + q];
        if (rowScale != null) {
          scaleDots(i, dq);
        }
        for (int j = 0; j < 4; j++) {
          double rj = scale * dq[j] - y[i + j];
          r[i + j] = rj;
          v[4 * q + j] = rowScale != null ? scale * rj * rowScale[i + j] : scale * rj;
        }
      }
      if (a64 != null) {
        kernels.axpy4x4(a64, off, np, v, acc[k], acc[k + 1], acc[k + 2], acc[k + 3]);
      } else {
        kernels.axpy4x4(floatRows(tile), floatOffset(i, tile), np, v, acc[k], acc[k + 1], acc[k + 2],
            acc[k + 3]);
      }
    }

    /** Decodes {@code count} rows from {@code row} into the tile (tiled precisions; otherwise nothing). */
    private void load(int row, int count, float[] tile) {
      if (tile != null) {
        store.decode(row, count, tile, kernels);
      }
    }

    /** Task t: member t / REDUCE_SLICES, slice t % REDUCE_SLICES of np; sums partials in block order. */
    private void reduceSlice(int t) {
      int k = t / REDUCE_SLICES;
      int s = t % REDUCE_SLICES;
      int from = (int) ((long) np * s / REDUCE_SLICES);
      int to = (int) ((long) np * (s + 1) / REDUCE_SLICES);
      double[] target = g[k];
      System.arraycopy(partial[0][k], from, target, from, to - from);
      for (int b = 1; b < blocks; b++) {
        double[] pb = partial[b][k];
        for (int p = from; p < to; p++) {
          target[p] += pb[p];
        }
      }
    }
  }

  /** Row scales of rows row..row+3 applied to their dots (int8). */
  private void scaleDots(int row, double[] d) {
    d[0] *= rowScale[row];
    d[1] *= rowScale[row + 1];
    d[2] *= rowScale[row + 2];
    d[3] *= rowScale[row + 3];
  }

  // The row helpers read the stored array, or the block's decoded tile when one is given.

  private void dot4(int row, double[] w, double[] out, float[] tile) {
    if (a64 != null) {
      kernels.dot4(a64, row * np, np, w, out);
    } else if (tile == null) {
      kernels.dot4(a32, row * np, np, w, out);
    } else {
      kernels.dot4(tile, 0, np, w, out);
      if (rowScale != null) {
        scaleDots(row, out);
      }
    }
  }

  private double dot1(int row, double[] w, float[] tile) {
    if (a64 != null) {
      return kernels.dot1(a64, row * np, np, w);
    }
    if (tile == null) {
      return kernels.dot1(a32, row * np, np, w);
    }
    double d = kernels.dot1(tile, 0, np, w);
    return rowScale != null ? d * rowScale[row] : d;
  }

  private void axpy4(int row, double v0, double v1, double v2, double v3, double[] g, float[] tile) {
    if (a64 != null) {
      kernels.axpy4(a64, row * np, np, v0, v1, v2, v3, g);
    } else if (tile == null) {
      kernels.axpy4(a32, row * np, np, v0, v1, v2, v3, g);
    } else if (rowScale == null) {
      kernels.axpy4(tile, 0, np, v0, v1, v2, v3, g);
    } else {
      kernels.axpy4(tile, 0, np, v0 * rowScale[row], v1 * rowScale[row + 1], v2 * rowScale[row + 2],
          v3 * rowScale[row + 3], g);
    }
  }

  private void axpy1(int row, double v, double[] g, float[] tile) {
    if (a64 != null) {
      kernels.axpy1(a64, row * np, np, v, g);
    } else if (tile == null) {
      kernels.axpy1(a32, row * np, np, v, g);
    } else {
      kernels.axpy1(tile, 0, np, rowScale != null ? v * rowScale[row] : v, g);
    }
  }
}
