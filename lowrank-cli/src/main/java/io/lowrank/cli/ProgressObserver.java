package io.lowrank.cli;

import io.lowrank.solver.Iterate;
import io.lowrank.solver.Observer;
import io.lowrank.solver.SolveResult;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;

/**
 * Progress of a long run on stderr. On a terminal ({@code Terminal.interactive()}) a progress
 * bar appears once the run has taken more than {@link #QUIET_NANOS}; otherwise (pipes, files,
 * tests) a plain line is printed at most every {@link #LINE_NANOS}, so short runs print nothing.
 * It sees the iterations the {@link io.lowrank.solver.Driver} reports at the recording cadence.
 */
final class ProgressObserver implements Observer {
  static final long QUIET_NANOS = 1_000_000_000L;
  static final long LINE_NANOS = 10_000_000_000L;
  private static final int BAR_WIDTH = 100;

  private final String task;
  private final int maxIterations;
  private final boolean interactive;
  private final PrintWriter err;
  private long started;
  private long lastLine;
  private ProgressBar bar;

  ProgressObserver(String task, int maxIterations, boolean interactive, PrintWriter err) {
    this.task = task;
    this.maxIterations = maxIterations;
    this.interactive = interactive;
    this.err = err;
  }

  /** A bar on terminals, occasional lines elsewhere. */
  static ProgressObserver forConsole(String task, int maxIterations, PrintWriter err) {
    return new ProgressObserver(task, maxIterations, Terminal.interactive(), err);
  }

  @Override
  public void observe(int iteration, Iterate state, long solveNanos) {
    long now = System.nanoTime();
    if (started == 0) {
      started = now;
      lastLine = now;
      return;
    }
    if (now - started < QUIET_NANOS) {
      return;
    }
    double residual = Math.sqrt(state.loss() / state.referenceLoss());
    if (interactive) {
      if (bar == null) {
        bar = Terminal.bar(task, maxIterations, BAR_WIDTH).build();
      }
      bar.stepTo(iteration);
      bar.setExtraMessage(String.format(Locale.ROOT, "residual %.2e", residual));
    } else if (now - lastLine >= LINE_NANOS) {
      lastLine = now;
      err.printf(Locale.ROOT, "%s: iteration %d of %d, relative residual %.3e, %.0f s%n", task, iteration,
          maxIterations, residual, (now - started) * 1e-9);
      err.flush();
    }
  }

  @Override
  public void finish(SolveResult result) {
    if (bar != null) {
      bar.stepTo(result.iterations());
      bar.close();
      bar = null;
    }
  }
}
