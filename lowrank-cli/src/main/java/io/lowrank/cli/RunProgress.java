package io.lowrank.cli;

import io.lowrank.experiment.job.ResumableRuns;
import io.lowrank.experiment.spec.RunSpec;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;

/**
 * Progress over the runs of an experiment, on stderr: a progress bar with ETA on a terminal, and
 * plain lines (at every 10 % of the runs) otherwise; nothing until the first progress, so a job
 * refused before it starts prints only its error.
 */
final class RunProgress implements ResumableRuns.Listener, AutoCloseable {
  private final String task;
  private final int total;
  private final PrintWriter err;
  private final boolean interactive;
  private ProgressBar bar;
  private final long started = System.nanoTime();
  private int lastDecile;
  private int loaded;
  private boolean started0;

  RunProgress(String task, int total, boolean interactive, PrintWriter err) {
    this.task = task;
    this.total = total;
    this.err = err;
    this.interactive = interactive;
  }

  /** The plain header line, once, before the first progress (not before: a job may still be refused). */
  private void header() {
    if (started0) {
      return;
    }
    started0 = true;
    if (interactive) {
      bar = Terminal.bar(task, total, 100).setUnit(" runs", 1).build();
    } else {
      err.printf(Locale.ROOT, "%s: %d runs%n", task, total);
      err.flush();
    }
  }

  @Override
  public void resumed(int loadedRuns, int totalRuns) {
    header();
    this.loaded = loadedRuns;
    if (loadedRuns == 0) {
      return;
    }
    if (bar != null) {
      bar.stepTo(loadedRuns);
    }
    err.printf(Locale.ROOT, "%s: resuming: %d of %d runs were complete and are not run again%n", task, loadedRuns,
        totalRuns);
    err.flush();
    lastDecile = (int) (10L * loadedRuns / Math.max(1, totalRuns));
  }

  @Override
  public void completed(int done, int totalRuns, RunSpec spec) {
    header();
    if (bar != null) {
      bar.stepTo(done);
      return;
    }
    int decile = (int) (10L * done / Math.max(1, totalRuns));
    if (decile > lastDecile) {
      lastDecile = decile;
      double elapsed = (System.nanoTime() - started) * 1e-9;
      double eta = done <= loaded ? Double.NaN : elapsed * (totalRuns - done) / (done - loaded);
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
