package io.lowrank.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowrank.init.SmallRandomInit;
import io.lowrank.linalg.Mat;
import io.lowrank.model.GroundTruth;
import io.lowrank.model.GroundTruthSpec;
import io.lowrank.model.Problem;
import io.lowrank.parallel.Parallelism;
import io.lowrank.testkit.Allocations;
import io.lowrank.testkit.Tol;
import io.lowrank.testkit.Traces;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Arithmetic#FLOAT} passes ({@link FloatRowKernels}): the vector kernels equal the plain
 * ones bit for bit at every length around the lane and chunk boundaries; each dot and each
 * multiply-add sum is within the documented float round-off of the double-arithmetic pass on the
 * same stored operator (and differs from it, so the float path really runs); fused and two-pass
 * evaluations agree bit for bit; trajectories are bit-identical on any thread count and kernel;
 * a step allocates nothing; planted recovery reaches its float floor; float64 storage and other
 * operators are refused.
 */
class FloatArithmeticTest {
  /** Unit round-off of float. */
  private static final double U = 0x1p-24;
  /** The documented dot bound: a chain of at most 31 (tail) or 16 (chunk) float FMAs, plus w's rounding. */
  private static final double DOT_BOUND = (FloatRowKernels.LANES + 2) * U;
  /** The multiply-add bound: FLUSH_ROWS float FMAs per entry plus the coefficient's rounding. */
  private static final double AXPY_BOUND = (PackedRows.FLOAT_FLUSH_ROWS + 2) * U;

  /** The float kernels in use (the vector ones when jdk.incubator.vector is loaded, as in this module's tests). */
  private static FloatRowKernels vector() {
    return FloatRowKernels.matching(RowKernels.best());
  }

  @Test
  void vectorKernelsEqualThePlainOnesAtEveryBoundary() {
    FloatRowKernels plain = FloatRowKernels.plain();
    FloatRowKernels vec = vector();
    assertThat(vec.name()).isEqualTo("vector512".equals(RowKernels.best().name()) ? "vector512" : "plain");
    SplittableRandom rng = new SplittableRandom(5);
    for (int np : new int[] {1, 7, 8, 31, 32, 33, 63, 511, 512, 513, 1023, 1055, 5050}) {
      float[] a = new float[4 * np + 3];
      float[] w = new float[np];
      for (int i = 0; i < a.length; i++) {
        a[i] = (float) rng.nextGaussian();
      }
      for (int p = 0; p < np; p++) {
        w[p] = (float) rng.nextGaussian();
      }
      double[] outP = new double[4];
      double[] outV = new double[4];
      plain.dot4(a, 3, np, w, outP);
      vec.dot4(a, 3, np, w, outV);
      assertThat(outV).as("dot4, np %d", np).isEqualTo(outP);
      assertThat(vec.dot1(a, 1, np, w)).as("dot1, np %d", np).isEqualTo(plain.dot1(a, 1, np, w));
      assertThat(outP[0]).isEqualTo(plain.dot1(a, 3, np, w));
      float[] gP = new float[np];
      float[] gV = new float[np];
      plain.axpy4(a, 2, np, 0.5f, -1.25f, 3f, 0.1f, gP);
      vec.axpy4(a, 2, np, 0.5f, -1.25f, 3f, 0.1f, gV);
      plain.axpy1(a, 0, np, -0.3f, gP);
      vec.axpy1(a, 0, np, -0.3f, gV);
      assertThat(gV).as("axpy, np %d", np).isEqualTo(gP);
      double[] sP = new double[np];
      double[] sV = new double[np];
      java.util.Arrays.fill(sP, 1.5);
      java.util.Arrays.fill(sV, 1.5);
      float[] fV = gV.clone();
      plain.flush(gP, sP, np);
      vec.flush(fV, sV, np);
      assertThat(sV).isEqualTo(sP);
      assertThat(fV).containsOnly(0f);
      assertThat(gP).containsOnly(0f);
    }
  }

