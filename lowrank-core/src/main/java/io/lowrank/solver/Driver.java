package io.lowrank.solver;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The one iteration loop of lowrank. Every solver is run by it: it counts iterations, applies the
 * {@link StopRules}, detects divergence, times the steps and notifies {@link Observer}s at a fixed
 * cadence. A Driver holds no state between runs.
 */
public final class Driver {
  /** Per-step timings kept for the median (the first this many steps). */
  private static final int MAX_TIMINGS = 1 << 20;

  private final StopRules rules;
  private final int recordEvery;

  /**
   * @param rules stop rules
   * @param recordEvery observer cadence k >= 1: observers see iterations 0, k, 2k, ... and the last
   */
  public Driver(StopRules rules, int recordEvery) {
    this.rules = java.util.Objects.requireNonNull(rules, "rules");
    if (recordEvery < 1) {
      throw new IllegalArgumentException("record-every must be >= 1, got " + recordEvery);
    }
    this.recordEvery = recordEvery;
  }

  public StopRules rules() {
    return rules;
  }

  /** Runs {@code iterate} to termination, notifying {@code observers}. */
  public SolveResult run(Iterate iterate, List<? extends Observer> observers) {
    double initial = iterate.loss();
    long[] timings = new long[Math.min(rules.maxIterations(), MAX_TIMINGS)];
    double tolLoss = rules.tolerance() * rules.tolerance() * iterate.referenceLoss();
    double divergeAbove = rules.divergenceFactor() * Math.max(initial, Double.MIN_NORMAL);
    long limitNanos = rules.timeLimit() == null ? Long.MAX_VALUE : rules.timeLimit().toNanos();
    double[] window = rules.stallWindow() > 0 ? new double[rules.stallWindow() + 1] : null;

    long solveNanos = 0;
    int t = 0;
    Termination why = null;
    String detail = null;
    if (!Double.isFinite(initial)) {
      why = Termination.DIVERGED;
      detail = "the initial loss is not finite";
    } else if (notify(observers, 0, iterate, 0)) {
      why = Termination.EARLY_STOPPED;
    }
    int lastObserved = 0;
    while (why == null) {
      if (rules.tolerance() > 0 && iterate.loss() <= tolLoss) {
        why = Termination.CONVERGED;
        break;
      }
      if (t >= rules.maxIterations()) {
        why = Termination.MAX_ITERATIONS;
        break;
      }
      if (solveNanos >= limitNanos) {
        why = Termination.TIME_LIMIT;
        break;
      }
      long start = System.nanoTime();
      iterate.step();
      long took = System.nanoTime() - start;
      if (t < timings.length) {
        timings[t] = took;
      }
      solveNanos += took;
      t++;
      double f = iterate.loss();
      if (!Double.isFinite(f) || f > divergeAbove) {
        why = Termination.DIVERGED;
        detail = Double.isFinite(f)
            ? String.format(Locale.ROOT, "the loss %.3e at iteration %d exceeds %.0e x the initial loss %.3e; reduce the step size",
                f, t, rules.divergenceFactor(), initial)
            : String.format(Locale.ROOT, "the loss became non-finite at iteration %d (initial loss %.3e); reduce the step size",
                t, initial);
        break;
      }
      if (window != null) {
        window[t % window.length] = f;
        if (t >= rules.stallWindow()) {
          double old = window[(t + 1) % window.length];
          if (Math.abs(old - f) <= rules.stallTolerance() * Math.abs(old)) {
            why = Termination.STALLED;
          }
        }
      }
      if (t % recordEvery == 0) {
        lastObserved = t;
        if (notify(observers, t, iterate, solveNanos)) {
          why = Termination.EARLY_STOPPED;
        }
      }
    }
    if (why != Termination.DIVERGED && lastObserved != t) {
      notify(observers, t, iterate, solveNanos);
    }
    double median = median(timings, Math.min(t, timings.length));
    if (detail == null) {
      detail = describe(why, t, iterate.loss(), initial);
    }
    SolveResult result = new SolveResult(why, t, initial, why == Termination.DIVERGED ? Double.NaN : iterate.loss(),
        solveNanos, median, detail);
    for (Observer o : observers) {
      o.finish(result);
    }
    return result;
  }

  private static boolean notify(List<? extends Observer> observers, int t, Iterate it, long nanos) {
    boolean stop = false;
    for (Observer o : observers) {
      o.observe(t, it, nanos);
      stop |= o.stopRequested();
    }
    return stop;
  }

  private static double median(long[] values, int count) {
    if (count == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(values, count);
    Arrays.sort(sorted);
    return count % 2 == 1 ? sorted[count / 2] : 0.5 * (sorted[count / 2 - 1] + sorted[count / 2]);
  }

  private static String describe(Termination why, int t, double f, double initial) {
    return switch (why) {
      case CONVERGED -> String.format(Locale.ROOT, "relative residual reached the tolerance after %d iterations", t);
      case MAX_ITERATIONS -> String.format(Locale.ROOT, "iteration budget of %d used", t);
      case STALLED -> String.format(Locale.ROOT, "loss stopped changing at iteration %d (f = %.3e)", t, f);
      case TIME_LIMIT -> String.format(Locale.ROOT, "time limit reached after %d iterations", t);
      case EARLY_STOPPED -> String.format(Locale.ROOT, "stopped by an observer at iteration %d", t);
      case DIVERGED -> String.format(Locale.ROOT, "diverged from initial loss %.3e", initial);
    };
  }
}
