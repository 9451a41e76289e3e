package io.lowrank.bench;

import io.lowrank.parallel.Parallelism;
import io.lowrank.solver.Iterate;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One asymmetric GD iteration of matrix completion (the issue-6 matrix): n1 = n2 in {2000, 20000},
 * |Omega| = 1e6, r' = 10, 1 or 2 threads. The iteration is the fused residual-and-gradients pass of
 * {@link io.lowrank.operator.EntrySampling} plus the two factor updates.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class CompletionIterationBenchmark {
  static final int NOBS = 1_000_000;

  @Param({"2000", "20000"})
  int n;

  @Param({"10"})
  int width;

  @Param({"1", "2"})
  int threads;

  private Parallelism parallelism;
  private Iterate iterate;

  @Setup(Level.Trial)
  public void setUp() {
    parallelism = Parallelism.threads(threads);
    iterate = CompletionSetup.start(CompletionSetup.problem(n, n, NOBS, parallelism, 0L), width);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    parallelism.close();
  }

  /** One GD iteration: the fused pass over the entries and the factor updates. */
  @Benchmark
  public double iteration() {
    iterate.step();
    return iterate.loss();
  }
}