  /**
   * Every forward value and every adjoint entry of the packed rows (several blocks, a tail of m % 4
   * rows, np around the lane and chunk sizes) is within the documented bound of the double pass.
   */
  @ParameterizedTest
  @EnumSource(value = Precision.class, names = {"FLOAT32", "BF16", "INT8"})
  void passesAreWithinTheDocumentedRoundOffOfDoubleArithmetic(Precision precision) {
    SplittableRandom rng = new SplittableRandom(2);
    for (int np : new int[] {45, 703, 1100}) {
      int m = 203;
      RowStorage store = RowStorage.allocate(precision, m, np);
      double[] x = new double[np];
      for (int i = 0; i < m; i++) {
        for (int p = 0; p < np; p++) {
          x[p] = rng.nextGaussian();
        }
        store.setRow(i, x);
      }
      double scale = 1.0 / Math.sqrt(m);
      PackedRows exact = new PackedRows(store, scale, RowKernels.best());
      PackedRows fast = new PackedRows(store, scale, RowKernels.best(), Arithmetic.FLOAT);
      assertThat(fast.kernelName()).endsWith("-float");
      double[] w = new double[np];
      for (int p = 0; p < np; p++) {
        w[p] = rng.nextGaussian();
      }
      double[] dExact = new double[m];
      double[] dFast = new double[m];
      exact.newPass(1).forward(w, dExact, Parallelism.sequential());
      fast.newPass(1).forward(w, dFast, Parallelism.sequential());
      boolean differs = false;
      for (int i = 0; i < m; i++) {
        double absSum = 0;
        for (int p = 0; p < np; p++) {
          absSum += Math.abs(store.value(i, p) * w[p]);
        }
        assertThat(Math.abs(dFast[i] - dExact[i])).as("np %d, row %d", np, i)
            .isLessThanOrEqualTo(DOT_BOUND * scale * absSum);
        differs |= dFast[i] != dExact[i];
      }
      assertThat(differs).as("float arithmetic must round differently somewhere").isTrue();

      double[] v = new double[m];
      for (int i = 0; i < m; i++) {
        v[i] = rng.nextGaussian();
      }
      double[] gExact = new double[np];
      double[] gFast = new double[np];
      exact.newPass(1).adjoint(v, gExact, Parallelism.sequential());
      fast.newPass(1).adjoint(v, gFast, Parallelism.sequential());
      for (int p = 0; p < np; p++) {
        double absSum = 0;
        for (int i = 0; i < m; i++) {
          absSum += Math.abs(store.value(i, p) * v[i]);
        }
        assertThat(Math.abs(gFast[p] - gExact[p])).as("np %d, entry %d", np, p)
            .isLessThanOrEqualTo(AXPY_BOUND * scale * absSum);
      }
    }
  }

  /** The fused pass is the forward pass followed by the adjoint of its residuals, bit for bit. */
  @Test
  void fusedAndTwoPassEvaluationsAgree() {
    int n = 23;
    int m = 301;
    SymmetricGaussianSensing op = SymmetricGaussianSensing.generate(n, m, 4, Precision.FLOAT32)
        .withArithmetic(Arithmetic.FLOAT);
    GroundTruth truth = GroundTruth.generate(GroundTruthSpec.of(n, 2, 2.0), 3);
    double[] y = Problem.sense(op, truth, 0.0, 0).y();
    Mat u = new SmallRandomInit(0.3).initialise(Problem.of(op, y, truth), 5, 7);
    MeasurementOperator.Workspace ws = op.workspace(5);
    double[] residual = new double[m];
    Mat grad = new Mat(n, 5);
    op.residualAndAdjointTimes(u, y, residual, grad, ws);
    double[] forward = new double[m];
    op.forward(u, u, forward, ws);
    for (int i = 0; i < m; i++) {
      forward[i] -= y[i];
    }
    assertThat(residual).isEqualTo(forward);
    Mat grad2 = new Mat(n, 5);
    op.adjointTimes(residual, u, grad2, ws);
    assertThat(grad.data()).isEqualTo(grad2.data());
  }

