package io.lowrank.objective;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.model.Problem;
import io.lowrank.operator.MeasurementOperator;

/**
 * f(L, R) = 1/2 ||A(L R^T) - y||^2 with grad_L = A*(res) R and grad_R = A*(res)^T L (docs/math.md §3),
 * evaluated together from one residual res = A(L R^T) - y. One instance serves one trajectory of a
 * fixed width: it owns the residual and the operator workspace, so evaluations allocate nothing.
 * Works with any operator, symmetric or not (a symmetric operator with L != R measures the
 * symmetric part of L R^T).
 */
public final class AsymmetricObjective {
  private final MeasurementOperator operator;
  private final double[] y;
  private final double[] residual;
  private final MeasurementOperator.Workspace workspace;
  private final int width;
  private final double referenceLoss;

  /** Workspace for factors L (n1 x width) and R (n2 x width). */
  public AsymmetricObjective(Problem problem, int width) {
    this.operator = problem.operator();
    Check.inRange(width, 1, Math.max(operator.rows(), operator.cols()), "width r'");
    this.y = problem.y();
    this.width = width;
    this.residual = new double[operator.size()];
    this.workspace = operator.workspace(width);
    this.referenceLoss = 0.5 * Dense.dot(y, y);
  }

  /** f(0, 0) = ||y||^2 / 2, the scale of relative losses. */
  public double referenceLoss() {
    return referenceLoss;
  }

  /** The factor width r'. */
  public int width() {
    return width;
  }

  /** f(L, R); leaves the residual A(L R^T) - y in {@link #residual()}. */
  public double value(Mat left, Mat right) {
    check(left, operator.rows(), "L");
    check(right, operator.cols(), "R");
    operator.forward(left, right, residual, workspace);
    double s = 0.0;
    for (int i = 0; i < residual.length; i++) {
      double r = residual[i] - y[i];
      residual[i] = r;
      s += r * r;
    }
    return 0.5 * s;
  }

  /**
   * Returns f(L, R) and overwrites gradL = A*(res) R (n1 x r') and gradR = A*(res)^T L (n2 x r'),
   * through {@link MeasurementOperator#residualAndGradients} (one fused pass for rectangular
   * completion); leaves the residual in {@link #residual()}.
   */
  public double valueAndGradient(Mat left, Mat right, Mat gradL, Mat gradR) {
    check(left, operator.rows(), "L");
    check(right, operator.cols(), "R");
    if (!(gradL.sameShape(left) && gradR.sameShape(right))) {
      Check.shape(false, "gradient buffers %s, %s do not match L %s, R %s",
        gradL, gradR, left, right);
    }
    return 0.5 * operator.residualAndGradients(left, right, y, residual, gradL, gradR, workspace);
  }

  /** The residual of the last evaluation (internal array: do not modify). */
  public double[] residual() {
    return residual;
  }

  private void check(Mat f, int rows, String name) {
    if (!(f.rows() == rows && f.cols() == width)) {
      Check.shape(false, "%s is %d x %d but this objective expects %d x %d",
        name, f.rows(), f.cols(), rows, width);
    }
  }
}
