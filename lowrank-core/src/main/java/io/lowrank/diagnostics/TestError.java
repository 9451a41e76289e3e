package io.lowrank.diagnostics;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.model.GroundTruth;

/**
 * The relative test error ||U U^T - M*||_F / ||M*||_F (docs/math.md §7), computed directly on an n x n
 * buffer (not through the expanded trace identity, which loses all accuracy below ~1e-8).
 */
public final class TestError {
  private final GroundTruth truth;
  private final Mat product;

  public TestError(GroundTruth truth) {
    this.truth = truth;
    this.product = new Mat(truth.n(), truth.n());
  }

  /** ||U U^T - M*||_F / ||M*||_F for U n x r' (any r'). */
  public double of(Mat u) {
    Check.shape(u.rows() == truth.n(), "U has %d rows, the ground truth n = %d", u.rows(), truth.n());
    Dense.multiplyTransB(u, u, product);
    return Dense.distanceF(product, truth.target()) / truth.targetNormF();
  }
}
