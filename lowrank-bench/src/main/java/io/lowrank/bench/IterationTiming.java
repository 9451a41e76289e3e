package io.lowrank.bench;

import io.lowrank.model.Problem;
import io.lowrank.operator.Arithmetic;
import io.lowrank.operator.Precision;
import io.lowrank.operator.SymmetricGaussianSensing;
import io.lowrank.parallel.Parallelism;
import io.lowrank.solver.BatchIterate;
import java.util.Arrays;
import java.util.Locale;

/**
 * Times GD iterations of dense sensing the way {@code numpy_sensing.py} in the shared bench folder
 * does, for side-by-side runs: builds the problem, runs {@code --warmup} iterations, times
 * {@code --iters} more one by one and prints one JSON line with the median seconds per iteration
 * (for K > 1: per batched iteration, which advances all K trajectories). Used by
 * {@code scripts/bench-vs-peers.sh}; JMH ({@link SensingIterationBenchmark}) is the rigorous suite.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp lowrank-bench/target/benchmarks.jar io.lowrank.bench.IterationTiming \
 *     --n 100 --m 2500 --rprime 5 --precision float32 --arithmetic float --batch 1 --threads 1 --iters 200 --warmup 300
 * </pre>
 */
public final class IterationTiming {
  private IterationTiming() {}

  public static void main(String[] args) {
    int n = 100;
    int m = 2500;
    int width = 5;
    Precision precision = Precision.FLOAT64;
    Arithmetic arithmetic = Arithmetic.DOUBLE;
    int batch = 1;
    int threads = 1;
    int iters = 200;
    int warmup = 300;
    long seed = 0;
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("options come in pairs: --name value");
    }
    for (int i = 0; i + 1 < args.length; i += 2) {
      String v = args[i + 1];
      switch (args[i]) {
        case "--n" -> n = Integer.parseInt(v);
        case "--m" -> m = Integer.parseInt(v);
        case "--rprime" -> width = Integer.parseInt(v);
        case "--precision" -> precision = Precision.fromLabel(v);
        case "--arithmetic" -> arithmetic = Arithmetic.fromLabel(v);
        case "--batch" -> batch = Integer.parseInt(v);
        case "--threads" -> threads = Integer.parseInt(v);
        case "--iters" -> iters = Integer.parseInt(v);
        case "--warmup" -> warmup = Integer.parseInt(v);
        case "--seed" -> seed = Long.parseLong(v);
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + "; accepted: --n --m --rprime --precision --arithmetic --batch --threads --iters --warmup --seed");
      }
    }
    try (Parallelism par = Parallelism.threads(threads)) {
      long t0 = System.nanoTime();
      Problem p = SensingSetup.problem(n, m, precision, par, seed).withArithmetic(arithmetic);
      BatchIterate it = SensingSetup.start(p, width, batch);
      double setup = (System.nanoTime() - t0) * 1e-9;
      boolean[] active = new boolean[batch];
      Arrays.fill(active, true);
      StepTimes times = StepTimes.measure(() -> it.step(active), warmup, iters);
      double loss = it.member(0).loss();
      System.out.println(String.format(Locale.ROOT,
          "{\"impl\": \"lowrank\", \"bench\": \"sensing\", \"n\": %d, \"m\": %d, \"rprime\": %d, \"dtype\": \"%s\", \"arithmetic\": \"%s\", "
              + "\"batch\": %d, \"threads\": %d, \"kernels\": \"%s\", \"operator_bytes\": %d, \"iterations\": %d, "
              + "\"warmup\": %d, \"setup_s\": %.6f, \"median_iter_s\": %.9f, \"min_iter_s\": %.9f, \"final_train_loss\": %.10e}",
          n, m, width, precision.label(), arithmetic.label(), batch, threads,
          ((SymmetricGaussianSensing) p.operator()).kernelName(),
          SymmetricGaussianSensing.bytes(n, m, precision), iters, warmup, setup, times.median(),
          times.min(), loss));
    }
  }
}
