package io.lowrank.init;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Mat;

/**
 * The starting point (L_0, R_0) of an asymmetric factor model: L_0 n1 x r', R_0 n2 x r'.
 *
 * @param left L_0
 * @param right R_0
 */
public record FactorPair(Mat left, Mat right) {
  public FactorPair {
    Check.shape(left != null && right != null, "both factors L0 and R0 are required");
    Check.shape(left.cols() == right.cols(), "L0 is %s and R0 is %s: they need the same width r'", left, right);
  }

  /** The width r'. */
  public int width() {
    return left.cols();
  }
}
