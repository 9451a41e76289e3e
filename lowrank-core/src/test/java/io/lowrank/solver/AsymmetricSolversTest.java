package io.lowrank.solver;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowrank.als.AlternatingLeastSquares;
import io.lowrank.diagnostics.AsymmetricProbes;
import io.lowrank.diagnostics.Columns;
import io.lowrank.diagnostics.HistoryRecorder;
import io.lowrank.init.FactorPair;
import io.lowrank.init.SmallRandomPairInit;
import io.lowrank.init.SpectralInit;
import io.lowrank.linalg.Decompositions;
import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.model.Problem;
import io.lowrank.solver.AsymmetricGradientDescent;
import io.lowrank.solver.Driver;
import io.lowrank.solver.Iterate;
import io.lowrank.solver.ScaledDirection;
import io.lowrank.solver.Solver;
import io.lowrank.solver.StepRule;
import io.lowrank.solver.StopRules;
import io.lowrank.testkit.PlantedModels;
import io.lowrank.testkit.Tol;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Asymmetric ScaledGD (equivariance), the asymmetric spectral start and ALS recovery. */
class AsymmetricSolversTest {
  private final Problem sensing = PlantedModels.asymmetricSensing(14, 11, 2, 10.0, 500, 0.0, 3);

  /** (L Q, R Q^{-T}) for an invertible Q. */
  private static FactorPair transform(Mat l, Mat r, Mat q) {
    int k = q.rows();
    Mat qInvT = new Mat(k, k);
    // Q^{-T} = (Q^{-1})^T; Q is 2 x 2 here
    double det = q.get(0, 0) * q.get(1, 1) - q.get(0, 1) * q.get(1, 0);
    qInvT.set(0, 0, q.get(1, 1) / det);
    qInvT.set(0, 1, -q.get(1, 0) / det);
    qInvT.set(1, 0, -q.get(0, 1) / det);
    qInvT.set(1, 1, q.get(0, 0) / det);
    Mat lq = new Mat(l.rows(), k);
    Mat rq = new Mat(r.rows(), k);
    Dense.multiply(l, q, lq);
    Dense.multiply(r, qInvT, rq);
    return new FactorPair(lq, rq);
  }

  /** max(||L_t Q - L~_t||, ||R_t Q^{-T} - R~_t||) relative, after 20 steps of the solver. */
  private double equivarianceDefect(Solver solver, Mat q) {
    FactorPair start = SmallRandomPairInit.balanced(0.5).initialise(14, 11, 2, 7);
    FactorPair moved = transform(start.left(), start.right(), q);
    Iterate a = solver.start(sensing, start.left(), start.right());
    Iterate b = solver.start(sensing, moved.left(), moved.right());
    new Driver(StopRules.iterations(20), 20).run(a, List.of());
    new Driver(StopRules.iterations(20), 20).run(b, List.of());
    FactorPair expected = transform(a.factor(), a.rightFactor(), q);
    return Math.max(Dense.distanceF(expected.left(), b.factor()) / Dense.normF(b.factor()),
        Dense.distanceF(expected.right(), b.rightFactor()) / Dense.normF(b.rightFactor()));
  }

  @Test
  void scaledGdIsEquivariantUnderInvertibleReparameterisationsAndPlainGdIsNot() {
    Mat q = new Mat(2, 2);
    q.set(0, 0, 3.0);
    q.set(0, 1, 1.0);
    q.set(1, 0, -0.5);
    q.set(1, 1, 0.4); // condition number ~ 9
    Solver scaled = new AsymmetricGradientDescent(ScaledDirection.defaultStep(), ScaledDirection.exact());
    Solver plain = AsymmetricGradientDescent.plain(new StepRule.Absolute(0.02));
    assertThat(equivarianceDefect(scaled, q)).isLessThan(Tol.EQUIVARIANCE);
    assertThat(equivarianceDefect(plain, q)).isGreaterThan(1e-3);
  }

  @Test
  void theSpectralPairIsTheTopSingularPartOfTheAdjoint() {
    FactorPair f = SpectralInit.pair(sensing, 2, 3);
    Mat dense = new Mat(14, 11);
    sensing.operator().adjointDense(sensing.y(), dense);
    Decompositions.Svd svd = Decompositions.svd(dense, true);
    Mat product = new Mat(14, 11);
    Dense.multiplyTransB(f.left(), f.right(), product);
    Mat expected = new Mat(14, 11);
    for (int k = 0; k < 2; k++) {
      for (int i = 0; i < 14; i++) {
        for (int j = 0; j < 11; j++) {
          expected.set(i, j, expected.get(i, j) + svd.s()[k] * svd.u().get(i, k) * svd.v().get(j, k));
        }
      }
    }
    assertThat(Dense.distanceF(product, expected) / Dense.normF(expected)).isLessThan(Tol.ROUND_OFF);
    for (int i = 0; i < 14; i++) {
      assertThat(f.left().get(i, 2)).isZero();
    }
    // balanced: L^T L = R^T R = Sigma
    Mat gl = new Mat(3, 3);
    Mat gr = new Mat(3, 3);
    assertThat(AsymmetricProbes.imbalance(f.left(), f.right(), gl, gr)).isLessThan(Tol.ROUND_OFF);
  }

  /**
   * Half the entries of a rank-3 60 x 50 matrix. (At p = 0.3, near the sampling threshold, ALS from a
   * small or spectral start stalls in a swamp with the unobserved entries drifting, while GD from a
   * small start still recovers the matrix; that comparison is for `lowrank compare`, not a test.)
   */
  @Test
  void alsRecoversAPlantedCompletionInstance() {
    Problem p = PlantedModels.rectangularCompletion(60, 50, 3, 2.0, 0.5, 0.0, 2);
    FactorPair start = SmallRandomPairInit.balanced(1e-2).initialise(60, 50, 3, 4);
    HistoryRecorder rec = new HistoryRecorder(AsymmetricProbes.standard(p.asymmetricTruth().orElseThrow()));
    new Driver(StopRules.iterations(40), 1).run(AlternatingLeastSquares.defaults().start(p, start.left(), start.right()),
        List.of(rec));
    assertThat(rec.history().column(Columns.TEST_ERROR)[0]).isGreaterThan(0.9);
    assertThat(rec.history().last(Columns.TEST_ERROR)).isLessThan(Tol.ALS_RECOVERY);
  }

  @Test
  void alsRecoversAPlantedSensingInstance() {
    FactorPair start = SmallRandomPairInit.balanced(1e-2).initialise(14, 11, 2, 4);
    HistoryRecorder rec = new HistoryRecorder(AsymmetricProbes.standard(sensing.asymmetricTruth().orElseThrow()));
    new Driver(StopRules.iterations(30), 1).run(
        AlternatingLeastSquares.defaults().start(sensing, start.left(), start.right()), List.of(rec));
    assertThat(rec.history().last(Columns.TEST_ERROR)).isLessThan(Tol.ALS_RECOVERY);
  }
}
