package io.lowrank.solver;

import io.lowrank.linalg.Mat;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state of one run at one iteration, as named arrays of doubles: what a {@link Checkpointer}
 * stores and what the {@link Driver} continues from. Keys are dotted names chosen by the parts of
 * the run ({@code driver.iteration}, {@code iterate.left}, {@code observer.0.EarlyStopping.best});
 * integers are stored exactly as doubles (|value| below 2^53). Values are copied in and out.
 */
public final class Snapshot {
  private final Map<String, double[]> values = new LinkedHashMap<>();

  /** Stores a copy of {@code v} under {@code key} (replacing any earlier value). */
  public Snapshot put(String key, double... v) {
    values.put(java.util.Objects.requireNonNull(key, "key"), v.clone());
    return this;
  }

  /** Stores a matrix as {@code key.shape} = [rows, cols] and {@code key} = its row-major entries. */
  public Snapshot putMat(String key, Mat m) {
    put(key + ".shape", m.rows(), m.cols());
    return put(key, m.data());
  }

  /** True when {@code key} is stored. */
  public boolean has(String key) {
    return values.containsKey(key);
  }

  /**
   * A copy of the value under {@code key}.
   *
   * @throws IllegalArgumentException when the snapshot holds no such key
   */
  public double[] get(String key) {
    double[] v = values.get(key);
    if (v == null) {
      throw new IllegalArgumentException("the checkpoint holds no '" + key + "': it was written by another kind of run");
    }
    return v.clone();
  }

  /** The single value under {@code key}. */
  public double scalar(String key) {
    double[] v = get(key);
    if (v.length != 1) {
      throw new IllegalArgumentException("the checkpoint's '" + key + "' holds " + v.length + " values, not one");
    }
    return v[0];
  }

  /** The integer under {@code key}. */
  public int integer(String key) {
    double v = scalar(key);
    if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("the checkpoint's '" + key + "' is " + v + ", not an integer");
    }
    return (int) v;
  }

  /** The matrix stored by {@link #putMat} under {@code key} (a new matrix). */
  public Mat mat(String key) {
    double[] shape = get(key + ".shape");
    double[] data = get(key);
    if (shape.length != 2 || shape[0] < 0 || shape[1] < 0 || shape[0] * shape[1] != data.length) {
      throw new IllegalArgumentException("the checkpoint's '" + key + "' has an inconsistent shape");
    }
    return Mat.wrap((int) shape[0], (int) shape[1], data);
  }

  /** Copies the matrix under {@code key} into {@code target}, which must have its shape. */
  public void matInto(String key, Mat target) {
    Mat m = mat(key);
    if (!m.sameShape(target)) {
      throw new IllegalArgumentException("the checkpoint's '" + key + "' is " + m.rows() + " x " + m.cols()
          + " but this run's is " + target.rows() + " x " + target.cols());
    }
    target.copyFrom(m);
  }

  /** Every key and value, in insertion order (a read-only view; do not modify the arrays). */
  public Map<String, double[]> entries() {
    return Collections.unmodifiableMap(values);
  }
}
