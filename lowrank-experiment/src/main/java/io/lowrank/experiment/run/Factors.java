package io.lowrank.experiment.run;

import io.lowrank.linalg.Mat;
import java.util.ArrayList;
import java.util.List;

/**
 * The factors of a result, owned by it: U (n x r') for symmetric models, where {@code left == right},
 * or L (n1 x r') and R (n2 x r') for asymmetric ones. Do not modify them.
 *
 * @param left U or L
 * @param right U (the same matrix) or R
 * @param layers the layers W_1 .. W_L of a deep factorisation (U = W_L ... W_1), else empty
 */
public record Factors(Mat left, Mat right, List<Mat> layers) {

  public Factors {
    layers = List.copyOf(layers);
  }

  /** Factors without layers. */
  public Factors(Mat left, Mat right) {
    this(left, right, List.of());
  }

  /** True for the symmetric model U U^T. */
  public boolean symmetric() {
    return left == right;
  }

  /** Copies of the factors of an iterate (one copy when they are the same matrix). */
  static Factors copyOf(Mat left, Mat right) {
    return copyOf(left, right, List.of());
  }

  /** Copies of the factors and of the layers. */
  static Factors copyOf(Mat left, Mat right, List<Mat> layers) {
    Mat l = left.copy();
    List<Mat> copies = new ArrayList<>();
    for (Mat m : layers) {
      copies.add(m.copy());
    }
    return new Factors(l, left == right ? l : right.copy(), copies);
  }
}
