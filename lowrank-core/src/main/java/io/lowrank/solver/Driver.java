package io.lowrank.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The one iteration loop of lowrank. Every solver is run by it: it counts iterations, applies the
 * {@link StopRules}, detects divergence, times the steps and notifies {@link Observer}s at a fixed
 * cadence. A {@link BatchIterate} (K trajectories advanced by one shared step) runs through the
 * same loop with all of that kept per member; a single {@link Iterate} is a batch of one. A Driver
 * holds no state between runs.
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
    return run(BatchIterate.of(iterate), List.of(observers)).get(0);
  }

  /**
   * Runs every member of {@code batch} to its own termination; member k is watched by
   * {@code observers.get(k)} and gets its own result. Members step together, so the time of a
   * shared step is counted in each member's solve time.
   */
  public List<SolveResult> run(BatchIterate batch, List<? extends List<? extends Observer>> observers) {
    int size = batch.size();
    if (observers.size() != size) {
      throw new IllegalArgumentException("a batch of " + size + " needs " + size + " observer lists, got "
          + observers.size());
    }
    Member[] members = new Member[size];
    boolean[] active = new boolean[size];
    for (int k = 0; k < size; k++) {
      Checkpointer cp = checkpointer(observers.get(k));
      if (cp != null && size > 1) {
        throw new IllegalArgumentException("checkpoints are kept for single runs; this batch of " + size
            + " trajectories shares one pass per iteration: run the member alone to checkpoint it");
      }
      members[k] = new Member(batch.member(k), observers.get(k), cp);
      active[k] = members[k].why == null;
    }
    while (true) {
      boolean any = false;
      for (int k = 0; k < size; k++) {
        if (active[k]) {
          active[k] = members[k].mayStep();
          any |= active[k];
        }
      }
      if (!any) {
        break;
      }
      long start = System.nanoTime();
      batch.step(active);
      long took = System.nanoTime() - start;
      for (int k = 0; k < size; k++) {
        if (active[k]) {
          active[k] = members[k].stepped(took);
        }
      }
    }
    List<SolveResult> results = new ArrayList<>(size);
    for (Member member : members) {
      results.add(member.finish());
    }
    return results;
  }

  /** The one checkpointer among {@code observers}, or null. */
  private static Checkpointer checkpointer(List<? extends Observer> observers) {
    Checkpointer found = null;
    for (Observer o : observers) {
      if (o instanceof Checkpointer c) {
        if (found != null) {
          throw new IllegalArgumentException("a run takes at most one checkpointer, got two");
        }
        found = c;
      }
    }
    return found;
  }

  /** The bookkeeping of one trajectory: everything the loop decides per member. */
  private final class Member {
    private final Iterate iterate;
    private final List<? extends Observer> observers;
    private final Checkpointer checkpointer;
    private final long[] timings;
    private final double tolLoss;
    private final long limitNanos;
    private final double[] window;
    private double initial;
    private double divergeAbove;
    private long solveNanos;
    private int t;
    private Termination why;
    private String detail;
    private int lastObserved;

    Member(Iterate iterate, List<? extends Observer> observers, Checkpointer checkpointer) {
      this.iterate = iterate;
      this.observers = observers;
      this.checkpointer = checkpointer;
      this.timings = new long[Math.min(rules.maxIterations(), MAX_TIMINGS)];
      this.tolLoss = rules.tolerance() * rules.tolerance() * iterate.referenceLoss();
      this.limitNanos = rules.timeLimit() == null ? Long.MAX_VALUE : rules.timeLimit().toNanos();
      this.window = rules.stallWindow() > 0 ? new double[rules.stallWindow() + 1] : null;
      if (checkpointer != null) {
        requireStateful(iterate);
        if (checkpointer.every() < 1) {
          throw new IllegalArgumentException("the checkpoint cadence must be >= 1, got " + checkpointer.every());
        }
      }
      Snapshot from = checkpointer == null ? null : checkpointer.resume().orElse(null);
      if (from != null) {
        restore(from);
        return;
      }
      this.initial = iterate.loss();
      this.divergeAbove = rules.divergenceFactor() * Math.max(initial, Double.MIN_NORMAL);
      if (!Double.isFinite(initial)) {
        why = Termination.DIVERGED;
        detail = "the initial loss is not finite";
      } else if (notify(0, 0)) {
        why = Termination.EARLY_STOPPED;
      }
    }

    private void requireStateful(Iterate part) {
      if (!(part instanceof Stateful)) {
        throw new UnsupportedOperationException("the method's iterate (" + part.getClass().getSimpleName()
            + ") keeps state a checkpoint cannot hold; checkpoints are kept for gradient descent and ScaledGD");
      }
    }

    /** The whole run: driver counters, the iterate, every stateful observer. */
    private Snapshot snapshot(Termination end) {
      Snapshot s = new Snapshot();
      s.put("driver.iteration", t);
      s.put("driver.initial", initial);
      s.put("driver.solve_nanos", solveNanos);
      s.put("driver.last_observed", lastObserved);
      s.put("driver.termination", end == null ? -1 : end.ordinal());
      if (window != null) {
        s.put("driver.window", window);
      }
      ((Stateful) iterate).saveState(s, "iterate");
      int i = 0;
      for (Observer o : observers) {
        if (o instanceof Stateful st) {
          st.saveState(s, observerKey(i++, o));
        }
      }
      return s;
    }

    private void restore(Snapshot s) {
      ((Stateful) iterate).restoreState(s, "iterate");
      int i = 0;
      for (Observer o : observers) {
        if (o instanceof Stateful st) {
          st.restoreState(s, observerKey(i++, o));
        }
      }
      t = s.integer("driver.iteration");
      initial = s.scalar("driver.initial");
      divergeAbove = rules.divergenceFactor() * Math.max(initial, Double.MIN_NORMAL);
      solveNanos = (long) s.scalar("driver.solve_nanos");
      lastObserved = s.integer("driver.last_observed");
      int end = s.integer("driver.termination");
      if (end >= Termination.values().length) {
        throw new IllegalArgumentException("the checkpoint's termination " + end + " is unknown");
      }
      why = end < 0 ? null : Termination.values()[end];
      if (window != null) {
        double[] w = s.get("driver.window");
        if (w.length != window.length) {
          throw new IllegalArgumentException("the checkpoint's stall window holds " + w.length + " values, this run's "
              + window.length);
        }
        System.arraycopy(w, 0, window, 0, w.length);
      }
      if (t < 0 || (why == null && t > rules.maxIterations())) {
        throw new IllegalArgumentException("the checkpoint is at iteration " + t + ", beyond this run's budget of "
            + rules.maxIterations());
      }
    }

    private String observerKey(int i, Observer o) {
      return "observer." + i + "." + o.getClass().getSimpleName();
    }

    /** The checks before a step; false (with the reason set) when this member stops here. */
    boolean mayStep() {
      if (rules.tolerance() > 0 && iterate.loss() <= tolLoss) {
        why = Termination.CONVERGED;
      } else if (t >= rules.maxIterations()) {
        why = Termination.MAX_ITERATIONS;
      } else if (solveNanos >= limitNanos) {
        why = Termination.TIME_LIMIT;
      } else if (StopRequest.isRequested()) {
        why = Termination.INTERRUPTED;
      }
      return why == null;
    }

    /** The checks after a step that took {@code took} ns; false when this member stops here. */
    boolean stepped(long took) {
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
        return false;
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
        if (notify(t, solveNanos)) {
          why = Termination.EARLY_STOPPED;
        }
      }
      if (why == null && checkpointer != null && t % checkpointer.every() == 0) {
        checkpointer.save(snapshot(null), t, false);
      }
      return why == null;
    }

    SolveResult finish() {
      if (checkpointer != null && why == Termination.INTERRUPTED) {
        // taken before the observers see this off-cadence iteration: the snapshot continues the run
        checkpointer.save(snapshot(null), t, false);
      }
      if (why != Termination.DIVERGED && lastObserved != t) {
        lastObserved = t;
        notify(t, solveNanos);
      }
      if (checkpointer != null && why != Termination.DIVERGED && why != Termination.INTERRUPTED) {
        checkpointer.save(snapshot(why), t, true); // resuming it reproduces this end
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

    private boolean notify(int iteration, long nanos) {
      boolean stop = false;
      for (Observer o : observers) {
        o.observe(iteration, iterate, nanos);
        stop |= o.stopRequested();
      }
      return stop;
    }
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
      case INTERRUPTED -> String.format(Locale.ROOT, "interrupted at iteration %d", t);
      case DIVERGED -> String.format(Locale.ROOT, "diverged from initial loss %.3e", initial);
    };
  }
}
