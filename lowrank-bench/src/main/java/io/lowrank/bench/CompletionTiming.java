package io.lowrank.bench;

import io.lowrank.model.Problem;
import io.lowrank.parallel.Parallelism;
import io.lowrank.solver.Iterate;
import java.util.Locale;

/**
 * Times asymmetric GD iterations of matrix completion the way {@code numpy_completion.py} of the
 * shared bench folder does (a timed iteration = residual, loss, gradients, update): builds the
 * problem ({@link CompletionSetup}), runs {@code --warmup} iterations, times {@code --iters} more
 * one by one and prints one JSON line with the median seconds per iteration. Used by
 * {@code scripts/bench-completion-vs-numpy.sh}; {@link CompletionIterationBenchmark} is the JMH suite.
 *
 * <pre>
 * java -cp lowrank-bench/target/benchmarks.jar io.lowrank.bench.CompletionTiming \
 *     --n1 2000 --n2 2000 --nobs 1000000 --rprime 10 --threads 1 --iters 50 --warmup 30
 * </pre>
 */
public final class CompletionTiming {
  private CompletionTiming() {}

  public static void main(String[] args) {
    int n1 = 2000;
    int n2 = 2000;
    int nobs = 1_000_000;
    int width = 10;
    int threads = 1;
    int iters = 50;
    int warmup = 30;
    long seed = 0;
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("options come in pairs: --name value");
    }
    for (int i = 0; i + 1 < args.length; i += 2) {
      String v = args[i + 1];
      switch (args[i]) {
        case "--n1" -> n1 = Integer.parseInt(v);
        case "--n2" -> n2 = Integer.parseInt(v);
        case "--nobs" -> nobs = Integer.parseInt(v);
        case "--rprime" -> width = Integer.parseInt(v);
        case "--threads" -> threads = Integer.parseInt(v);
        case "--iters" -> iters = Integer.parseInt(v);
        case "--warmup" -> warmup = Integer.parseInt(v);
        case "--seed" -> seed = Long.parseLong(v);
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + "; accepted: --n1 --n2 --nobs --rprime --threads --iters --warmup --seed");
      }
    }
    try (Parallelism par = Parallelism.threads(threads)) {
      long t0 = System.nanoTime();
      Problem p = CompletionSetup.problem(n1, n2, nobs, par, seed);
      Iterate it = CompletionSetup.start(p, width);
      double setup = (System.nanoTime() - t0) * 1e-9;
      StepTimes times = StepTimes.measure(it::step, warmup, iters);
      double loss = it.loss();
      System.out.println(String.format(Locale.ROOT,
          "{\"impl\": \"lowrank\", \"bench\": \"completion\", \"n1\": %d, \"n2\": %d, \"nobs\": %d, \"rprime\": %d, "
              + "\"threads\": %d, \"iterations\": %d, \"warmup\": %d, \"setup_s\": %.6f, \"median_iter_s\": %.9f, "
              + "\"min_iter_s\": %.9f, \"final_train_loss\": %.10e}",
          n1, n2, nobs, width, threads, iters, warmup, setup, times.median(), times.min(), loss));
    }
  }
}
