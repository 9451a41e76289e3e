package io.lowrank.bench;

import io.lowrank.init.SmallRandomInit;
import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.model.GroundTruth;
import io.lowrank.model.GroundTruthSpec;
import io.lowrank.model.Problem;
import io.lowrank.operator.MeasurementOperator;
import io.lowrank.operator.SymmetricGaussianSensing;
import io.lowrank.solver.GradientDescent;
import io.lowrank.solver.Iterate;
import io.lowrank.solver.StepRule;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one plain GD iteration for dense symmetric Gaussian sensing (docs/math.md §2, §2) at
 * n = 100, m = 2500, r = 5, alpha = 1e-3, and of its parts, so one can see where the time goes.
 *
 * <ul>
 *   <li>{@code step}: one {@link Iterate#step()} = the fused single pass (residual and A*(res)
 *       together) + the GEMM + the update of U. The iterate keeps advancing during the trial (GD from small
 *       random init is stable with the default step rule), so this times real iterations.
 *   <li>{@code forward}: A(UU^T) through the workspace (factor product O(n^2 r'/2) + one pass over
 *       the packed m x n(n+1)/2 operator).
 *   <li>{@code adjointTimes}: A*(v) U through the workspace (one pass over the operator, unpack,
 *       then the n x n times n x r' GEMM).
 *   <li>{@code adjointGemm}: only that GEMM, {@code Dense.multiply(S, U)} with S n x n, the
 *       O(n^2 r') part of {@code adjointTimes}.
 *   <li>{@code forwardDense}, {@code adjointDense}: the operator passes alone (O(n^2) pre/post
 *       work, no factor); independent of r', so they run once, without the width parameter.
 * </ul>
 *
 * Operator bytes: 8 m n(n+1)/2 = 101 MB, so each pass is memory-bound on this machine; a GD
 * step makes one fused pass, forward + adjoint make two. The JVM runs with the
 * jdk.incubator.vector kernels; {@link SensingIterationBenchmark} covers float32, batches and threads.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseTransparentHugePages", "--add-modules",
    "jdk.incubator.vector"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class GdIterationBenchmark {
  static final int N = 100;
  static final int M = 2500;
  static final int R = 5;
  static final double KAPPA = 10.0;
  static final double ALPHA = 1e-3;
  static final long SEED = 0L;

  /** The problem (operator, truth, data): shared by every width, built once per fork. */
  @State(Scope.Benchmark)
  public static class ProblemState {
    SymmetricGaussianSensing op;
    Problem problem;
    /** A residual-like m-vector for the adjoint benchmarks. */
    double[] v;
    Mat denseOut;
    double[] forwardOut;
    Mat denseZ;

    @Setup(Level.Trial)
    public void setUp() {
      op = SymmetricGaussianSensing.generate(N, M, SEED);
      GroundTruth truth = GroundTruth.generate(GroundTruthSpec.of(N, R, KAPPA), SEED + 1);
      problem = Problem.sense(op, truth, 0.0, SEED + 2);
      problem.spectrum(); // the default step rule needs lambda_1(A*(y)); compute it outside timing
      Mat u0 = SmallRandomInit.draw(N, R, ALPHA, SEED + 3);
      v = new double[M];
      op.forward(u0, u0, v, op.workspace(R));
      double[] y = problem.y();
      for (int i = 0; i < M; i++) {
        v[i] -= y[i];
      }
      denseOut = new Mat(N, N);
      forwardOut = new double[M];
      denseZ = new Mat(N, N);
      Dense.multiplyTransB(u0, u0, denseZ);
    }
  }

  /** One trajectory of width r' on the shared problem. */
  @State(Scope.Benchmark)
  public static class WidthState {
    @Param({"5", "100"})
    int width;

    Iterate iterate;
    Mat u;
    Mat adjointOut;
    double[] forwardOut;
    MeasurementOperator.Workspace ws;
    Mat s;

    @Setup(Level.Trial)
    public void setUp(ProblemState ps) {
      u = SmallRandomInit.draw(N, width, ALPHA, SEED + 3);
      iterate = GradientDescent.plain(StepRule.defaultRule()).start(ps.problem, u);
      ws = ps.op.workspace(width);
      adjointOut = new Mat(N, width);
      forwardOut = new double[M];
      s = new Mat(N, N);
      ps.op.adjointDense(ps.v, s);
    }
  }

  @Benchmark
  public double step(WidthState ws) {
    ws.iterate.step();
    return ws.iterate.loss();
  }

  @Benchmark
  public double[] forward(ProblemState ps, WidthState ws) {
    ps.op.forward(ws.u, ws.u, ws.forwardOut, ws.ws);
    return ws.forwardOut;
  }

  @Benchmark
  public Mat adjointTimes(ProblemState ps, WidthState ws) {
    ps.op.adjointTimes(ps.v, ws.u, ws.adjointOut, ws.ws);
    return ws.adjointOut;
  }

  @Benchmark
  public Mat adjointGemm(WidthState ws) {
    Dense.multiply(ws.s, ws.u, ws.adjointOut);
    return ws.adjointOut;
  }

  @Benchmark
  public double[] forwardDense(ProblemState ps) {
    ps.op.forwardDense(ps.denseZ, ps.forwardOut);
    return ps.forwardOut;
  }

  @Benchmark
  public Mat adjointDense(ProblemState ps) {
    ps.op.adjointDense(ps.v, ps.denseOut);
    return ps.denseOut;
  }
}
