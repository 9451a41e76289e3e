package io.lowrank.experiment.formats;

import io.lowrank.linalg.Check;
import io.lowrank.operator.EntryOrder;
import io.lowrank.operator.EntrySampling;

/**
 * Observed entries (i, j, value) of an n1 x n2 matrix, 0-based, distinct and sorted by row then
 * column (the layout {@link EntrySampling} needs). Immutable: the arrays are owned by this object;
 * accessors return them without copying, and callers must not modify them.
 */
public final class ObservedEntries {
  private final int rows;
  private final int cols;
  private final int[] row;
  private final int[] col;
  private final double[] value;

  private ObservedEntries(int rows, int cols, int[] row, int[] col, double[] value) {
    this.rows = rows;
    this.cols = cols;
    this.row = row;
    this.col = col;
    this.value = value;
  }

  /**
   * Entries in any order (the arrays are not modified); they are sorted row-major. Duplicated
   * (i, j) pairs are rejected: resolve them before (see the readers' duplicate policies).
   */
  public static ObservedEntries of(int rows, int cols, int[] row, int[] col, double[] value) {
    Check.positive(rows, "number of rows");
    Check.positive(cols, "number of columns");
    Check.shape(row.length == col.length && row.length == value.length,
        "%d row indices, %d column indices and %d values differ in number", row.length, col.length, value.length);
    Check.shape(row.length > 0, "no observed entries");
    Check.finite(value, "observed values");
    int[] order = EntryOrder.rowMajorOrder(rows, cols, row, col);
    int n = row.length;
    int[] r = new int[n];
    int[] c = new int[n];
    double[] v = new double[n];
    for (int e = 0; e < n; e++) {
      r[e] = row[order[e]];
      c[e] = col[order[e]];
      v[e] = value[order[e]];
      if (e > 0) {
        Check.shape(r[e] != r[e - 1] || c[e] != c[e - 1], "entry (%d, %d) is observed twice", r[e], c[e]);
      }
    }
    return new ObservedEntries(rows, cols, r, c, v);
  }

  /** n1. */
  public int rows() {
    return rows;
  }

  /** n2. */
  public int cols() {
    return cols;
  }

  /** Number of observed entries. */
  public int size() {
    return row.length;
  }

  public int row(int e) {
    return row[e];
  }

  public int col(int e) {
    return col[e];
  }

  public double value(int e) {
    return value[e];
  }

  /** The observed fraction |Omega| / (n1 n2). */
  public double density() {
    return row.length / ((double) rows * cols);
  }

  /** The entries at the given ascending positions (keeps the row-major order). */
  public int[] rowsAt(int[] positions) {
    int[] out = new int[positions.length];
    for (int k = 0; k < positions.length; k++) {
      out[k] = row[positions[k]];
    }
    return out;
  }

  /** Column indices at the given positions. */
  public int[] colsAt(int[] positions) {
    int[] out = new int[positions.length];
    for (int k = 0; k < positions.length; k++) {
      out[k] = col[positions[k]];
    }
    return out;
  }

  /** Index of the first entry of row i (entries of row i are [rowStart(i), rowStart(i + 1))). */
  public int rowStart(int i) {
    int lo = 0;
    int hi = row.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (row[mid] < i) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
