package io.lowrank.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.model.AsymmetricGroundTruth;
import io.lowrank.model.GroundTruth;
import io.lowrank.model.GroundTruthSpec;
import io.lowrank.model.Problem;
import io.lowrank.objective.AsymmetricObjective;
import io.lowrank.objective.SymmetricObjective;
import io.lowrank.operator.AsymmetricGaussianSensing;
import io.lowrank.operator.EntrySampling;
import io.lowrank.operator.MeasurementOperator;
import io.lowrank.operator.RankOneSensing;
import io.lowrank.testkit.AdjointChecker;
import io.lowrank.testkit.GradientChecker;
import io.lowrank.testkit.PlantedModels;
import io.lowrank.testkit.Tol;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Defining identities of every new operator: adjoint, factored = dense, gradients = finite differences. */
class MeasurementModelsTest {

  static Stream<Arguments> operators() {
    GroundTruth x = GroundTruth.generate(GroundTruthSpec.of(11, 2, 2.0), 3);
    AsymmetricGroundTruth lr = AsymmetricGroundTruth.generate(9, 13, 2, 2.0, 4);
    return Stream.of(
        Arguments.of("asymmetric Gaussian 6x8, m=40", AsymmetricGaussianSensing.generate(6, 8, 40, 1)),
        Arguments.of("rank-one n=8, m=50", RankOneSensing.generate(8, 50, 2)),
        Arguments.of("asymmetric 6x8, m=42, int8", AsymmetricGaussianSensing.generate(6, 8, 42, 1, Precision.INT8)),
        Arguments.of("asymmetric 7x5, m=37, bf16", AsymmetricGaussianSensing.generate(7, 5, 37, 2, Precision.BF16)),
        Arguments.of("rank-one n=8, m=50, int8", RankOneSensing.generate(8, 50, 2, Precision.INT8)),
        Arguments.of("GOE n=9, m=41, int8", SymmetricGaussianSensing.generate(9, 41, 6, Precision.INT8)),
        Arguments.of("GOE n=10, m=39, bf16", SymmetricGaussianSensing.generate(10, 39, 7, Precision.BF16)),
        Arguments.of("structured n=9, m=30", StructuredSensing.generate(9, 30, 3)),
        Arguments.of("structured n=5, m=40 (m > n(n+1)/2)", StructuredSensing.generate(5, 40, 4)),
        Arguments.of("structured n=100, m=300 (two-level transform)", StructuredSensing.generate(100, 300, 5)),
        Arguments.of("completion 9x13, p=0.4", SamplingPatterns.uniform(9, 13, 0.4, 3)),
        Arguments.of("completion 13x9, p=0.7", SamplingPatterns.uniform(13, 9, 0.7, 4)),
        Arguments.of("symmetric completion 10, p=0.5", SamplingPatterns.uniformSymmetric(10, 0.5, 5)),
        Arguments.of("symmetric ReLU sampling 11", SamplingPatterns.thresholdSymmetric(x.factor(), 0.0)),
        Arguments.of("ReLU sampling 9x13", SamplingPatterns.threshold(lr.left(), lr.right(), 0.0)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operators")
  void adjointIdentityHolds(String name, MeasurementOperator op) {
    SplittableRandom rng = new SplittableRandom(1);
    for (int trial = 0; trial < 5; trial++) {
      assertThat(AdjointChecker.adjointMismatch(op, rng)).isLessThan(Tol.ROUND_OFF);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operators")
  void factoredFormsMatchTheDenseComputation(String name, MeasurementOperator op) {
    SplittableRandom rng = new SplittableRandom(2);
    for (int width : new int[] {1, 3, 5}) {
      assertThat(AdjointChecker.factoredForwardMismatch(op, width, rng)).isLessThan(Tol.ROUND_OFF);
      assertThat(AdjointChecker.factoredAdjointMismatch(op, width, rng)).isLessThan(Tol.ROUND_OFF);
      assertThat(transposeMismatch(op, width, rng)).isLessThan(Tol.ROUND_OFF);
      assertThat(pairForwardMismatch(op, width, rng)).isLessThan(Tol.ROUND_OFF);
    }
  }

  /** A*(v)^T L computed factored against the dense A*(v) transposed times L. */
  private static double transposeMismatch(MeasurementOperator op, int width, SplittableRandom rng) {
    double[] v = AdjointChecker.gaussian(op.size(), 1, rng).data();
    Mat l = AdjointChecker.gaussian(op.rows(), width, rng);
    Mat factored = new Mat(op.cols(), width);
    op.adjointTransposeTimes(v, l, factored, op.workspace(width));
    Mat dense = new Mat(op.rows(), op.cols());
    op.adjointDense(v, dense);
    Mat expected = new Mat(op.cols(), width);
    Dense.multiplyTransA(dense, l, expected);
    return AdjointChecker.relative(factored.data(), expected.data());
  }

  /** A(L R^T) with two different factors (also for symmetric models) against the dense forward. */
  private static double pairForwardMismatch(MeasurementOperator op, int width, SplittableRandom rng) {
    Mat l = AdjointChecker.gaussian(op.rows(), width, rng);
    Mat r = AdjointChecker.gaussian(op.cols(), width, rng);
    double[] factored = new double[op.size()];
    op.forward(l, r, factored, op.workspace(width));
    Mat product = new Mat(op.rows(), op.cols());
    Dense.multiplyTransB(l, r, product);
    double[] dense = new double[op.size()];
    op.forwardDense(product, dense);
    return AdjointChecker.relative(factored, dense);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operators")
  void asymmetricGradientMatchesFiniteDifferences(String name, MeasurementOperator op) {
    SplittableRandom rng = new SplittableRandom(7);
    int k = 3;
    int n1 = op.rows();
    double[] y = AdjointChecker.gaussian(op.size(), 1, rng).data();
    AsymmetricObjective f = new AsymmetricObjective(Problem.ofAsymmetric(op, y, null), k);
    Mat point = PlantedModels.stack(AdjointChecker.gaussian(n1, k, rng), AdjointChecker.gaussian(op.cols(), k, rng));
    Mat direction = AdjointChecker.gaussian(point.rows(), k, rng);
    java.util.function.Function<Mat, Double> value =
        s -> f.value(PlantedModels.top(s, n1), PlantedModels.bottom(s, n1));
    java.util.function.BiFunction<Mat, Mat, Double> valueAndGrad = (s, g) -> {
      Mat gl = new Mat(n1, k);
      Mat gr = new Mat(op.cols(), k);
      double v = f.valueAndGradient(PlantedModels.top(s, n1), PlantedModels.bottom(s, n1), gl, gr);
      g.copyFrom(PlantedModels.stack(gl, gr));
      return v;
    };
    assertThat(GradientChecker.directionalError(value, valueAndGrad, point, direction, 1e-5))
        .isLessThan(Tol.FINITE_DIFFERENCE);
    assertThat(GradientChecker.taylorSlope(value, valueAndGrad, point, direction, 1e-2, 6))
        .isCloseTo(2.0, org.assertj.core.data.Offset.offset(Tol.TAYLOR_SLOPE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operators")
  void symmetricGradientMatchesFiniteDifferences(String name, MeasurementOperator op) {
    if (!op.symmetric()) {
      return;
    }
    SplittableRandom rng = new SplittableRandom(8);
    int k = 2;
    double[] y = AdjointChecker.gaussian(op.size(), 1, rng).data();
    SymmetricObjective f = new SymmetricObjective(Problem.of(op, y, null), k);
    Mat u = AdjointChecker.gaussian(op.rows(), k, rng);
    Mat d = AdjointChecker.gaussian(op.rows(), k, rng);
    assertThat(GradientChecker.directionalError(f::value, f::valueAndGradient, u, d, 1e-5))
        .isLessThan(Tol.FINITE_DIFFERENCE);
  }

  @Test
  void completionStoresEntriesSortedByRowAndRejectsUnsortedInput() {
    EntrySampling op = SamplingPatterns.uniform(30, 40, 0.3, 11);
    for (int e = 1; e < op.size(); e++) {
      assertThat(op.row(e - 1) < op.row(e) || (op.row(e - 1) == op.row(e) && op.col(e - 1) < op.col(e))).isTrue();
    }
    assertThatThrownBy(() -> EntrySampling.rectangular(3, 3, new int[] {1, 0}, new int[] {0, 0}, 0.5))
        .hasMessageContaining("sorted by row");
    assertThatThrownBy(() -> EntrySampling.symmetric(3, new int[] {1}, new int[] {0}, 0.5))
        .hasMessageContaining("upper-triangle");
    int[] order = EntryOrder.rowMajorOrder(3, 4, new int[] {2, 0, 2, 1}, new int[] {1, 3, 0, 2});
    assertThat(order).containsExactly(1, 3, 2, 0);
  }

  @Test
  void denseMethodsRefuseHugeCompletionMatrices() {
    EntrySampling big = EntrySampling.rectangular(100_000, 100_000, new int[] {0, 5}, new int[] {3, 9}, 1e-9);
    assertThatThrownBy(() -> big.adjointDense(new double[2], new Mat(1, 1)))
        .hasMessageContaining("would form a dense 100000 x 100000 matrix").hasMessageContaining("factored");
    Mat l = new Mat(100_000, 2);
    l.set(0, 0, 1.0);
    double[] out = new double[2];
    big.forward(l, l, out, big.workspace(2));
    assertThat(out[0]).isZero();
  }

  @Test
  void completionMeasuresRescaledEntries() {
    EntrySampling op = SamplingPatterns.uniform(20, 30, 0.25, 2);
    AsymmetricGroundTruth t = AsymmetricGroundTruth.generate(20, 30, 2, 2.0, 1);
    double[] y = new double[op.size()];
    op.forward(t.left(), t.right(), y, op.workspace(2));
    for (int e = 0; e < op.size(); e++) {
      assertThat(y[e] * Math.sqrt(0.25)).isCloseTo(t.target().get(op.row(e), op.col(e)),
          org.assertj.core.data.Offset.offset(Tol.ROUND_OFF));
    }
  }
}