  /** 40 steps with a tail of m % 4 rows and several blocks: equal on 1, 2, 3 threads and plain kernels. */
  @ParameterizedTest
  @EnumSource(value = Precision.class, names = {"FLOAT32", "BF16", "INT8"})
  void trajectoriesAreBitIdenticalForEveryThreadCountAndKernel(Precision precision) {
    GroundTruth truth = GroundTruth.generate(GroundTruthSpec.of(17, 2, 2.0), 3);
    SymmetricGaussianSensing seq = SymmetricGaussianSensing.generate(17, 1003, 4, precision)
        .withArithmetic(Arithmetic.FLOAT);
    try (Parallelism two = Parallelism.threads(2); Parallelism three = Parallelism.threads(3)) {
      double[] y = Problem.sense(seq, truth, 0.0, 0).y();
      double[] reference = Traces.factorAfter(seq, y, truth, 6, 40);
      assertThat(reference).isNotEqualTo(Traces.factorAfter(seq.withArithmetic(Arithmetic.DOUBLE), y, truth, 6, 40));
      for (SymmetricGaussianSensing op : new SymmetricGaussianSensing[] {seq.withParallelism(two),
          seq.withParallelism(three), seq.withPlainKernels()}) {
        assertThat(op.arithmetic()).isEqualTo(Arithmetic.FLOAT);
        assertThat(Traces.factorAfter(op, y, truth, 6, 40)).as("%s, %s", op.parallelism(), op.kernelName())
            .isEqualTo(reference);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = Precision.class, names = {"FLOAT32", "INT8"})
  void aGradientStepAllocatesNothing(Precision precision) {
    GroundTruth truth = GroundTruth.generate(GroundTruthSpec.of(30, 2, 2.0), 3);
    SymmetricGaussianSensing seq = SymmetricGaussianSensing.generate(30, 601, 4, precision)
        .withArithmetic(Arithmetic.FLOAT);
    try (Parallelism two = Parallelism.threads(2)) {
      for (SymmetricGaussianSensing op : new SymmetricGaussianSensing[] {seq, seq.withParallelism(two)}) {
        assertThat(Traces.bytesPerGdStep(op, truth, 6)).as("%s", op.parallelism())
            .isLessThanOrEqualTo(Allocations.MAX_BYTES_PER_STEP);
      }
    }
  }

  /**
   * n = 40, r = 2, m = 20nr, alpha = 1e-6, 600 steps with float32 storage: float arithmetic still
   * recovers at the small-initialisation tolerance; its floor (about 1e-6) lies above double
   * arithmetic's on the same operator.
   */
  @Test
  void plantedRecoveryReachesTheFloatFloor() {
    double fast = QuantisedStorageTest.recoverGoe(Precision.FLOAT32, Arithmetic.FLOAT);
    double exact = QuantisedStorageTest.recoverGoe(Precision.FLOAT32, Arithmetic.DOUBLE);
    assertThat(fast).isLessThan(Tol.RECOVERY_SMALL_INIT).isLessThan(1e-4);
    assertThat(exact).isLessThan(fast);
  }

  @Test
  void float64StorageAndOtherOperatorsAreRefused() {
    SymmetricGaussianSensing f64 = SymmetricGaussianSensing.generate(5, 20, 1);
    assertThatThrownBy(() -> f64.withArithmetic(Arithmetic.FLOAT)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("float arithmetic needs float32, bf16 or int8 storage, not float64");
    GroundTruth truth = GroundTruth.generate(GroundTruthSpec.of(5, 1, 1.0), 1);
    Problem rankOne = Problem.sense(RankOneSensing.generate(5, 20, 1), truth, 0.0, 0);
    assertThatThrownBy(() -> rankOne.withArithmetic(Arithmetic.FLOAT)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("float arithmetic is for generated goe and asymmetric sensing");
    assertThat(rankOne.withArithmetic(Arithmetic.DOUBLE)).isSameAs(rankOne);
    assertThat(Arithmetic.fromLabel("FLOAT")).isEqualTo(Arithmetic.FLOAT);
    assertThatThrownBy(() -> Arithmetic.fromLabel("half")).hasMessage(
        "unknown arithmetic 'half'; accepted: double or float");
  }

  @Test
  void asymmetricSensingTakesFloatArithmeticToo() {
    AsymmetricGaussianSensing exact = AsymmetricGaussianSensing.generate(6, 5, 97, 3, Precision.INT8);
    AsymmetricGaussianSensing fast = exact.withArithmetic(Arithmetic.FLOAT);
    assertThat(fast.arithmetic()).isEqualTo(Arithmetic.FLOAT);
    assertThat(fast.subset(new int[] {0, 4, 9}).arithmetic()).isEqualTo(Arithmetic.FLOAT);
    Mat z = new Mat(6, 5);
    SplittableRandom rng = new SplittableRandom(1);
    for (int i = 0; i < 30; i++) {
      z.data()[i] = rng.nextGaussian();
    }
    double[] a = new double[97];
    double[] b = new double[97];
    exact.forwardDense(z, a);
    fast.forwardDense(z, b);
    for (int i = 0; i < 97; i++) {
      assertThat(b[i]).isCloseTo(a[i], org.assertj.core.data.Offset.offset(1e-5 * (1 + Math.abs(a[i]))));
    }
  }
}
