package io.lowrank.experiment.run;

import io.lowrank.linalg.Mat;

/**
 * The factors of a result, owned by it: U (n x r') for symmetric models, where {@code left == right},
 * or L (n1 x r') and R (n2 x r') for asymmetric ones. Do not modify them.
 *
 * @param left U or L
 * @param right U (the same matrix) or R
 */
public record Factors(Mat left, Mat right) {

  /** True for the symmetric model U U^T. */
  public boolean symmetric() {
    return left == right;
  }

  /** Copies of the factors of an iterate (one copy when they are the same matrix). */
  static Factors copyOf(Mat left, Mat right) {
    Mat l = left.copy();
    return new Factors(l, left == right ? l : right.copy());
  }
}
