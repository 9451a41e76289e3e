package io.lowrank.experiment.formats;

import io.lowrank.linalg.Mat;
import java.util.Arrays;
import java.util.StringJoiner;

/**
 * An n-dimensional array read from (or to be written to) a {@code .npy} file: its shape and its
 * values in C (row-major) order. {@code data.length} is the product of the shape (1 for shape ()).
 *
 * <p>The arrays are not copied; as with every record holding arrays, equality is by reference.
 *
 * @param shape the dimensions, each >= 0
 * @param data the values, C order
 */
public record NpyArray(long[] shape, double[] data) {
  public NpyArray {
    long count = elementCount(shape);
    if (count != data.length) {
      throw new IllegalArgumentException("shape " + shapeText(shape) + " holds " + count
          + " values but the data array has " + data.length);
    }
  }

  /** Number of dimensions. */
  public int ndim() {
    return shape.length;
  }

  /** The dimensions as ints (every dimension of a readable array fits an int). */
  public int[] intShape() {
    int[] out = new int[shape.length];
    for (int k = 0; k < shape.length; k++) {
      out[k] = Math.toIntExact(shape[k]);
    }
    return out;
  }

  /** The shape as NumPy prints it: "(1600, 40, 40)", "(40,)", "()". */
  public String shapeText() {
    return shapeText(shape);
  }

  /** Wraps (does not copy) a 2-D array as a matrix. */
  public Mat toMat() {
    if (shape.length != 2) {
      throw new IllegalArgumentException("array of shape " + shapeText() + " is not 2-D");
    }
    return Mat.wrap(Math.toIntExact(shape[0]), Math.toIntExact(shape[1]), data);
  }

  /** The product of the dimensions; IllegalArgumentException on a negative dimension or overflow. */
  public static long elementCount(long[] shape) {
    long count = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
      }
      count = Math.multiplyExact(count, d);
    }
    return count;
  }

  /** Python tuple notation for a shape. */
  public static String shapeText(long[] shape) {
    if (shape.length == 1) {
      return "(" + shape[0] + ",)";
    }
    StringJoiner j = new StringJoiner(", ", "(", ")");
    for (long d : shape) {
      j.add(Long.toString(d));
    }
    return j.toString();
  }

  @Override
  public String toString() {
    return "NpyArray" + shapeText();
  }
}
