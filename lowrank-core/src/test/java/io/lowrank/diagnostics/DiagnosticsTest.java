package io.lowrank.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.lowrank.diagnostics.PowerIterate;
import io.lowrank.diagnostics.SignalNoiseProbe;
import io.lowrank.diagnostics.Subspaces;
import io.lowrank.linalg.Decompositions;
import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.model.GroundTruth;
import io.lowrank.model.Problem;
import io.lowrank.testkit.AdjointChecker;
import io.lowrank.testkit.PlantedProblems;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DiagnosticsTest {
  private final Problem problem = PlantedProblems.sensing(12, 2, 3.0, 300, 0.0, 4);
  private final GroundTruth truth = problem.truth().orElseThrow();

  /** U = [X, c P] with P orthonormal and orthogonal to col(X): signal, noise and angles are known. */
  @Test
  void signalNoiseSplitOfAPlantedFactor() {
    SplittableRandom rng = new SplittableRandom(1);
    Mat g = AdjointChecker.gaussian(12, 3, rng);
    Mat vx = truth.basis();
    Mat proj = new Mat(2, 3);
    Dense.multiplyTransA(vx, g, proj);
    Mat inX = new Mat(12, 3);
    Dense.multiply(vx, proj, inX);
    Dense.axpy(-1.0, inX.data(), g.data());
    Mat p = Decompositions.orthonormalColumns(g);
    double c = 0.3;
    Mat u = new Mat(12, 5);
    for (int i = 0; i < 12; i++) {
      u.set(i, 0, truth.factor().get(i, 0));
      u.set(i, 1, truth.factor().get(i, 1));
      for (int j = 0; j < 3; j++) {
        u.set(i, 2 + j, c * p.get(i, j));
      }
    }
    double[] d = new SignalNoiseProbe(truth).measure(u);
    double sMin = truth.factorSingularValues()[1];
    assertThat(d[0]).as("signal").isCloseTo(sMin, offset(1e-12));
    assertThat(d[1]).as("noise").isCloseTo(c, offset(1e-12));
    assertThat(d[2]).as("misalignment").isLessThan(1e-7);
    double excess = (truth.traceTarget() + 3 * c * c - truth.traceTarget()) / truth.traceTarget();
    assertThat(d[3]).as("trace excess").isCloseTo(excess, offset(1e-12));
    assertThat(d[4]).as("angle to truth").isLessThan(1e-7);
  }

  @Test
  void diagnosticsAreInvariantUnderRightOrthogonalTransforms() {
    SplittableRandom rng = new SplittableRandom(2);
    Mat u = AdjointChecker.gaussian(12, 6, rng);
    Mat q = Decompositions.orthonormalColumns(AdjointChecker.gaussian(6, 6, rng));
    Mat uq = new Mat(12, 6);
    Dense.multiply(u, q, uq);
    SignalNoiseProbe probe = new SignalNoiseProbe(truth);
    double[] a = probe.measure(u);
    double[] b = probe.measure(uq);
    for (int k = 0; k < a.length; k++) {
      assertThat(b[k]).as(SignalNoiseProbe.COLUMNS.get(k)).isCloseTo(a[k], offset(1e-9));
    }
  }

  @Test
  void exactRankHasNoNoiseTerm() {
    Mat u = AdjointChecker.gaussian(12, 2, new SplittableRandom(3));
    assertThat(new SignalNoiseProbe(truth).measure(u)[1]).isZero();
  }

  @Test
  void powerIterateMatchesRepeatedMultiplication() {
    Mat u0 = AdjointChecker.gaussian(12, 3, new SplittableRandom(4));
    double mu = 0.1;
    Mat a = new Mat(12, 12);
    problem.operator().adjointDense(problem.y(), a);
    Mat x = u0.copy();
    Mat ax = new Mat(12, 3);
    for (int t = 0; t < 7; t++) {
      Dense.multiply(a, x, ax);
      Dense.axpy(mu, ax.data(), x.data());
    }
    PowerIterate power = new PowerIterate(problem.spectrum(), u0, mu);
    Mat scaled = new Mat(12, 3);
    double s = power.scaledIterate(7, scaled);
    Dense.axpy(-Math.exp(-s), x.data(), scaled.data());
    assertThat(Dense.normF(scaled)).isLessThan(1e-10 * Math.exp(-s) * Dense.normF(x));
    assertThat(power.relativeDistance(7, x)).isLessThan(1e-10);
    assertThat(power.relativeDistance(0, u0)).isLessThan(1e-12);
    assertThat(power.relativeDistance(7, u0)).isGreaterThan(0.05);
  }

  @Test
  void powerIterateStaysFiniteForHugeT() {
    Mat u0 = AdjointChecker.gaussian(12, 3, new SplittableRandom(5));
    double d = new PowerIterate(problem.spectrum(), u0, 0.25 / problem.spectrum().lambda1()).relativeDistance(100_000, u0);
    assertThat(d).isCloseTo(1.0, offset(1e-9));
  }

  @Test
  void principalAngleOfKnownSubspaces() {
    double theta = 0.3;
    Mat a = new Mat(3, 1);
    a.set(0, 0, 1);
    Mat b = new Mat(3, 1);
    b.set(0, 0, Math.cos(theta));
    b.set(1, 0, Math.sin(theta));
    assertThat(Subspaces.sinLargestAngle(a, b)).isCloseTo(Math.sin(theta), offset(1e-14));
  }
}
