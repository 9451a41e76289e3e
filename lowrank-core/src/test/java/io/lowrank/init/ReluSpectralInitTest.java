package io.lowrank.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowrank.diagnostics.Subspaces;
import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.model.GroundTruth;
import io.lowrank.model.GroundTruthSpec;
import io.lowrank.model.Problem;
import io.lowrank.model.Spacing;
import io.lowrank.operator.EntrySampling;
import io.lowrank.operator.SamplingPatterns;
import io.lowrank.testkit.AdjointChecker;
import io.lowrank.testkit.PlantedProblems;
import io.lowrank.testkit.Tol;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReluSpectralInitTest {
  /** sin of the largest angle between col(U_0) and col(X) the debiased start must reach at n = 100. */
  private static final double START_ANGLE = 0.6;

  private static Problem relu(int n, int r, long seed) {
    GroundTruth t = GroundTruth.generate(new GroundTruthSpec(n, r, 2.0, Spacing.GEOMETRIC), seed);
    return Problem.sense(SamplingPatterns.thresholdSymmetric(t.factor(), 0.0), t, 0.0, 1);
  }

  @Test
  void meanAbsoluteCosinesAreTheGammaRatio() {
    assertThat(ReluSpectralInit.meanAbsCosine(1)).isEqualTo(1.0);
    assertThat(ReluSpectralInit.meanAbsCosine(2)).isCloseTo(2 / Math.PI, org.assertj.core.data.Offset.offset(1e-15));
    assertThat(ReluSpectralInit.meanAbsCosine(3)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-15));
    assertThat(ReluSpectralInit.meanAbsCosine(4)).isCloseTo(4 / (3 * Math.PI), org.assertj.core.data.Offset.offset(1e-15));
    // Monte Carlo in R^5
    SplittableRandom rng = new SplittableRandom(1);
    double sum = 0;
    int trials = 200_000;
    for (int t = 0; t < trials; t++) {
      double dot = 0;
      double a2 = 0;
      double b2 = 0;
      for (int k = 0; k < 5; k++) {
        double a = rng.nextGaussian();
        double b = rng.nextGaussian();
        dot += a * b;
        a2 += a * a;
        b2 += b * b;
      }
      sum += Math.abs(dot) / Math.sqrt(a2 * b2);
    }
    assertThat(ReluSpectralInit.meanAbsCosine(5)).isCloseTo(sum / trials, org.assertj.core.data.Offset.offset(3e-3));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 0.05, -0.02})
  void reluSamplingObservesExactlyTheEntriesAboveTauAndHasItsAdjoint(double tau) {
    GroundTruth t = GroundTruth.generate(new GroundTruthSpec(12, 2, 2.0, Spacing.GEOMETRIC), 7);
    EntrySampling op = SamplingPatterns.thresholdSymmetric(t.factor(), tau);
    Mat m = t.target();
    boolean[][] seen = new boolean[12][12];
    for (int e = 0; e < op.size(); e++) {
      assertThat(op.row(e)).isLessThanOrEqualTo(op.col(e));
      seen[op.row(e)][op.col(e)] = true;
    }
    for (int i = 0; i < 12; i++) {
      for (int j = i; j < 12; j++) {
        assertThat(seen[i][j]).as("(%d, %d): M = %s, tau = %s", i, j, m.get(i, j), tau).isEqualTo(m.get(i, j) > tau);
      }
    }
    assertThat(AdjointChecker.adjointMismatch(op, new SplittableRandom(3))).isLessThan(Tol.ROUND_OFF);
  }

  @Test
  void rankOneEstimateIsExact() {
    Problem p = relu(30, 1, 4);
    Mat est = ReluSpectralInit.estimate(p, 1);
    Mat truth = p.truth().orElseThrow().target();
    assertThat(Dense.distanceF(est, truth) / Dense.normF(truth)).isLessThan(1e-12);
  }

  @Test
  void debiasedStartIsCloserToTheTruthThanThePlainSpectralStart() {
    for (long seed = 1; seed <= 3; seed++) {
      Problem p = relu(100, 3, seed);
      Mat x = p.truth().orElseThrow().basis();
      Mat debiased = new ReluSpectralInit(3, 0.0).initialise(p, 3, 1);
      Mat plain = SpectralInit.of(3).initialise(p, 3, 1);
      double a = Subspaces.sinLargestAngle(x, io.lowrank.linalg.Decompositions.orthonormalColumns(debiased));
      double b = Subspaces.sinLargestAngle(x, io.lowrank.linalg.Decompositions.orthonormalColumns(plain));
      assertThat(a).as("seed %d", seed).isLessThan(START_ANGLE).isLessThan(b);
    }
  }

  @Test
  void refusesOtherOperators() {
    Problem p = PlantedProblems.sensing(8, 2, 2.0, 40, 0.0, 1);
    assertThatThrownBy(() -> new ReluSpectralInit(2, 0.0).initialise(p, 2, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("symmetric completion");
  }
}
