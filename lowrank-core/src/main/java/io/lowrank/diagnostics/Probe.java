package io.lowrank.diagnostics;

import io.lowrank.solver.Iterate;
import java.util.List;

/**
 * A group of named diagnostics measured together at the recording cadence (one SVD may serve
 * several columns). Probes may keep preallocated workspace; they must not modify the iterate.
 */
public interface Probe {

  /** The column names, in the order of {@link #measure}'s output. */
  List<String> columns();

  /** Writes one value per column into {@code out[offset ...]}. NaN means "not defined here". */
  void measure(int iteration, Iterate state, long solveNanos, double[] out, int offset);
}
