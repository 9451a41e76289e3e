package io.lowrank.validation;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Mat;
import io.lowrank.operator.MeasurementOperator;

/**
 * Held-out measurements (A_val, y_val) and the validation error of a factored iterate,
 * mean squared error ||A_val(L R^T) - y_val||^2 / m_val (L = R = U for symmetric models).
 * For completion build A_val with p = 1, so that the error is in the units of the data and its
 * square root is the RMSE. Owns its buffers: evaluation allocates nothing; one instance per thread.
 */
public final class ValidationSet {
  private final MeasurementOperator operator;
  private final double[] y;
  private final double[] prediction;
  private final MeasurementOperator.Workspace workspace;
  private final int width;

  /** Validation data for factors of the given width ({@code y} is copied). */
  public ValidationSet(MeasurementOperator operator, double[] y, int width) {
    Check.shape(y.length == operator.size(), "validation y has %d entries but the operator makes %d measurements",
        y.length, operator.size());
    Check.finite(y, "validation y");
    this.operator = operator;
    this.y = y.clone();
    this.prediction = new double[y.length];
    this.width = width;
    this.workspace = operator.workspace(width);
  }

  /** Number of held-out measurements. */
  public int size() {
    return y.length;
  }

  /** ||A_val(L R^T) - y_val||^2 / m_val. */
  public double meanSquaredError(Mat left, Mat right) {
    if (!(left.cols() == width)) {
      Check.shape(false, "the factors have width %d, the validation set was made for %d",
        left.cols(), width);
    }
    operator.forward(left, right, prediction, workspace);
    double s = 0.0;
    for (int i = 0; i < y.length; i++) {
      double d = prediction[i] - y[i];
      s += d * d;
    }
    return s / y.length;
  }
}
