package io.lowrank.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lowrank.linalg.Mat;
import io.lowrank.parallel.Parallelism;
import io.lowrank.testkit.AdjointChecker;
import io.lowrank.testkit.Tol;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The single-pass residual-and-adjoint of {@link SymmetricGaussianSensing} against the two-pass
 * default of {@link MeasurementOperator} and a naive loop over the full matrices; plain-Java and
 * vector kernels; thread counts.
 */
class FusedPassTest {
  /** (n, m): m below, at and above the 16-block partition, m not a multiple of 4, n(n+1)/2 odd or not a multiple of 8. */
  private static final int[][] SIZES = {{1, 3}, {5, 37}, {9, 64}, {12, 203}, {17, 1001}};

  private record Eval(double[] residual, Mat grad, double squaredNorm) {}

  private static Eval fused(MeasurementOperator op, Mat u, double[] y) {
    double[] r = new double[op.size()];
    Mat g = new Mat(u.rows(), u.cols());
    double s = op.residualAndAdjointTimes(u, y, r, g, op.workspace(u.cols()));
    return new Eval(r, g, s);
  }

  /** The interface's default: forward, subtract, adjoint. */
  private static Eval twoPass(MeasurementOperator op, Mat u, double[] y) {
    MeasurementOperator plainDefault = new Delegating(op);
    return fused(plainDefault, u, y);
  }

  /** residual and gradient by triple loops over the unpacked A_i (an independent implementation). */
  private static Eval naive(SymmetricGaussianSensing op, Mat u, double[] y) {
    int n = op.rows();
    int m = op.size();
    int k = u.cols();
    double[] full = op.toDense();
    double[] r = new double[m];
    double sq = 0;
    double[] s = new double[n * n];
    for (int i = 0; i < m; i++) {
      double dot = 0;
      for (int a = 0; a < n; a++) {
        for (int b = 0; b < n; b++) {
          double uu = 0;
          for (int t = 0; t < k; t++) {
            uu += u.get(a, t) * u.get(b, t);
          }
          dot += full[i * n * n + a * n + b] * uu;
        }
      }
      r[i] = dot / Math.sqrt(m) - y[i];
      sq += r[i] * r[i];
      for (int p = 0; p < n * n; p++) {
        s[p] += r[i] * full[i * n * n + p] / Math.sqrt(m);
      }
    }
    Mat g = new Mat(n, k);
    for (int a = 0; a < n; a++) {
      for (int t = 0; t < k; t++) {
        double v = 0;
        for (int b = 0; b < n; b++) {
          v += s[a * n + b] * u.get(b, t);
        }
        g.set(a, t, v);
      }
    }
    return new Eval(r, g, sq);
  }

  private static double[] data(int m, SplittableRandom rng) {
    return AdjointChecker.gaussian(m, 1, rng).data();
  }

  @Test
  void fusedPassEqualsTwoPassAndTheNaiveReference() {
    SplittableRandom rng = new SplittableRandom(7);
    for (int[] size : SIZES) {
      for (Precision precision : Precision.values()) {
        SymmetricGaussianSensing op = SymmetricGaussianSensing.generate(size[0], size[1], 3, precision);
        for (int width : new int[] {1, 3, size[0]}) {
          Mat u = AdjointChecker.gaussian(size[0], width, rng);
          double[] y = data(size[1], rng);
          Eval f = fused(op, u, y);
          Eval t = twoPass(op, u, y);
          Eval ref = naive(op, u, y);
          String what = String.format("n=%d m=%d width=%d %s", size[0], size[1], width, precision);
          assertThat(AdjointChecker.relative(f.residual(), ref.residual())).as(what).isLessThan(Tol.FUSED_VS_REFERENCE);
          assertThat(AdjointChecker.relative(f.grad().data(), ref.grad().data())).as(what)
              .isLessThan(Tol.FUSED_VS_REFERENCE);
          assertThat(Math.abs(f.squaredNorm() - ref.squaredNorm()) / ref.squaredNorm()).as(what)
              .isLessThan(Tol.FUSED_VS_REFERENCE);
          assertThat(AdjointChecker.relative(t.residual(), ref.residual())).as(what).isLessThan(Tol.FUSED_VS_REFERENCE);
          assertThat(AdjointChecker.relative(t.grad().data(), ref.grad().data())).as(what)
              .isLessThan(Tol.FUSED_VS_REFERENCE);
          // by construction (same blocks, same kernels) the two are even bit-identical
          assertThat(f.residual()).as(what).isEqualTo(t.residual());
          assertThat(f.grad().data()).as(what).isEqualTo(t.grad().data());
        }
      }
    }
  }

  @Test
  void aCorruptedGradientIsCaughtByTheReferenceComparison() {
    SplittableRandom rng = new SplittableRandom(8);
    SymmetricGaussianSensing op = SymmetricGaussianSensing.generate(9, 64, 3);
    Mat u = AdjointChecker.gaussian(9, 3, rng);
    double[] y = data(64, rng);
    Eval f = fused(op, u, y);
    f.grad().data()[5] *= 1 + 1e-9;
    assertThat(AdjointChecker.relative(f.grad().data(), naive(op, u, y).grad().data()))
        .isGreaterThan(Tol.FUSED_VS_REFERENCE);
  }

