package io.lowrank.cli;

import io.lowrank.experiment.run.ProgressListener;
import io.lowrank.experiment.spec.RunSpec;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Progress over the runs of an experiment, on stderr: a progress bar with ETA on a terminal, and
 * plain lines (at every 10 % of the runs) otherwise.
 */
final class RunProgress implements ProgressListener, AutoCloseable {
  private final String task;
  private final int total;
  private final PrintWriter err;
  private final ProgressBar bar;
  private final long started = System.nanoTime();
  private int lastDecile;

  RunProgress(String task, int total, boolean interactive, PrintWriter err) {
    this.task = task;
    this.total = total;
    this.err = err;
    this.bar = interactive
        ? new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" runs", 1)
            .setConsumer(new ConsoleProgressBarConsumer(System.err, 100)).setUpdateIntervalMillis(250).build()
        : null;
    if (!interactive) {
      err.printf(Locale.ROOT, "%s: %d runs%n", task, total);
      err.flush();
    }
  }

  @Override
  public void completed(int done, int totalRuns, RunSpec spec) {
    if (bar != null) {
      bar.stepTo(done);
      return;
    }
    int decile = (int) (10L * done / Math.max(1, totalRuns));
    if (decile > lastDecile) {
      lastDecile = decile;
      double elapsed = (System.nanoTime() - started) * 1e-9;
      double eta = done == 0 ? Double.NaN : elapsed * (totalRuns - done) / done;
      err.printf(Locale.ROOT, "%s: %d/%d runs (%d%%), %.0f s elapsed, about %.0f s left%n", task, done, totalRuns,
          100 * done / totalRuns, elapsed, eta);
      err.flush();
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.stepTo(total);
      bar.close();
    }
  }
}
