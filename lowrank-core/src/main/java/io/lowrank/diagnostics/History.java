package io.lowrank.diagnostics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A per-iteration trace: named numeric columns, one row per recorded iteration. The first column
 * is always {@code iteration}.
 */
public final class History {
  /** The first column of every history (= {@link Columns#ITERATION}). */
  public static final String ITERATION = Columns.ITERATION;

  private final List<String> names;
  private double[][] columns;
  private int size;

  /** An empty history with {@code iteration} followed by the given columns. */
  public History(List<String> columnNames) {
    List<String> all = new ArrayList<>();
    all.add(ITERATION);
    all.addAll(columnNames);
    if (all.stream().distinct().count() != all.size()) {
      throw new IllegalArgumentException("duplicate column names in " + all);
    }
    this.names = Collections.unmodifiableList(all);
    this.columns = new double[all.size()][16];
  }

  /** Column names, starting with {@code iteration}. */
  public List<String> columns() {
    return names;
  }

  /** Number of recorded rows. */
  public int size() {
    return size;
  }

  /** Appends a row; {@code row} has one value per column. */
  public void append(double[] row) {
    if (row.length != names.size()) {
      throw new IllegalArgumentException("row has " + row.length + " values, history has " + names.size() + " columns");
    }
    if (size == columns[0].length) {
      for (int c = 0; c < columns.length; c++) {
        columns[c] = Arrays.copyOf(columns[c], 2 * size);
      }
    }
    for (int c = 0; c < row.length; c++) {
      columns[c][size] = row[c];
    }
    size++;
  }

  /** Removes every row. */
  public void clear() {
    size = 0;
  }

  /** True when the column exists. */
  public boolean has(String name) {
    return names.contains(name);
  }

  /** A copy of the named column. */
  public double[] column(String name) {
    int c = names.indexOf(name);
    if (c < 0) {
      throw new IllegalArgumentException("no column '" + name + "' in " + names);
    }
    return Arrays.copyOf(columns[c], size);
  }

  /** The value of a column at row {@code row}. */
  public double get(String name, int row) {
    int c = names.indexOf(name);
    if (c < 0 || row < 0 || row >= size) {
      throw new IndexOutOfBoundsException(name + "[" + row + "]");
    }
    return columns[c][row];
  }

  /** The value in the last row. */
  public double last(String name) {
    return get(name, size - 1);
  }
}
