package io.lowrank.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowrank.diagnostics.Columns;
import io.lowrank.diagnostics.History;
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
import io.lowrank.solver.SolveResult;
import io.lowrank.solver.StepRule;
import io.lowrank.solver.StopRules;
import io.lowrank.testkit.AdjointChecker;
import io.lowrank.testkit.Allocations;
import io.lowrank.testkit.Tol;
import io.lowrank.testkit.Traces;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The structured operator against an independent construction of its matrices, its isometry (exact
 * when every row is measured, in expectation otherwise), planted recovery, thread-count invariance
 * and zero allocation per step. Adjoint and factored-form identities run with the other models in
 * {@link MeasurementModelsTest}.
 */
class StructuredSensingTest {

  /** Entry (q, p) of the Sylvester–Hadamard matrix, computed from its definition. */
  private static double hadamard(int q, int p) {
    return Integer.bitCount(q & p) % 2 == 0 ? 1.0 : -1.0;
  }

  /** A_i as a dense symmetric matrix built from H, the signs and the rows (docs/math.md). */
  private static Mat explicitMatrix(StructuredSensing op, int i) {
    int n = op.rows();
    int q = op.selectedRows()[i];
    double[] w = op.signedWeights();
    Mat a = new Mat(n, n);
    int p = 0;
    for (int j = 0; j < n; j++) {
      for (int c = j; c < n; c++) {
        double v = hadamard(q, p) * w[p];
        a.set(j, c, v);
        a.set(c, j, v);
        p++;
      }
    }
    return a;
  }

  @Test
  void walshHadamardTransformMatchesTheMatrixAndInvertsWithItself() {
    SplittableRandom rng = new SplittableRandom(1);
    for (int length : new int[] {1, 2, 16, 1 << 13}) {
      double[] x = AdjointChecker.gaussian(length, 1, rng).data();
      double[] hx = x.clone();
      new WalshHadamard(length).apply(hx, Parallelism.sequential());
      if (length <= 16) {
        for (int q = 0; q < length; q++) {
          double s = 0;
          for (int p = 0; p < length; p++) {
            s += hadamard(q, p) * x[p];
          }
          assertThat(hx[q]).isCloseTo(s, org.assertj.core.data.Offset.offset(1e-12 * length));
        }
      }
      double[] twice = hx.clone();
      new WalshHadamard(length).apply(twice, Parallelism.sequential());
      for (int p = 0; p < length; p++) {
        twice[p] /= length;
      }
      assertThat(AdjointChecker.relative(twice, x)).isLessThan(Tol.ROUND_OFF);
    }
    assertThatThrownBy(() -> new WalshHadamard(12)).hasMessageContaining("power of two");
  }

  @Test
  void measurementsEqualTheInnerProductsWithTheExplicitMatrices() {
    StructuredSensing op = StructuredSensing.generate(9, 30, 5);
    assertThat(op.transformLength()).isEqualTo(64);
    int[] rows = op.selectedRows();
    for (int i = 0; i < rows.length; i++) {
      assertThat(rows[i]).isBetween(0, 63);
      if (i > 0) {
        assertThat(rows[i]).isGreaterThan(rows[i - 1]);
      }
    }
    double[] w = op.signedWeights();
    for (int j = 0, p = 0; j < 9; j++) {
      for (int c = j; c < 9; c++, p++) {
        assertThat(Math.abs(w[p])).isEqualTo(c == j ? 1.0 : Math.sqrt(0.5));
      }
    }
    Mat z = AdjointChecker.gaussian(9, 9, new SplittableRandom(2));
    double[] out = new double[30];
    op.forwardDense(z, out);
    for (int i = 0; i < 30; i++) {
      Mat a = explicitMatrix(op, i);
      double expected = Dense.dot(a.data(), z.data()) / Math.sqrt(30);
      assertThat(out[i]).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
    }
  }

