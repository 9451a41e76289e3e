package io.lowrank.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowrank.diagnostics.Columns;
import io.lowrank.diagnostics.HistoryRecorder;
import io.lowrank.diagnostics.Probes;
import io.lowrank.init.SmallRandomInit;
import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.model.GroundTruth;
import io.lowrank.model.GroundTruthSpec;
import io.lowrank.model.Problem;
import io.lowrank.parallel.Parallelism;
import io.lowrank.random.Seeds;
import io.lowrank.solver.Driver;
import io.lowrank.solver.GradientDescent;
import io.lowrank.solver.Iterate;
import io.lowrank.solver.StepRule;
import io.lowrank.solver.StopRules;
import io.lowrank.testkit.AdjointChecker;
import io.lowrank.testkit.Allocations;
import io.lowrank.testkit.Tol;
import io.lowrank.testkit.Traces;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * bf16 and int8 storage of generated operators (docs/math.md §2, "Storage precisions"): the stored
 * entries are the float64 draws rounded exactly as documented, the data are measured with the
 * stored operator, the ensemble stays isometric in expectation, planted matrices are recovered at
 * the float64 tolerances, and the tiled passes are bit-identical on any thread count and kernel
 * implementation and allocate nothing per step. Rank-one and asymmetric int8 recovery is in
 * {@link MeasurementModelsRecoveryTest}. The adjoint, factored-form and finite-difference
 * identities of quantised operators run in {@link MeasurementModelsTest} with the other models.
 */
class QuantisedStorageTest {

