package io.lowrank.operator;

import io.lowrank.linalg.Mat;

/**
 * A symmetric measurement operator that can evaluate several factors U_1..U_K of the same width in
 * one pass over its stored measurements (batched trajectories that share the operator: alpha
 * sweeps, seeds of the initialisation). Member k's results are bit-identical to
 * {@link MeasurementOperator#residualAndAdjointTimes} on U_k alone.
 */
public interface BatchedOperator extends MeasurementOperator {

  /** Scratch memory for up to {@code members} factors of shape n x width. */
  Workspace batchWorkspace(int width, int members);

  /**
   * For k = 0..count-1: residualOut[k] = A(U_k U_k^T) - y (m-vector, overwritten),
   * gradOut[k] = A*(residualOut[k]) U_k (n x width, overwritten) and
   * squaredNormOut[k] = ||residualOut[k]||^2. The factors are not modified. {@code ws} comes from
   * {@link #batchWorkspace} with at least {@code count} members and this width.
   */
  void residualAndAdjointTimes(int count, Mat[] u, double[] y, double[][] residualOut, Mat[] gradOut,
      double[] squaredNormOut, Workspace ws);
}
