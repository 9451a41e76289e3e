package io.lowrank.experiment;

import io.lowrank.diagnostics.History;
import io.lowrank.diagnostics.PhaseBoundaries;
import io.lowrank.solver.SolveResult;

/**
 * The outcome of one {@link RunSpec}.
 *
 * @param spec what was run
 * @param history the recorded trace
 * @param solve the driver's result
 * @param phases detected phases (ground-truth variant), or null without diagnostics
 * @param spectralTruthAngle sine of the largest angle between the top-r eigenspace of A*(y) and col(X)
 * @param wallSeconds wall time of the run including diagnostics
 */
public record RunResult(RunSpec spec, History history, SolveResult solve, PhaseBoundaries phases,
    double spectralTruthAngle, double wallSeconds) {

  /** The last recorded value of a history column. */
  public double last(String column) {
    return history.last(column);
  }

  /** The first recorded iteration where {@code column} is at most {@code threshold}, or -1. */
  public int firstIterationBelow(String column, double threshold) {
    double[] t = history.column(History.ITERATION);
    double[] v = history.column(column);
    for (int i = 0; i < v.length; i++) {
      if (v[i] <= threshold) {
        return (int) t[i];
      }
    }
    return -1;
  }
}
