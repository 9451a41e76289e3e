package io.lowrank.operator;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Mat;

/**
 * A linear measurement operator A: R^{n1 x n2} -> R^m (docs/math.md §2), applied to factored
 * matrices so that no model needs to form the n1 x n2 product when it can avoid it.
 *
 * <p>Symmetric models (GOE sensing, rank-one sensing, symmetric completion) have n1 = n2 = n and
 * A*(v) symmetric; they are used with {@code left == right == U}. Asymmetric models (asymmetric
 * sensing, rectangular completion) are used with a factor pair (L, R), L n1 x k, R n2 x k.
 *
 * <p>Hot-path methods write into caller-owned outputs and take a {@link Workspace} obtained once
 * from {@link #workspace(int)}; with it they allocate nothing. An operator is immutable and may be
 * shared by many threads, each with its own workspace.
 */
public interface MeasurementOperator {

  /** Scratch memory of one caller (one trajectory or one thread); opaque to callers. */
  interface Workspace {}

  /** Number of measurements m. */
  int size();

  /** n1, the number of rows of the measured matrix. */
  int rows();

  /** n2, the number of columns of the measured matrix. */
  int cols();

  /** True when the model measures symmetric matrices and A*(v) is symmetric. */
  boolean symmetric();

  /** Allocates the scratch memory needed for factors with {@code width} columns. */
  Workspace workspace(int width);

  /**
   * out = A(L R^T), an m-vector (overwritten). L is n1 x k and R is n2 x k, with k the width the
   * workspace was made for. Neither factor is modified.
   */
  void forward(Mat left, Mat right, double[] out, Workspace ws);

  /** out = A*(v) R (n1 x k, overwritten), for an m-vector v and R n2 x k. */
  void adjointTimes(double[] v, Mat right, Mat out, Workspace ws);

  /**
   * out = A*(v)^T L (n2 x k, overwritten), for L n1 x k. For symmetric models this equals
   * {@link #adjointTimes}.
   */
  default void adjointTransposeTimes(double[] v, Mat left, Mat out, Workspace ws) {
    if (!symmetric()) {
      throw new UnsupportedOperationException(getClass().getSimpleName() + " must implement adjointTransposeTimes");
    }
    adjointTimes(v, left, out, ws);
  }

  /**
   * The measurements at {@code indices} (ascending, distinct, in 0..m-1) as an operator of their
   * own with the normalisation of a sensing operator of indices.length measurements,
   * 1/sqrt(indices.length) instead of 1/sqrt(m); data y of this operator becomes data of the subset
   * as y[indices[k]] * sqrt(m / indices.length). Used to hold out measurements for validation.
   * Operators that are not sensing ensembles (completion) do not support it.
   */
  default MeasurementOperator subset(int[] indices) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " has no measurement subsets");
  }

  /** Checks {@code indices} for {@link #subset}: ascending, distinct, in range, non-empty. */
  static void checkSubset(int[] indices, int m) {
    Check.shape(indices.length >= 1, "a subset needs at least one measurement");
    for (int k = 0; k < indices.length; k++) {
      Check.shape(indices[k] >= 0 && indices[k] < m && (k == 0 || indices[k] > indices[k - 1]),
          "subset indices must be ascending and in 0..%d; index %d is %d", m - 1, k, indices[k]);
    }
  }

  /** out = A(Z) for a dense n1 x n2 matrix Z (overwritten m-vector). Reference and convex use. */
  void forwardDense(Mat z, double[] out);

  /** out = A*(v), the dense n1 x n2 matrix (overwritten). For spectral methods. */
  void adjointDense(double[] v, Mat out);

  /**
   * The residual and the gradient factor of the symmetric least-squares objective in one call:
   * residualOut = A(U U^T) - y (m-vector, overwritten) and gradOut = A*(residualOut) U (n x k,
   * overwritten); returns ||residualOut||^2. U (n x k, the workspace's width) and y are not
   * modified. Symmetric models only. The default makes two passes ({@link #forward}, then
   * {@link #adjointTimes}); operators that store their measurements may override it with a single
   * pass that gives the same values up to round-off.
   */
  default double residualAndAdjointTimes(Mat u, double[] y, double[] residualOut, Mat gradOut, Workspace ws) {
    if (!symmetric()) {
      throw new UnsupportedOperationException(getClass().getSimpleName() + " is not symmetric");
    }
    forward(u, u, residualOut, ws);
    double s = 0.0;
    for (int i = 0; i < residualOut.length; i++) {
      double r = residualOut[i] - y[i];
      residualOut[i] = r;
      s += r * r;
    }
    adjointTimes(residualOut, u, gradOut, ws);
    return s;
  }

  /**
   * The residual and both gradient factors of the asymmetric least-squares objective in one call:
   * residualOut = A(L R^T) - y (m-vector), gradL = A*(residualOut) R (n1 x k) and
   * gradR = A*(residualOut)^T L (n2 x k), all overwritten; returns ||residualOut||^2. L, R and y
   * are not modified. The default makes three passes ({@link #forward}, {@link #adjointTimes},
   * {@link #adjointTransposeTimes}) and is the reference; operators may override it with a single
   * pass that gives the same values up to round-off.
   */
  default double residualAndGradients(Mat left, Mat right, double[] y, double[] residualOut, Mat gradL, Mat gradR,
      Workspace ws) {
    forward(left, right, residualOut, ws);
    double s = 0.0;
    for (int i = 0; i < residualOut.length; i++) {
      double r = residualOut[i] - y[i];
      residualOut[i] = r;
      s += r * r;
    }
    adjointTimes(residualOut, right, gradL, ws);
    adjointTransposeTimes(residualOut, left, gradR, ws);
    return s;
  }
}
