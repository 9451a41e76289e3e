package io.lowrank.cli;

import io.lowrank.experiment.run.ValidationWatcher;
import io.lowrank.solver.SolveResult;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;

/**
 * Progress of an early-stopped fit on stderr, counted against patience (a fit ends when the
 * validation error has not improved for {@code patience} iterations, usually long before the
 * iteration budget): on a terminal a bar of "iterations since the last improvement / patience" with
 * the validation RMSE, elsewhere a plain line at most every {@link ProgressObserver#LINE_NANOS}.
 * Silent for fits shorter than {@link ProgressObserver#QUIET_NANOS}.
 */
final class CompletionProgress implements ValidationWatcher {
  private static final int BAR_WIDTH = 100;

  private final String task;
  private final int budget;
  private final boolean interactive;
  private final PrintWriter err;
  private long started;
  private long lastLine;
  private ProgressBar bar;

  CompletionProgress(String task, int budget, boolean interactive, PrintWriter err) {
    this.task = task;
    this.budget = budget;
    this.interactive = interactive;
    this.err = err;
  }

  static CompletionProgress forConsole(String task, int budget, PrintWriter err) {
    return new CompletionProgress(task, budget, Terminal.interactive(), err);
  }

  @Override
  public void validated(int iteration, double validationMse, int bestIteration, int sinceImprovement, int patience) {
    long now = System.nanoTime();
    if (started == 0) {
      started = now;
      lastLine = now;
      return;
    }
    if (now - started < ProgressObserver.QUIET_NANOS) {
      return;
    }
    String state = String.format(Locale.ROOT, "iteration %d of at most %d, validation RMSE %.4f (best at %d)",
        iteration, budget, Math.sqrt(validationMse), bestIteration);
    if (interactive) {
      if (bar == null) {
        bar = Terminal.bar(task + " (patience)", patience, BAR_WIDTH).hideEta().build();
      }
      bar.stepTo(Math.min(sinceImprovement, patience));
      bar.setExtraMessage(state);
    } else if (now - lastLine >= ProgressObserver.LINE_NANOS) {
      lastLine = now;
      err.printf(Locale.ROOT, "%s: %s; no improvement for %d of %d iterations of patience, %.0f s%n", task, state,
          sinceImprovement, patience, (now - started) * 1e-9);
      err.flush();
    }
  }

  @Override
  public void finish(SolveResult result) {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
