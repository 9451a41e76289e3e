package io.lowrank.experiment.run;

import io.lowrank.diagnostics.Columns;
import io.lowrank.diagnostics.History;
import io.lowrank.diagnostics.PhaseBoundaries;
import io.lowrank.diagnostics.Stages;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.solver.SolveResult;
import io.lowrank.solver.Termination;
import java.util.Map;

/**
 * The outcome of one {@link RunSpec}: why it stopped, the trace, the final factors, what early
 * stopping chose, the detected phases and the timings.
 *
 * @param spec the resolved spec that was run (data-dependent defaults such as the width filled in)
 * @param solve the Driver's result (termination, iterations, losses, solve time)
 * @param history the recorded trace
 * @param factors the final factors, or null when the run diverged
 * @param earlyStop what validation early stopping saw, or null when the run did not stop early
 * @param phases the detected phases (ground-truth detector when the signal/noise probes ran, else
 *     the data-only one when the spectral probes ran), or null
 * @param stages the stages of incremental learning (when the singular values of U were recorded on a
 *     symmetric model), or null
 * @param spectralTruthAngle sine of the largest angle between the top-r eigenspace of A*(y) and
 *     col(X) (symmetric problems with a ground truth), else NaN
 * @param stepSize the step size mu in use
 * @param sources files read and their SHA-256 (instances, ratings, given starts)
 * @param setupSeconds time to make the start and the solver (the shared problem excluded)
 * @param wallSeconds wall time of the run (for a batch member: an equal share of the batch)
 */
public record RunResult(RunSpec spec, SolveResult solve, History history, Factors factors, EarlyStop earlyStop,
    PhaseBoundaries phases, Stages stages, double spectralTruthAngle, double stepSize, Map<String, String> sources,
    double setupSeconds, double wallSeconds) {

  /** True when the run diverged. */
  public boolean diverged() {
    return solve.termination() == Termination.DIVERGED;
  }

  /** The last recorded value of a history column ({@link Columns}). */
  public double last(String column) {
    return history.last(column);
  }

  /** The first recorded iteration where {@code column} is at most {@code threshold}, or -1. */
  public int firstIterationBelow(String column, double threshold) {
    double[] t = history.column(Columns.ITERATION);
    double[] v = history.column(column);
    for (int i = 0; i < v.length; i++) {
      if (v[i] <= threshold) {
        return (int) t[i];
      }
    }
    return -1;
  }

  /** The run's identifier ({@link RunSpec#id()}). */
  public String id() {
    return spec.id();
  }
}
