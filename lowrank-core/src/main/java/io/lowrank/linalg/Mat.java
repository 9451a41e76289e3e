package io.lowrank.linalg;

import java.util.Arrays;

/**
 * A dense real matrix stored row-major in a {@code double[]}: entry (i, j) lives at
 * {@code data[i * cols + j]}. The array is exposed on purpose: kernels read and write it directly,
 * and callers own the storage of every output.
 */
public final class Mat {
  private final int rows;
  private final int cols;
  private final double[] data;

  /** A zero matrix of shape rows x cols. */
  public Mat(int rows, int cols) {
    this(rows, cols, new double[checkedSize(rows, cols)]);
  }

  private Mat(int rows, int cols, double[] data) {
    this.rows = rows;
    this.cols = cols;
    this.data = data;
  }

  /** Wraps (does not copy) a row-major array of length rows * cols. */
  public static Mat wrap(int rows, int cols, double[] data) {
    if (data.length != checkedSize(rows, cols)) {
      throw new IllegalArgumentException(
          "array of length " + data.length + " cannot hold a " + rows + " x " + cols + " matrix");
    }
    return new Mat(rows, cols, data);
  }

  private static int checkedSize(int rows, int cols) {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException("negative shape " + rows + " x " + cols);
    }
    long size = (long) rows * cols;
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("a " + rows + " x " + cols + " matrix exceeds one Java array");
    }
    return (int) size;
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  /** The backing row-major array (not a copy). */
  public double[] data() {
    return data;
  }

  public double get(int i, int j) {
    return data[i * cols + j];
  }

  public void set(int i, int j, double value) {
    data[i * cols + j] = value;
  }

  /** A deep copy. */
  public Mat copy() {
    return new Mat(rows, cols, data.clone());
  }

  /** Overwrites this matrix with {@code source}, which must have the same shape. */
  public void copyFrom(Mat source) {
    if (source.rows != rows || source.cols != cols) {
      throw new IllegalArgumentException("shape " + source.rows + " x " + source.cols
          + " does not match " + rows + " x " + cols);
    }
    System.arraycopy(source.data, 0, data, 0, data.length);
  }

  /** A copy of the first k columns (rows x k), 0 ≤ k ≤ cols. */
  public Mat leadingColumns(int k) {
    if (k < 0 || k > cols) {
      throw new IllegalArgumentException("cannot take " + k + " leading columns of a " + rows + " x " + cols + " matrix");
    }
    Mat out = new Mat(rows, k);
    for (int i = 0; i < rows; i++) {
      System.arraycopy(data, i * cols, out.data, i * k, k);
    }
    return out;
  }

  /** True when both matrices have the same shape. */
  public boolean sameShape(Mat other) {
    return rows == other.rows && cols == other.cols;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Mat m && m.rows == rows && m.cols == cols && Arrays.equals(m.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * rows + cols) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "Mat[" + rows + " x " + cols + "]";
  }
}
