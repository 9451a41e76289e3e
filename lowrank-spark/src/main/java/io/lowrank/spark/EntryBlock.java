package io.lowrank.spark;

import io.lowrank.operator.EntrySampling;
import io.lowrank.operator.FusedKernel;
import java.io.Serializable;
import java.util.Arrays;

/**
 * One canonical row block of the observed entries ({@link EntrySampling#fusedBlockRow}): rows
 * {@code first .. first + rows - 1}, their entries in the operator's order (CSR, rebased to the
 * block) and their data y. The blocks are fixed by the data, never by the cluster, and one Spark
 * partition holds one block, so every cluster evaluates exactly the local fused pass's blocks.
 */
final class EntryBlock implements Serializable {
  private static final long serialVersionUID = 1L;

  final int index;
  final int first;
  final int rows;
  private final int[] rowStart;
  private final int[] cols;
  private final double[] y;

  private EntryBlock(int index, int first, int rows, int[] rowStart, int[] cols, double[] y) {
    this.index = index;
    this.first = first;
    this.rows = rows;
    this.rowStart = rowStart;
    this.cols = cols;
    this.y = y;
  }

  /** Block {@code b} of {@code op}'s fused pass, with the data {@code y} of its entries. */
  static EntryBlock of(EntrySampling op, double[] y, int b) {
    int from = op.fusedBlockRow(b);
    int to = op.fusedBlockRow(b + 1);
    int start = firstEntry(op, from);
    int stop = firstEntry(op, to);
    int[] rowStart = new int[to - from + 1];
    int[] cols = new int[stop - start];
    for (int e = start; e < stop; e++) {
      rowStart[op.row(e) - from + 1]++;
      cols[e - start] = op.col(e);
    }
    for (int i = 0; i < to - from; i++) {
      rowStart[i + 1] += rowStart[i];
    }
    return new EntryBlock(b, from, to - from, rowStart, cols, Arrays.copyOfRange(y, start, stop));
  }

  /** The first entry of row {@code row} (entries are sorted by row): binary search. */
  private static int firstEntry(EntrySampling op, int row) {
    int lo = 0;
    int hi = op.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (op.row(mid) < row) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The number of entries. */
  int size() {
    return cols.length;
  }

  /**
   * The block's part of the fused pass ({@link FusedKernel#rows}) for factors l (n1 x k) and r
   * (n2 x k): its rows of grad_L, its n2 x k contribution to grad_R and its partial ||res||^2.
   */
  Part evaluate(int k, double scale, double[] l, double[] r) {
    double[] g = new double[rows * k];
    double[] acc = new double[r.length];
    double[] res = new double[cols.length];
    double loss = FusedKernel.rows(k, scale, 0, rows, rowStart, cols, y, res, l, first, g, 0, r, acc);
    return new Part(index, g, acc, loss);
  }

  /** What one block sends back to the driver each iteration. */
  static final class Part implements Serializable {
    private static final long serialVersionUID = 1L;
    final int index;
    final double[] gradL;
    final double[] gradR;
    final double loss;

    Part(int index, double[] gradL, double[] gradR, double loss) {
      this.index = index;
      this.gradL = gradL;
      this.gradR = gradR;
      this.loss = loss;
    }
  }
}
