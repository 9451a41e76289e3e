package io.lowrank.diagnostics;

import io.lowrank.solver.Iterate;
import io.lowrank.solver.Observer;
import io.lowrank.solver.Snapshot;
import io.lowrank.solver.Stateful;
import java.util.ArrayList;
import java.util.List;

/** An observer that evaluates probes at the recording cadence and appends them to a {@link History}. */
public final class HistoryRecorder implements Observer, Stateful {
  private final List<Probe> probes;
  private final History history;
  private final double[] row;

  public HistoryRecorder(List<? extends Probe> probes) {
    this.probes = List.copyOf(probes);
    List<String> names = new ArrayList<>();
    for (Probe p : this.probes) {
      names.addAll(p.columns());
    }
    this.history = new History(names);
    this.row = new double[names.size() + 1];
  }

  @Override
  public void observe(int iteration, Iterate state, long solveNanos) {
    row[0] = iteration;
    int offset = 1;
    for (Probe p : probes) {
      p.measure(iteration, state, solveNanos, row, offset);
      offset += p.columns().size();
    }
    history.append(row);
  }

  /** Saves the rows recorded so far (row-major) and their width. */
  @Override
  public void saveState(Snapshot out, String prefix) {
    int w = history.columns().size();
    double[] rows = new double[history.size() * w];
    for (int c = 0; c < w; c++) {
      double[] col = history.column(history.columns().get(c));
      for (int i = 0; i < col.length; i++) {
        rows[i * w + c] = col[i];
      }
    }
    out.put(prefix + ".width", w);
    out.put(prefix + ".rows", rows);
  }

  /** Replaces the trace by the saved rows. */
  @Override
  public void restoreState(Snapshot in, String prefix) {
    int w = history.columns().size();
    if (in.integer(prefix + ".width") != w) {
      throw new IllegalArgumentException("the checkpoint's history has " + in.integer(prefix + ".width")
          + " columns, this run records " + w);
    }
    double[] rows = in.get(prefix + ".rows");
    if (rows.length % w != 0) {
      throw new IllegalArgumentException("the checkpoint's history is not a whole number of rows");
    }
    history.clear();
    double[] one = new double[w];
    for (int i = 0; i < rows.length / w; i++) {
      System.arraycopy(rows, i * w, one, 0, w);
      history.append(one);
    }
  }

  /** The recorded trace so far. */
  public History history() {
    return history;
  }
}
