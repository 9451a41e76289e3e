package io.lowrank.bench;

import java.util.Arrays;

/**
 * Wall times of single steps, for the plain timing entry points that the side-by-side scripts
 * call (JMH is used elsewhere).
 *
 * @param median median seconds per step (NaN for zero steps)
 * @param min fastest step in seconds (NaN for zero steps)
 */
record StepTimes(double median, double min) {

  /** Runs {@code step} {@code warmup} times untimed, then times {@code iters} single calls. */
  static StepTimes measure(Runnable step, int warmup, int iters) {
    for (int i = 0; i < warmup; i++) {
      step.run();
    }
    double[] times = new double[iters];
    for (int i = 0; i < iters; i++) {
      long s = System.nanoTime();
      step.run();
      times[i] = (System.nanoTime() - s) * 1e-9;
    }
    if (iters == 0) {
      return new StepTimes(Double.NaN, Double.NaN);
    }
    Arrays.sort(times);
    double median = iters % 2 == 1 ? times[iters / 2] : 0.5 * (times[iters / 2 - 1] + times[iters / 2]);
    return new StepTimes(median, times[0]);
  }
}