  @Test
  void vectorAndPlainKernelsAreBitIdentical() {
    SymmetricGaussianSensing any = SymmetricGaussianSensing.generate(3, 4, 1);
    assumeTrue(any.kernelName().startsWith("vector"), "run with --add-modules jdk.incubator.vector to compare");
    SplittableRandom rng = new SplittableRandom(9);
    for (int[] size : SIZES) {
      for (Precision precision : Precision.values()) {
        SymmetricGaussianSensing op = SymmetricGaussianSensing.generate(size[0], size[1], 4, precision);
        SymmetricGaussianSensing plain = op.withPlainKernels();
        assertThat(plain.kernelName()).isEqualTo("plain");
        Mat u = AdjointChecker.gaussian(size[0], 2, rng);
        double[] y = data(size[1], rng);
        Eval v = fused(op, u, y);
        Eval p = fused(plain, u, y);
        assertThat(v.residual()).isEqualTo(p.residual());
        assertThat(v.grad().data()).isEqualTo(p.grad().data());
      }
    }
  }

  @Test
  void batchedPassEqualsSinglePassesBitForBit() {
    SplittableRandom rng = new SplittableRandom(12);
    for (int[] size : SIZES) {
      for (Precision precision : Precision.values()) {
        SymmetricGaussianSensing op = SymmetricGaussianSensing.generate(size[0], size[1], 5, precision);
        int members = 7; // one group of four members, then three single ones
        Mat[] u = new Mat[members];
        Mat[] g = new Mat[members];
        double[][] r = new double[members][size[1]];
        double[] sq = new double[members];
        for (int k = 0; k < members; k++) {
          u[k] = AdjointChecker.gaussian(size[0], 3, rng);
          g[k] = new Mat(size[0], 3);
        }
        double[] y = data(size[1], rng);
        op.residualAndAdjointTimes(members, u, y, r, g, sq, op.batchWorkspace(3, members));
        for (int k = 0; k < members; k++) {
          Eval single = fused(op, u[k], y);
          String what = String.format("n=%d m=%d %s member %d", size[0], size[1], precision, k);
          assertThat(r[k]).as(what).isEqualTo(single.residual());
          assertThat(g[k].data()).as(what).isEqualTo(single.grad().data());
          assertThat(sq[k]).as(what).isEqualTo(single.squaredNorm());
        }
      }
    }
  }

  @Test
  void resultsAreBitIdenticalForOneTwoAndThreeThreads() {
    SplittableRandom rng = new SplittableRandom(10);
    SymmetricGaussianSensing op = SymmetricGaussianSensing.generate(17, 1001, 5);
    Mat u = AdjointChecker.gaussian(17, 4, rng);
    double[] y = data(1001, rng);
    Eval one = fused(op, u, y);
    double[] forwardOne = new double[1001];
    op.forward(u, u, forwardOne, op.workspace(4));
    for (int threads : new int[] {2, 3}) {
      try (Parallelism par = Parallelism.threads(threads)) {
        SymmetricGaussianSensing parallel = op.withParallelism(par);
        for (int repeat = 0; repeat < 20; repeat++) {
          Eval e = fused(parallel, u, y);
          assertThat(e.residual()).isEqualTo(one.residual());
          assertThat(e.grad().data()).isEqualTo(one.grad().data());
          assertThat(e.squaredNorm()).isEqualTo(one.squaredNorm());
        }
        double[] forward = new double[1001];
        parallel.forward(u, u, forward, parallel.workspace(4));
        assertThat(forward).isEqualTo(forwardOne);
      }
    }
  }

  @Test
  void float32OperatorIsTheFloat64OneRoundedAndCloseInEffect() {
    SplittableRandom rng = new SplittableRandom(11);
    SymmetricGaussianSensing op64 = SymmetricGaussianSensing.generate(20, 500, 6, Precision.FLOAT64);
    SymmetricGaussianSensing op32 = SymmetricGaussianSensing.generate(20, 500, 6, Precision.FLOAT32);
    assertThat(op32.precision()).isEqualTo(Precision.FLOAT32);
    double[] full64 = op64.toDense();
    double[] full32 = op32.toDense();
    for (int i = 0; i < full64.length; i++) {
      assertThat(full32[i]).isEqualTo((double) (float) full64[i]);
    }
    Mat u = AdjointChecker.gaussian(20, 3, rng);
    double[] y = data(500, rng);
    Eval e64 = fused(op64, u, y);
    Eval e32 = fused(op32, u, y);
    double[] zero = new double[500];
    Eval f64 = fused(op64, u, zero);
    Eval f32 = fused(op32, u, zero);
    double forwardError = AdjointChecker.relative(f32.residual(), f64.residual());
    double adjointError = AdjointChecker.relative(e32.grad().data(), e64.grad().data());
    assertThat(forwardError).isLessThan(Tol.FLOAT32_OPERATOR).isGreaterThan(0.0);
    assertThat(adjointError).isLessThan(Tol.FLOAT32_OPERATOR).isGreaterThan(0.0);
  }

  /** Hides the override so that the interface's two-pass default runs. */
  private record Delegating(MeasurementOperator op) implements MeasurementOperator {
    public int size() {
      return op.size();
    }

    public int rows() {
      return op.rows();
    }

    public int cols() {
      return op.cols();
    }

    public boolean symmetric() {
      return op.symmetric();
    }

    public Workspace workspace(int width) {
      return op.workspace(width);
    }

    public void forward(Mat left, Mat right, double[] out, Workspace ws) {
      op.forward(left, right, out, ws);
    }

    public void adjointTimes(double[] v, Mat right, Mat out, Workspace ws) {
      op.adjointTimes(v, right, out, ws);
    }

    public void forwardDense(Mat z, double[] out) {
      op.forwardDense(z, out);
    }

    public void adjointDense(double[] v, Mat out) {
      op.adjointDense(v, out);
    }
  }
}
