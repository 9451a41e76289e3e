package io.lowrank.deep;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowrank.deep.DeepFactorisation;
import io.lowrank.diagnostics.Columns;
import io.lowrank.diagnostics.History;
import io.lowrank.init.SmallRandomInit;
import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.model.Problem;
import io.lowrank.objective.SymmetricObjective;
import io.lowrank.solver.Driver;
import io.lowrank.solver.StepRule;
import io.lowrank.solver.StopRules;
import io.lowrank.testkit.AdjointChecker;
import io.lowrank.testkit.PlantedProblems;
import io.lowrank.testkit.Tol;
import io.lowrank.testkit.Traces;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DeepFactorisationTest {
  private final Problem p = PlantedProblems.sensing(20, 2, 2.0, 800, 0.0, 6);

  /** f as a function of the layers, through U = W_L ... W_1. */
  private static double loss(Problem p, Mat[] layers) {
    Mat u = layers[0].copy();
    for (int j = 1; j < layers.length; j++) {
      Mat next = new Mat(layers[j].rows(), u.cols());
      Dense.multiply(layers[j], u, next);
      u = next;
    }
    return new SymmetricObjective(p, u.cols()).value(u);
  }

  @Test
  void layerGradientsMatchFiniteDifferences() {
    DeepFactorisation.State s = new DeepFactorisation(3, new StepRule.Absolute(0.05)).start(p,
        SmallRandomInit.draw(20, 3, 0.8, 2));
    new Driver(StopRules.iterations(5), 5).run(s, List.of()); // generic, unbalanced layers
    SplittableRandom rng = new SplittableRandom(8);
    for (int j = 1; j <= 3; j++) {
      Mat[] layers = {s.layer(1).copy(), s.layer(2).copy(), s.layer(3).copy()};
      Mat d = AdjointChecker.gaussian(layers[j - 1].rows(), layers[j - 1].cols(), rng);
      double analytic = Dense.dot(s.gradient(j).data(), d.data());
      double h = 1e-5;
      Mat[] plus = {layers[0].copy(), layers[1].copy(), layers[2].copy()};
      Mat[] minus = {layers[0].copy(), layers[1].copy(), layers[2].copy()};
      Dense.axpy(h, d.data(), plus[j - 1].data());
      Dense.axpy(-h, d.data(), minus[j - 1].data());
      double numeric = (loss(p, plus) - loss(p, minus)) / (2 * h);
      assertThat(Math.abs(analytic - numeric) / Math.abs(analytic)).as("layer %d", j).isLessThan(Tol.FINITE_DIFFERENCE);
    }
  }

  /** The product is exactly U_0 and the layers are exactly balanced: W_{j+1}^T W_{j+1} = W_j W_j^T. */
  @Test
  void theStartSpreadsU0OverBalancedLayers() {
    Mat u0 = SmallRandomInit.draw(20, 4, 0.7, 3);
    DeepFactorisation.State s = DeepFactorisation.of(3).start(p, u0);
    assertThat(Dense.distanceF(s.factor(), u0) / Dense.normF(u0)).isLessThan(Tol.ROUND_OFF);
    double scale = Math.pow(io.lowrank.linalg.Decompositions.singularValues(u0)[0], 2.0 / 3);
    for (int j = 1; j < 3; j++) {
      Mat upper = new Mat(4, 4);
      Dense.multiplyTransA(s.layer(j + 1), s.layer(j + 1), upper);
      Mat lower = new Mat(4, 4);
      Dense.multiplyTransB(s.layer(j), s.layer(j), lower);
      assertThat(Dense.distanceF(upper, lower) / scale).as("balance of W_%d, W_%d", j, j + 1).isLessThan(Tol.ROUND_OFF);
    }
  }

  @Test
  void depthThreeRecoversAPlantedInstanceFromASmallStart() {
    History h = Traces.run(p, DeepFactorisation.of(3), SmallRandomInit.draw(20, 2, 0.1, 4), 2500, 10);
    assertThat(h.column(Columns.TEST_ERROR)[0]).isGreaterThan(0.5);
    assertThat(h.last(Columns.TEST_ERROR)).isLessThan(Tol.DEEP_RECOVERY);
  }
}
