package io.lowrank.diagnostics;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.model.AsymmetricGroundTruth;
import io.lowrank.solver.Iterate;
import java.util.List;

/** Diagnostics of the asymmetric factor model (L, R) (docs/math.md §5, §4). */
public final class AsymmetricProbes {
  private AsymmetricProbes() {}

  /**
   * Column {@code imbalance}: ||L^T L - R^T R||_F, which plain GD from a small balanced start keeps
   * small without any balancing regulariser (Soltanolkotabi, Stöger and Xie 2023).
   */
  public static Probe imbalance() {
    return new Probe() {
      private Mat gl;
      private Mat gr;

      @Override
      public List<String> columns() {
        return List.of(Columns.IMBALANCE);
      }

      @Override
      public void measure(int iteration, Iterate state, long solveNanos, double[] out, int offset) {
        Mat l = state.factor();
        Mat r = state.rightFactor();
        int k = l.cols();
        if (gl == null || gl.rows() != k) {
          gl = new Mat(k, k);
          gr = new Mat(k, k);
        }
        out[offset] = imbalance(l, r, gl, gr);
      }
    };
  }

  /** ||L^T L - R^T R||_F using two caller-owned k x k buffers. */
  public static double imbalance(Mat left, Mat right, Mat gramL, Mat gramR) {
    Dense.multiplyTransA(left, left, gramL);
    Dense.multiplyTransA(right, right, gramR);
    return Dense.distanceF(gramL, gramR);
  }

  /** Column {@code test_error}: ||L R^T - M*||_F / ||M*||_F. */
  public static Probe testError(AsymmetricGroundTruth truth) {
    Mat product = new Mat(truth.rows(), truth.cols());
    return new Probe() {
      @Override
      public List<String> columns() {
        return List.of(Columns.TEST_ERROR);
      }

      @Override
      public void measure(int iteration, Iterate state, long solveNanos, double[] out, int offset) {
        out[offset] = testError(truth, state.factor(), state.rightFactor(), product);
      }
    };
  }

  /** ||L R^T - M*||_F / ||M*||_F into a caller-owned n1 x n2 buffer. */
  public static double testError(AsymmetricGroundTruth truth, Mat left, Mat right, Mat product) {
    Check.shape(left.rows() == truth.rows() && right.rows() == truth.cols(),
        "L is %s and R is %s but M* is %d x %d", left, right, truth.rows(), truth.cols());
    Dense.multiplyTransB(left, right, product);
    return Dense.distanceF(product, truth.target()) / truth.targetNormF();
  }

  /** The standard set for asymmetric runs: loss, relative residual, test error (if known), imbalance, time. */
  public static List<Probe> standard(AsymmetricGroundTruth truthOrNull) {
    return truthOrNull == null
        ? List.of(Probes.trainLoss(), imbalance(), Probes.elapsed())
        : List.of(Probes.trainLoss(), testError(truthOrNull), imbalance(), Probes.elapsed());
  }
}