  @Test
  void measuringEveryRowIsAnExactIsometryOfSymmetricMatrices() {
    // n = 7: 28 packed coordinates, m = 32 = N, so S is every row and sum_q (H u)_q^2 = N ||u||^2
    StructuredSensing op = StructuredSensing.generate(7, 32, 3);
    assertThat(op.transformLength()).isEqualTo(32);
    SplittableRandom rng = new SplittableRandom(4);
    for (int trial = 0; trial < 5; trial++) {
      Mat z = AdjointChecker.randomMatrix(op, rng);
      double[] az = new double[32];
      op.forwardDense(z, az);
      assertThat(Dense.norm(az) / Dense.normF(z)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
    }
  }

  /**
   * E ‖A(Z)‖² = ‖Z‖_F² over the operator's randomness, by Monte Carlo over 200 seeds: the sample
   * mean of ‖A(Z)‖² / ‖Z‖_F² must lie within 5 of its own standard errors of 1 (a test a wrong
   * normalisation, e.g. 1/√2 on the diagonal or 1/m, fails by many standard errors).
   */
  @Test
  void isIsometricInExpectation() {
    SplittableRandom rng = new SplittableRandom(6);
    int trials = 200;
    for (int[] size : new int[][] {{20, 150}, {12, 400}}) {
      int n = size[0];
      int m = size[1];
      Mat z = AdjointChecker.randomMatrix(StructuredSensing.generate(n, m, 0), rng);
      double norm2 = Dense.normF(z) * Dense.normF(z);
      double sum = 0;
      double sumSq = 0;
      for (int t = 0; t < trials; t++) {
        StructuredSensing op = StructuredSensing.generate(n, m, 1000 + t);
        double[] az = new double[m];
        op.forwardDense(z, az);
        double ratio = Dense.dot(az, az) / norm2;
        sum += ratio;
        sumSq += ratio * ratio;
      }
      double mean = sum / trials;
      double se = Math.sqrt((sumSq / trials - mean * mean) / trials);
      assertThat(se).as("standard error").isGreaterThan(0).isLessThan(0.05);
      assertThat(Math.abs(mean - 1.0)).as("n = %d, m = %d: mean %s, se %s", n, m, mean, se).isLessThan(5 * se);
    }
  }

  @Test
  void subsetKeepsTheRowsAndRenormalises() {
    StructuredSensing op = StructuredSensing.generate(10, 80, 2);
    int[] idx = {3, 10, 11, 79};
    StructuredSensing sub = op.subset(idx);
    Mat z = AdjointChecker.randomMatrix(op, new SplittableRandom(3));
    double[] all = new double[80];
    double[] part = new double[4];
    op.forwardDense(z, all);
    sub.forwardDense(z, part);
    for (int k = 0; k < 4; k++) {
      assertThat(part[k]).isCloseTo(all[idx[k]] * Math.sqrt(80.0 / 4), org.assertj.core.data.Offset.offset(1e-12));
    }
    assertThatThrownBy(() -> op.subset(new int[] {5, 5})).hasMessageContaining("ascending");
  }

  private static History recover(MeasurementOperator op, GroundTruth truth, int width, double alpha, int iters) {
    Problem p = Problem.sense(op, truth, 0.0, 0);
    HistoryRecorder rec = new HistoryRecorder(Probes.standard(truth));
    Iterate it = GradientDescent.plain(StepRule.defaultRule())
        .start(p, new SmallRandomInit(alpha).initialise(p, width, Seeds.derive(1, Seeds.Stream.INIT)));
    SolveResult r = new Driver(StopRules.iterations(iters).withTolerance(1e-12), 50).run(it, List.of(rec));
    assertThat(r.finite()).as(r.detail()).isTrue();
    return rec.history();
  }

  /**
   * n = 100, r = 2, m = 20 n r, overparameterised r' = n from α = 1e-6: the small-initialisation
   * tolerance of the GOE tests ({@link Tol#RECOVERY_SMALL_INIT}) holds for the structured operator.
   */
  @Test
  void recoversAPlantedLowRankMatrixFromASmallStartAtN100() {
    GroundTruth truth = GroundTruth.generate(GroundTruthSpec.of(100, 2, 2.0), 7);
    StructuredSensing op = StructuredSensing.generate(100, 4000, 8);
    History h = recover(op, truth, 100, 1e-6, 3000);
    assertThat(h.last(Columns.TEST_ERROR)).isLessThan(Tol.RECOVERY_SMALL_INIT);
  }

  @Test
  void resultsAreBitIdenticalForEveryThreadCount() {
    GroundTruth truth = GroundTruth.generate(GroundTruthSpec.of(90, 2, 2.0), 3);
    StructuredSensing seq = StructuredSensing.generate(90, 3600, 4); // N = 8192 > one block
    try (Parallelism two = Parallelism.threads(2); Parallelism three = Parallelism.threads(3)) {
      double[] y = Problem.sense(seq, truth, 0.0, 0).y();
      double[] reference = Traces.factorAfter(seq, y, truth, 8, 40);
      for (StructuredSensing op : new StructuredSensing[] {seq.withParallelism(two), seq.withParallelism(three)}) {
        assertThat(Traces.factorAfter(op, y, truth, 8, 40)).as("factor after 40 steps on %s", op.parallelism())
            .isEqualTo(reference);
      }
    }
  }

  @Test
  void aGradientStepAllocatesNothing() {
    GroundTruth truth = GroundTruth.generate(GroundTruthSpec.of(60, 2, 2.0), 3);
    StructuredSensing seq = StructuredSensing.generate(60, 2400, 4);
    try (Parallelism two = Parallelism.threads(2)) {
      for (StructuredSensing op : new StructuredSensing[] {seq, seq.withParallelism(two)}) {
        assertThat(Traces.bytesPerGdStep(op, truth, 6)).as("%s", op.parallelism())
            .isLessThanOrEqualTo(Allocations.MAX_BYTES_PER_STEP);
      }
    }
  }

  @Test
  void refusesSizesBeyondTheTransformAndForeignWorkspaces() {
    assertThatThrownBy(() -> StructuredSensing.generate(46341, 10, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2^30");
    StructuredSensing a = StructuredSensing.generate(8, 20, 1);
    StructuredSensing b = StructuredSensing.generate(8, 20, 2);
    Mat u = new Mat(8, 2);
    assertThatThrownBy(() -> a.forward(u, u, new double[20], b.workspace(2)))
        .hasMessageContaining("workspace was not made by this operator");
  }
}