  /** Each stored GOE entry is the documented rounding of the float64 draw with the same seed. */
  @Test
  void storedEntriesAreTheDrawsRoundedAsDocumented() {
    int n = 12;
    int m = 30;
    double[] x = SymmetricGaussianSensing.generate(n, m, 5, Precision.FLOAT64).toDense();
    double[] h = SymmetricGaussianSensing.generate(n, m, 5, Precision.BF16).toDense();
    double[] q = SymmetricGaussianSensing.generate(n, m, 5, Precision.INT8).toDense();
    for (int i = 0; i < m; i++) {
      double max = 0;
      for (int p = i * n * n; p < (i + 1) * n * n; p++) {
        max = Math.max(max, Math.abs(x[p]));
      }
      double s = max / 127;
      int distinct = 0;
      for (int p = i * n * n; p < (i + 1) * n * n; p++) {
        float f = (float) x[p];
        int bits = Float.floatToRawIntBits(f);
        float expectedBf16 = Float.intBitsToFloat(((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16) << 16);
        assertThat(h[p]).isEqualTo((double) expectedBf16);
        assertThat(Math.abs(h[p] - x[p])).isLessThanOrEqualTo(Math.abs(x[p]) * 0x1p-8 + 1e-300);
        assertThat(q[p]).isEqualTo(s * Math.rint(x[p] / s));
        assertThat(Math.abs(q[p] - x[p])).isLessThanOrEqualTo(s / 2 * (1 + 1e-12));
        distinct += q[p] != x[p] ? 1 : 0;
      }
      assertThat(distinct).as("int8 rounds (row %d)", i).isGreaterThan(n);
    }
  }

  /** y = A(X*) / ... is measured with the stored entries: the naive sum over toDense() reproduces it. */
  @ParameterizedTest
  @EnumSource(value = Precision.class, names = {"BF16", "INT8"})
  void dataAreMeasuredWithTheStoredOperator(Precision precision) {
    int n = 10;
    int m = 57;
    GroundTruth truth = GroundTruth.generate(GroundTruthSpec.of(n, 2, 2.0), 3);
    SymmetricGaussianSensing op = SymmetricGaussianSensing.generate(n, m, 4, precision);
    Problem p = Problem.sense(op, truth, 0.0, 0);
    double[] full = op.toDense();
    double[] x = truth.target().data();
    for (int i = 0; i < m; i++) {
      double sum = 0;
      for (int t = 0; t < n * n; t++) {
        sum += full[i * n * n + t] * x[t];
      }
      assertThat(p.y()[i]).isCloseTo(sum / Math.sqrt(m), org.assertj.core.data.Offset.offset(1e-12));
    }
  }

  /**
   * E ‖A(Z)‖² = ‖Z‖_F² over the operator's randomness, by Monte Carlo over 300 seeds, within 5
   * standard errors plus the rounding's own bias bound: bf16 changes each entry by a relative 2^-8 at
   * most, so ‖A(Z)‖² by a relative 2^-7 at most; int8 adds rounding noise of variance ≤ s²/4 per
   * entry with s ≈ 2.5 / 127 here (21 entries per row), a relative 1e-4. A wrong scale (s_i
   * forgotten, or 1/127 twice) fails by orders of magnitude.
   */
  @ParameterizedTest
  @EnumSource(value = Precision.class, names = {"BF16", "INT8"})
  void isIsometricInExpectation(Precision precision) {
    int n = 6;
    int m = 40;
    int trials = 300;
    Mat z = AdjointChecker.randomMatrix(SymmetricGaussianSensing.generate(n, m, 0), new SplittableRandom(9));
    double norm2 = Dense.normF(z) * Dense.normF(z);
    double sum = 0;
    double sumSq = 0;
    for (int t = 0; t < trials; t++) {
      SymmetricGaussianSensing op = SymmetricGaussianSensing.generate(n, m, 500 + t, precision);
      double[] az = new double[m];
      op.forwardDense(z, az);
      double ratio = Dense.dot(az, az) / norm2;
      sum += ratio;
      sumSq += ratio * ratio;
    }
    double mean = sum / trials;
    double se = Math.sqrt((sumSq / trials - mean * mean) / trials);
    double bias = precision == Precision.BF16 ? 0x1p-7 : 1e-3;
    assertThat(se).isGreaterThan(0).isLessThan(0.05);
    assertThat(Math.abs(mean - 1)).as("mean %s, se %s", mean, se).isLessThan(5 * se + bias);
  }

  private static double recoverGoe(Precision precision) {
    return recoverGoe(precision, Arithmetic.DOUBLE);
  }

  /** The test error after 600 GD steps at n = 40, r = 2, m = 20nr, r' = n, alpha = 1e-6 (documented below). */
  static double recoverGoe(Precision precision, Arithmetic arithmetic) {
    GroundTruth truth = GroundTruth.generate(GroundTruthSpec.of(40, 2, 2.0), Seeds.derive(3, Seeds.Stream.TRUTH));
    SymmetricGaussianSensing op = SymmetricGaussianSensing.generate(40, 1600, Seeds.derive(3, Seeds.Stream.OPERATOR),
        precision);
    Problem p = Problem.sense(op, truth, 0.0, 0).withArithmetic(arithmetic);
    HistoryRecorder rec = new HistoryRecorder(List.of(Probes.testError(truth)));
    Iterate it = GradientDescent.plain(StepRule.defaultRule())
        .start(p, new SmallRandomInit(1e-6).initialise(p, 40, Seeds.derive(3, Seeds.Stream.INIT)));
    new Driver(StopRules.iterations(600), 600).run(it, List.of(rec));
    return rec.history().last(Columns.TEST_ERROR);
  }

  /**
   * n = 40, r = 2, m = 20nr, r' = n, α = 1e-6, 600 steps: the quantised problem is an exact sensing
   * problem (its data come from the same operator), so recovery reaches the float64 tolerance.
   */
  @ParameterizedTest
  @EnumSource(value = Precision.class, names = {"BF16", "INT8"})
  void goeRecoveryReachesTheSmallInitialisationTolerance(Precision precision) {
    assertThat(recoverGoe(precision)).isLessThan(Tol.RECOVERY_SMALL_INIT);
  }

  /** 40 steps with a tail of m % 4 rows and several blocks: equal on 1, 2, 3 threads and plain kernels. */
  @ParameterizedTest
  @EnumSource(value = Precision.class, names = {"BF16", "INT8"})
  void trajectoriesAreBitIdenticalForEveryThreadCountAndKernel(Precision precision) {
    GroundTruth truth = GroundTruth.generate(GroundTruthSpec.of(17, 2, 2.0), 3);
    SymmetricGaussianSensing seq = SymmetricGaussianSensing.generate(17, 1003, 4, precision);
    try (Parallelism two = Parallelism.threads(2); Parallelism three = Parallelism.threads(3)) {
      double[] y = Problem.sense(seq, truth, 0.0, 0).y();
      double[] reference = Traces.factorAfter(seq, y, truth, 6, 40);
      for (SymmetricGaussianSensing op : new SymmetricGaussianSensing[] {seq.withParallelism(two),
          seq.withParallelism(three), seq.withPlainKernels()}) {
        assertThat(Traces.factorAfter(op, y, truth, 6, 40)).as("%s, %s", op.parallelism(), op.kernelName())
            .isEqualTo(reference);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = Precision.class, names = {"BF16", "INT8"})
  void aGradientStepAllocatesNothing(Precision precision) {
    GroundTruth truth = GroundTruth.generate(GroundTruthSpec.of(30, 2, 2.0), 3);
    SymmetricGaussianSensing seq = SymmetricGaussianSensing.generate(30, 601, 4, precision);
    try (Parallelism two = Parallelism.threads(2)) {
      for (SymmetricGaussianSensing op : new SymmetricGaussianSensing[] {seq, seq.withParallelism(two)}) {
        assertThat(Traces.bytesPerGdStep(op, truth, 6)).as("%s", op.parallelism())
            .isLessThanOrEqualTo(Allocations.MAX_BYTES_PER_STEP);
      }
    }
  }

  /** bf16 and int8 take 1/4 and 1/8 of float64's bytes (int8 plus one double scale per row). */
  @Test
  void storageIsSmaller() {
    assertThat(SymmetricGaussianSensing.bytes(100, 2500, Precision.BF16)).isEqualTo(2L * 2500 * 5050);
    assertThat(SymmetricGaussianSensing.bytes(100, 2500, Precision.INT8)).isEqualTo(2500L * 5050 + 8L * 2500);
    assertThat(AsymmetricGaussianSensing.bytes(30, 20, 100, Precision.INT8)).isEqualTo(100L * 600 + 800);
  }
}
