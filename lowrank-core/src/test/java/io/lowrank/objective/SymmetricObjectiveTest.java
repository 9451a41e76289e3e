package io.lowrank.objective;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowrank.linalg.Decompositions;
import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.model.Problem;
import io.lowrank.objective.SymmetricObjective;
import io.lowrank.testkit.AdjointChecker;
import io.lowrank.testkit.GradientChecker;
import io.lowrank.testkit.PlantedProblems;
import io.lowrank.testkit.Tol;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SymmetricObjectiveTest {
  private final Problem problem = PlantedProblems.sensing(10, 2, 2.0, 150, 0.01, 3);

  @Test
  void gradientMatchesCentralFiniteDifferences() {
    SplittableRandom rng = new SplittableRandom(1);
    for (int width : new int[] {1, 2, 10}) {
      SymmetricObjective f = new SymmetricObjective(problem, width);
      Mat u = AdjointChecker.gaussian(10, width, rng);
      Mat d = AdjointChecker.gaussian(10, width, rng);
      double err = GradientChecker.directionalError(f::value, f::valueAndGradient, u, d, 1e-5);
      assertThat(err).as("width %d", width).isLessThan(Tol.FINITE_DIFFERENCE);
    }
  }

  @Test
  void taylorRemainderFallsWithSlopeTwo() {
    SplittableRandom rng = new SplittableRandom(2);
    SymmetricObjective f = new SymmetricObjective(problem, 3);
    Mat u = AdjointChecker.gaussian(10, 3, rng);
    Mat d = AdjointChecker.gaussian(10, 3, rng);
    double slope = GradientChecker.taylorSlope(f::value, f::valueAndGradient, u, d, 1e-2, 8);
    assertThat(slope).isCloseTo(2.0, org.assertj.core.data.Offset.offset(Tol.TAYLOR_SLOPE));
  }

  @Test
  void aWrongGradientIsCaughtByTheTaylorSlope() {
    SplittableRandom rng = new SplittableRandom(2);
    SymmetricObjective f = new SymmetricObjective(problem, 3);
    Mat u = AdjointChecker.gaussian(10, 3, rng);
    Mat d = AdjointChecker.gaussian(10, 3, rng);
    double slope = GradientChecker.taylorSlope(f::value, (x, g) -> {
      double v = f.valueAndGradient(x, g);
      Dense.axpy(0.1, g.data(), g.data());
      return v;
    }, u, d, 1e-2, 8);
    assertThat(slope).isLessThan(1.5);
  }

  @Test
  void lossIsInvariantUnderRightOrthogonalTransforms() {
    SplittableRandom rng = new SplittableRandom(4);
    SymmetricObjective f = new SymmetricObjective(problem, 4);
    Mat u = AdjointChecker.gaussian(10, 4, rng);
    Mat q = Decompositions.orthonormalColumns(AdjointChecker.gaussian(4, 4, rng));
    Mat uq = new Mat(10, 4);
    Dense.multiply(u, q, uq);
    assertThat(f.value(uq)).isCloseTo(f.value(u), org.assertj.core.data.Offset.offset(Tol.ROUND_OFF * f.value(u)));
  }

  @Test
  void valueAtZeroIsTheReferenceLoss() {
    SymmetricObjective f = new SymmetricObjective(problem, 2);
    assertThat(f.value(new Mat(10, 2))).isEqualTo(f.referenceLoss());
    assertThat(f.referenceLoss()).isEqualTo(0.25 * Dense.dot(problem.y(), problem.y()));
  }
}
