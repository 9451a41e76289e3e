package io.lowrank.objective;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.model.Problem;
import io.lowrank.operator.MeasurementOperator;

/**
 * f(U) = 1/4 ||A(U U^T) - y||^2 and its gradient grad f(U) = A*(A(U U^T) - y) U (docs/math.md §3),
 * evaluated together from one residual. One instance serves one trajectory of a fixed width: it
 * owns the residual and the operator workspace, so evaluations allocate nothing.
 */
public final class SymmetricObjective {
  private final MeasurementOperator operator;
  private final double[] y;
  private final double[] residual;
  private final MeasurementOperator.Workspace workspace;
  private final int width;
  private final double referenceLoss;

  /** Workspace for factors U of shape n x width. */
  public SymmetricObjective(Problem problem, int width) {
    this.operator = problem.operator();
    Check.shape(operator.symmetric(), "the symmetric objective needs a symmetric measurement model");
    Check.inRange(width, 1, operator.rows(), "width r'");
    this.y = problem.y();
    this.width = width;
    this.residual = new double[operator.size()];
    this.workspace = operator.workspace(width);
    this.referenceLoss = 0.25 * Dense.dot(y, y);
  }

  /** f(0) = ||y||^2 / 4, the scale of relative losses. */
  public double referenceLoss() {
    return referenceLoss;
  }

  /** The factor width r' this objective was made for. */
  public int width() {
    return width;
  }

  /** f(U); leaves the residual A(UU^T) - y in {@link #residual()}. */
  public double value(Mat u) {
    checkFactor(u);
    operator.forward(u, u, residual, workspace);
    double s = 0.0;
    for (int i = 0; i < residual.length; i++) {
      double r = residual[i] - y[i];
      residual[i] = r;
      s += r * r;
    }
    return 0.25 * s;
  }

  /**
   * Returns f(U) and overwrites {@code gradU} (n x r') with A*(A(UU^T) - y) U, both from one call
   * of {@link MeasurementOperator#residualAndAdjointTimes} (a single pass over stored measurements
   * where the operator supports it); leaves the residual in {@link #residual()}.
   */
  public double valueAndGradient(Mat u, Mat gradU) {
    checkFactor(u);
    if (!gradU.sameShape(u)) {
      Check.shape(false, "gradient buffer is %s but U is %s", gradU, u);
    }
    return 0.25 * operator.residualAndAdjointTimes(u, y, residual, gradU, workspace);
  }

  /** The residual A(UU^T) - y of the last evaluation (internal array: do not modify). */
  public double[] residual() {
    return residual;
  }

  private void checkFactor(Mat u) {
    if (u.rows() != operator.rows() || u.cols() != width) { // guarded: no varargs array on the hot path
      Check.shape(false, "U is %d x %d but this objective expects %d x %d", u.rows(), u.cols(), operator.rows(), width);
    }
  }
}
