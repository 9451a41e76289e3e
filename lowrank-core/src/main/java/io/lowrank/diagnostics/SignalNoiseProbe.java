package io.lowrank.diagnostics;

import io.lowrank.linalg.Decompositions;
import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.model.GroundTruth;
import io.lowrank.solver.Iterate;
import java.util.List;

/**
 * The ground-truth decomposition of U_t of S&amp;S (docs/math.md §7). With V_X an orthonormal basis of
 * col(X) and the SVD V_X^T U_t = V_t Sigma_t W_t^T (W_t r' x r):
 * <ul>
 *   <li>{@code signal} = sigma_min(V_X^T U_t);
 *   <li>{@code noise} = ||U_t W_{t,perp}|| = ||U_t (I - W_t W_t^T)|| (0 when r' = r);
 *   <li>{@code misalignment} = ||V_{X,perp}^T V_{U_t W_t}||, the sine of the largest principal
 *       angle between col(U_t W_t) and col(X);
 *   <li>{@code trace_excess} = (tr(U U^T) - tr(M*)) / tr(M*);
 *   <li>{@code angle_to_truth} = sine of the largest principal angle between the top-r left
 *       singular subspace of U_t and col(X).
 * </ul>
 * Computed only when observed (SVDs of r x r' and n x r' matrices).
 */
public final class SignalNoiseProbe implements Probe {
  public static final List<String> COLUMNS =
      List.of(Columns.SIGNAL, Columns.NOISE, Columns.MISALIGNMENT, Columns.TRACE_EXCESS, Columns.ANGLE_TO_TRUTH);

  private final GroundTruth truth;
  private final double traceTarget;

  public SignalNoiseProbe(GroundTruth truth) {
    this.truth = truth;
    this.traceTarget = truth.traceTarget();
  }

  @Override
  public List<String> columns() {
    return COLUMNS;
  }

  /** All five quantities for U (n x r'), in {@link #COLUMNS} order. */
  public double[] measure(Mat u) {
    double[] out = new double[COLUMNS.size()];
    measure(u, out, 0);
    return out;
  }

  @Override
  public void measure(int iteration, Iterate state, long solveNanos, double[] out, int offset) {
    measure(state.factor(), out, offset);
  }

  private void measure(Mat u, double[] out, int offset) {
    int r = truth.rank();
    int width = u.cols();
    Mat vx = truth.basis();
    Mat b = new Mat(r, width);
    Dense.multiplyTransA(vx, u, b);
    Decompositions.Svd svd = Decompositions.svd(b, true);
    int k = Math.min(r, width);
    out[offset] = svd.s().length < r ? 0.0 : svd.s()[r - 1];
    Mat w = Subspaces.leadingColumns(svd.v(), k);
    Mat uw = new Mat(u.rows(), k);
    Dense.multiply(u, w, uw);
    Mat uwwt = new Mat(u.rows(), width);
    Dense.multiplyTransB(uw, w, uwwt);
    Mat noise = u.copy();
    Dense.axpy(-1.0, uwwt.data(), noise.data());
    out[offset + 1] = width <= r ? 0.0 : Subspaces.spectralNorm(noise);
    out[offset + 2] = Subspaces.sinLargestAngle(vx, leftSingularBasis(uw, k));
    double trace = Dense.dot(u.data(), u.data());
    out[offset + 3] = (trace - traceTarget) / traceTarget;
    Decompositions.Svd left = Decompositions.svd(u, true);
    out[offset + 4] = Subspaces.sinLargestAngle(vx, Subspaces.leadingColumns(left.u(), Math.min(r, left.u().cols())));
  }

  private static Mat leftSingularBasis(Mat m, int k) {
    Decompositions.Svd svd = Decompositions.svd(m, true);
    return Subspaces.leadingColumns(svd.u(), k);
  }
}
