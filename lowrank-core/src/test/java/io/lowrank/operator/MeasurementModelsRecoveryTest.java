package io.lowrank.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowrank.diagnostics.AsymmetricProbes;
import io.lowrank.diagnostics.Columns;
import io.lowrank.diagnostics.History;
import io.lowrank.diagnostics.HistoryRecorder;
import io.lowrank.diagnostics.Probes;
import io.lowrank.init.FactorPair;
import io.lowrank.init.SmallRandomInit;
import io.lowrank.init.SmallRandomPairInit;
import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.model.GroundTruth;
import io.lowrank.model.GroundTruthSpec;
import io.lowrank.model.Problem;
import io.lowrank.operator.EntrySampling;
import io.lowrank.random.Seeds;
import io.lowrank.solver.AsymmetricGradientDescent;
import io.lowrank.solver.Driver;
import io.lowrank.solver.GradientDescent;
import io.lowrank.solver.Iterate;
import io.lowrank.solver.SolveResult;
import io.lowrank.solver.StepRule;
import io.lowrank.solver.StopRules;
import io.lowrank.testkit.PlantedModels;
import io.lowrank.testkit.Tol;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Planted recovery for completion, ReLU sampling, rank-one and asymmetric sensing. */
class MeasurementModelsRecoveryTest {

  private static History runSymmetric(Problem p, int width, double alpha, int iters, long seed) {
    HistoryRecorder rec = new HistoryRecorder(Probes.standard(p.truth().orElseThrow()));
    Iterate it = GradientDescent.plain(StepRule.defaultRule())
        .start(p, new SmallRandomInit(alpha).initialise(p, width, Seeds.derive(seed, Seeds.Stream.INIT)));
    SolveResult r = new Driver(StopRules.iterations(iters).withTolerance(1e-11), 50).run(it, List.of(rec));
    assertThat(r.finite()).as(r.detail()).isTrue();
    return rec.history();
  }

  private static History runAsymmetric(Problem p, SmallRandomPairInit init, int width, int iters, long seed) {
    HistoryRecorder rec = new HistoryRecorder(AsymmetricProbes.standard(p.asymmetricTruth().orElseThrow()));
    FactorPair f = init.initialise(p.operator().rows(), p.operator().cols(), width, Seeds.derive(seed, Seeds.Stream.INIT));
    Iterate it = AsymmetricGradientDescent.plain(StepRule.defaultRule()).start(p, f.left(), f.right());
    SolveResult r = new Driver(StopRules.iterations(iters).withTolerance(1e-11), 10).run(it, List.of(rec));
    assertThat(r.finite()).as(r.detail()).isTrue();
    return rec.history();
  }

  /** n = 200, r = 3: p = 0.1 gives ~2,000 observed pairs per 600 degrees of freedom (n r log n / n^2 ~ 0.08). */
  @Test
  void noiseFreeSymmetricCompletionReachesRelativeError1e4() {
    Problem p = PlantedModels.symmetricCompletion(200, 3, 2.0, 0.1, 1);
    History h = runSymmetric(p, 3, 1e-3, 4000, 1);
    assertThat(h.last(Columns.TEST_ERROR)).isLessThan(Tol.COMPLETION_NOISE_FREE);
  }

  @Test
  void noiseFreeRectangularCompletionReachesRelativeError1e4() {
    Problem p = PlantedModels.rectangularCompletion(150, 200, 3, 2.0, 0.15, 0.0, 2);
    History h = runAsymmetric(p, SmallRandomPairInit.balanced(1e-3), 3, 4000, 2);
    assertThat(h.last(Columns.TEST_ERROR)).isLessThan(Tol.COMPLETION_NOISE_FREE);
  }

  /**
   * ReLU sampling (Liu et al. 2024): only the positive entries of M* = X X^T are seen. GD started
   * near X (U_0 = X + 0.05 noise) converges, including on the unobserved negative entries.
   */
  @Test
  void reluSamplingConvergesFromNearThePlantedFactor() {
    GroundTruth t = GroundTruth.generate(GroundTruthSpec.of(60, 2, 2.0), 5);
    EntrySampling op = SamplingPatterns.thresholdSymmetric(t.factor());
    Problem p = Problem.sense(op, t, 0.0, 0);
    Mat u0 = t.factor().copy();
    SplittableRandom rng = new SplittableRandom(3);
    for (int i = 0; i < u0.data().length; i++) {
      u0.data()[i] += 0.05 * rng.nextGaussian() / Math.sqrt(60);
    }
    Iterate it = GradientDescent.plain(StepRule.defaultRule()).start(p, u0);
    new Driver(StopRules.iterations(20_000).withTolerance(1e-13), 100).run(it, List.of());
    Mat product = new Mat(60, 60);
    Dense.multiplyTransB(it.factor(), it.factor(), product);
    double num = 0;
    double den = 0;
    int unobserved = 0;
    for (int i = 0; i < 60; i++) {
      for (int j = 0; j < 60; j++) {
        double m = t.target().get(i, j);
        if (m <= 0) {
          unobserved++;
          num += (product.get(i, j) - m) * (product.get(i, j) - m);
          den += m * m;
        }
      }
    }
    assertThat(unobserved).isGreaterThan(1000);
    assertThat(Math.sqrt(num / den)).isLessThan(Tol.RELU_UNOBSERVED);
  }

