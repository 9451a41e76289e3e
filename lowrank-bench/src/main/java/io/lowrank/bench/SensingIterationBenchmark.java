package io.lowrank.bench;

import io.lowrank.model.Problem;
import io.lowrank.operator.Precision;
import io.lowrank.parallel.Parallelism;
import io.lowrank.solver.BatchIterate;
import java.util.Arrays;
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
 * One GD iteration of dense symmetric Gaussian sensing, n = 100, m = 2500 (the issue-6 matrix):
 * r' in {5, 100}, float64/float32 storage, K in {1, 8} trajectories per shared pass, 1 or 2
 * threads. For K = 8 the time is that of one batched iteration advancing all 8 trajectories, so
 * throughput per trajectory is K / time. Completion (n1 = n2 = 2000 / 20000, |Omega| = 1e6) is
 * {@link CompletionIterationBenchmark}.
 *
 * <p>The JVM runs with {@code --add-modules jdk.incubator.vector} (the vector kernels; drop it to
 * time the plain-Java fallback) and transparent huge pages for the 50-100 MB operator.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseTransparentHugePages", "--add-modules",
    "jdk.incubator.vector"})
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class SensingIterationBenchmark {
  static final int N = 100;
  static final int M = 2500;

  @Param({"5", "100"})
  int width;

  @Param({"float64", "float32"})
  String precision;

  @Param({"1", "8"})
  int batch;

  @Param({"1", "2"})
  int threads;

  private Parallelism parallelism;
  private BatchIterate iterate;
  private boolean[] active;

  @Setup(Level.Trial)
  public void setUp() {
    parallelism = Parallelism.threads(threads);
    Problem p = SensingSetup.problem(N, M, Precision.fromLabel(precision), parallelism, 0L);
    iterate = SensingSetup.start(p, width, batch);
    active = new boolean[batch];
    Arrays.fill(active, true);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    parallelism.close();
  }

  /** One (batched) GD iteration: the shared pass, the K factor updates and GEMMs. */
  @Benchmark
  public double iteration() {
    iterate.step(active);
    return iterate.member(0).loss();
  }
}
