package io.lowrank.operator;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Mat;

/**
 * What the symmetric sensing operators of n x n matrices share: their shape (m measurements of a
 * symmetric n x n matrix) and the checks of their inputs, made without allocating on success.
 */
abstract class SquareSymmetricSensing implements MeasurementOperator {
  /** The dimension n. */
  final int n;
  /** The number of measurements m. */
  final int m;

  SquareSymmetricSensing(int n, int m) {
    this.n = n;
    this.m = m;
  }

  @Override
  public final int size() {
    return m;
  }

  @Override
  public final int rows() {
    return n;
  }

  @Override
  public final int cols() {
    return n;
  }

  @Override
  public final boolean symmetric() {
    return true;
  }

  /** Refuses a factor whose row count is not n. */
  final void checkFactor(Mat f, String name) {
    if (f.rows() != n) {
      Check.shape(false, "%s has %d rows but the operator expects n = %d", name, f.rows(), n);
    }
  }

  /** The checks of {@code forward(left, right, out, ws)}: n-row factors and an m-vector output. */
  final void checkForward(Mat left, Mat right, double[] out) {
    checkFactor(left, "L");
    checkFactor(right, "R");
    if (out.length != m) {
      Check.shape(false, "forward output has length %d, expected m = %d", out.length, m);
    }
  }

  /** The checks of {@code adjointTimes(v, right, out, ws)}: an m-vector, an n-row R, out n x R's width. */
  final void checkAdjointTimes(double[] v, Mat right, Mat out) {
    checkFactor(right, "R");
    checkAdjointInput(v);
    if (out.rows() != n || out.cols() != right.cols()) {
      Check.shape(false, "adjoint output is %d x %d, expected %d x %d", out.rows(), out.cols(), n, right.cols());
    }
  }

  /** Refuses an adjoint input whose length is not m. */
  final void checkAdjointInput(double[] v) {
    if (v.length != m) {
      Check.shape(false, "adjoint input has length %d, expected m = %d", v.length, m);
    }
  }
}