  /** Rank-one (quadratic) sensing, n = 20, r = 2, m = 10 n r, exact width: recovery to round-off. */
  @Test
  void rankOneSensingRecoversThePlantedMatrix() {
    Problem p = PlantedModels.rankOneSensing(20, 2, 2.0, 400, 3);
    History h = runSymmetric(p, 2, 1e-3, 6000, 3);
    assertThat(h.last(Columns.TEST_ERROR)).isLessThan(Tol.RECOVERY_EXACT_RANK_LOOSE);
  }

  /**
   * Asymmetric sensing from a balanced small start: plain GD balances implicitly. Gradient flow
   * conserves L^T L - R^T R exactly; GD with step mu changes it by O(mu^2 ||grad||^2) per step, so
   * starting from ||L_0^T L_0 - R_0^T R_0||_F ~ alpha^2 it stays far below ||M*|| = 1: we require
   * the imbalance to stay below {@link Tol#IMBALANCE} all along while the error falls to 1e-8.
   */
  @Test
  void asymmetricSensingRecoversWithSmallImbalance() {
    Problem p = PlantedModels.asymmetricSensing(15, 12, 2, 2.0, 10 * 27 * 2, 0.0, 4);
    History h = runAsymmetric(p, SmallRandomPairInit.balanced(1e-3), 2, 4000, 4);
    assertThat(h.last(Columns.TEST_ERROR)).isLessThan(Tol.RECOVERY_EXACT_RANK_LOOSE);
    assertThat(max(h.column(Columns.IMBALANCE))).isLessThan(Tol.IMBALANCE);
  }

  /**
   * int8 storage (docs/math.md §2): the quantised rank-one and asymmetric problems are exact sensing
   * problems of their own (data measured with the stored operator), so the float64 tolerances hold.
   */
  @Test
  void int8RankOneAndAsymmetricSensingRecoverAtTheFloat64Tolerances() {
    Problem r1 = PlantedModels.rankOneSensing(20, 2, 2.0, 400, 3, Precision.INT8);
    assertThat(runSymmetric(r1, 2, 1e-3, 6000, 3).last(Columns.TEST_ERROR)).isLessThan(Tol.RECOVERY_EXACT_RANK_LOOSE);
    Problem as = PlantedModels.asymmetricSensing(15, 12, 2, 2.0, 10 * 27 * 2, 0.0, 4, Precision.INT8);
    History h = runAsymmetric(as, SmallRandomPairInit.balanced(1e-3), 2, 4000, 4);
    assertThat(h.last(Columns.TEST_ERROR)).isLessThan(Tol.RECOVERY_EXACT_RANK_LOOSE);
    assertThat(max(h.column(Columns.IMBALANCE))).isLessThan(Tol.IMBALANCE);
  }

  /** With the imbalanced start beta = alpha / 3 (Xiong et al.) GD still recovers M*. */
  @Test
  void asymmetricSensingRecoversFromAnImbalancedStart() {
    Problem p = PlantedModels.asymmetricSensing(15, 12, 2, 2.0, 10 * 27 * 2, 0.0, 5);
    History h = runAsymmetric(p, SmallRandomPairInit.imbalanced(1e-3), 6, 4000, 5);
    assertThat(h.last(Columns.TEST_ERROR)).isLessThan(Tol.RECOVERY_SMALL_INIT);
    assertThat(max(h.column(Columns.IMBALANCE))).isLessThan(Tol.IMBALANCE);
  }

  @Test
  void symmetricSolversRefuseTheTwoFactorStart() {
    Problem p = PlantedModels.asymmetricSensing(5, 4, 1, 1.0, 40, 0.0, 1);
    assertThatThrownBy(() -> GradientDescent.plain(StepRule.defaultRule()).start(p, new Mat(5, 1), new Mat(4, 1)))
        .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("AsymmetricGradientDescent");
    assertThatThrownBy(() -> AsymmetricGradientDescent.plain(StepRule.defaultRule()).start(p, new Mat(5, 1)))
        .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("L0, R0");
  }

  private static double max(double[] v) {
    double m = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      m = Math.max(m, x);
    }
    return m;
  }
}
