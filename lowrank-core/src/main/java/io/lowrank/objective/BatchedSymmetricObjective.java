package io.lowrank.objective;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.model.Problem;
import io.lowrank.operator.BatchedOperator;
import io.lowrank.operator.MeasurementOperator;

/**
 * K copies of {@link SymmetricObjective} on one problem, evaluated together:
 * f(U_k) = 1/4 ||A(U_k U_k^T) - y||^2 and grad f(U_k) = A*(A(U_k U_k^T) - y) U_k for k = 0..count-1.
 * When the operator is a {@link BatchedOperator} all members share one pass over its stored
 * measurements; otherwise each member is evaluated on its own. Either way member k's values are
 * bit-identical to a {@link SymmetricObjective} evaluating U_k alone. Owns all buffers: evaluations
 * allocate nothing.
 */
public final class BatchedSymmetricObjective {
  private final MeasurementOperator operator;
  private final BatchedOperator batched;
  private final double[] y;
  private final int width;
  private final int capacity;
  private final double[][] residuals;
  private final double[] squaredNorms;
  private final MeasurementOperator.Workspace batchWorkspace;
  private final MeasurementOperator.Workspace[] memberWorkspaces;
  private final double referenceLoss;

  /** Buffers for up to {@code capacity} factors of shape n x width. */
  public BatchedSymmetricObjective(Problem problem, int width, int capacity) {
    this.operator = problem.operator();
    Check.shape(operator.symmetric(), "the symmetric objective needs a symmetric measurement model");
    Check.inRange(width, 1, operator.rows(), "width r'");
    Check.positive(capacity, "batch size");
    this.y = problem.y();
    this.width = width;
    this.capacity = capacity;
    this.residuals = new double[capacity][operator.size()];
    this.squaredNorms = new double[capacity];
    if (operator instanceof BatchedOperator b) {
      this.batched = b;
      this.batchWorkspace = b.batchWorkspace(width, capacity);
      this.memberWorkspaces = null;
    } else {
      this.batched = null;
      this.batchWorkspace = null;
      this.memberWorkspaces = new MeasurementOperator.Workspace[capacity];
      for (int k = 0; k < capacity; k++) {
        memberWorkspaces[k] = operator.workspace(width);
      }
    }
    this.referenceLoss = 0.25 * Dense.dot(y, y);
  }

  /** f(0) = ||y||^2 / 4. */
  public double referenceLoss() {
    return referenceLoss;
  }

  /** The largest batch this objective evaluates. */
  public int capacity() {
    return capacity;
  }

  /**
   * For k = 0..count-1: values[k] = f(u[k]) and grads[k] = grad f(u[k]) (n x width, overwritten).
   * The factors are not modified; residual k is left in {@link #residual(int)}.
   */
  public void valuesAndGradients(int count, Mat[] u, Mat[] grads, double[] values) {
    Check.inRange(count, 0, capacity, "batch size");
    for (int k = 0; k < count; k++) {
      if (u[k].rows() != operator.rows() || u[k].cols() != width) {
        Check.shape(false, "U[%d] is %d x %d but this objective expects %d x %d", k, u[k].rows(), u[k].cols(),
            operator.rows(), width);
      }
    }
    if (count == 0) {
      return;
    }
    if (batched != null) {
      batched.residualAndAdjointTimes(count, u, y, residuals, grads, squaredNorms, batchWorkspace);
    } else {
      for (int k = 0; k < count; k++) {
        squaredNorms[k] = operator.residualAndAdjointTimes(u[k], y, residuals[k], grads[k], memberWorkspaces[k]);
      }
    }
    for (int k = 0; k < count; k++) {
      values[k] = 0.25 * squaredNorms[k];
    }
  }

  /** The residual of slot k after the last evaluation (internal array: do not modify). */
  public double[] residual(int k) {
    return residuals[k];
  }
}
