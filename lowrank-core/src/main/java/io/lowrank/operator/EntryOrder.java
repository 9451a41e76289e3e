package io.lowrank.operator;

import io.lowrank.linalg.Check;

/**
 * The layout of observed entries that {@link EntrySampling} needs: sorted by row, then column,
 * distinct and in range (upper-triangle pairs for symmetric completion).
 */
public final class EntryOrder {
  private EntryOrder() {}

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

  static void validate(int n1, int n2, int[] rows, int[] cols, double p, boolean sym) {
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
}
