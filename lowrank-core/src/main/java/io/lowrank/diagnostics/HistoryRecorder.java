package io.lowrank.diagnostics;

import io.lowrank.solver.Iterate;
import io.lowrank.solver.Observer;
import java.util.ArrayList;
import java.util.List;

/** An observer that evaluates probes at the recording cadence and appends them to a {@link History}. */
public final class HistoryRecorder implements Observer {
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

  /** The recorded trace so far. */
  public History history() {
    return history;
  }
}
