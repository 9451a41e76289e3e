package io.lowrank.model;

import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.operator.MeasurementOperator;
import io.lowrank.random.Seeds;

/** Spectral quantities of A*(v) computed through the factored operator methods only. */
final class OperatorNorms {
  /** Power-iteration budget and relative tolerance: a step-size scale needs only a few digits. */
  static final int MAX_ITERATIONS = 1000;
  static final double TOLERANCE = 1e-8;

  private OperatorNorms() {}

  /** ||A*(v)||_2 by power iteration on A*(v)^T A*(v) from a fixed Gaussian start. */
  static double adjointSpectralNorm(MeasurementOperator op, double[] v) {
    MeasurementOperator.Workspace ws = op.workspace(1);
    Mat x = new Mat(op.cols(), 1);
    Mat ax = new Mat(op.rows(), 1);
    Seeds.gaussian(Seeds.rng(0x5EC7_0001L), 1.0, x.data(), 0, x.rows());
    normalise(x);
    double sigma = 0.0;
    for (int it = 0; it < MAX_ITERATIONS; it++) {
      op.adjointTimes(v, x, ax, ws);
      double next = Dense.normF(ax);
      if (next == 0.0) {
        return 0.0;
      }
      op.adjointTransposeTimes(v, ax, x, ws);
      normalise(x);
      if (Math.abs(next - sigma) <= TOLERANCE * next) {
        return next;
      }
      sigma = next;
    }
    return sigma;
  }

  private static void normalise(Mat x) {
    double n = Dense.normF(x);
    if (n > 0) {
      for (int i = 0; i < x.data().length; i++) {
        x.data()[i] /= n;
      }
    }
  }
}
