package io.lowrank.diagnostics;

/**
 * The three phases found in a trace (docs/math.md §7). Iteration boundaries are -1 when not reached.
 *
 * @param t1 end of Phase I (spectral): first t where GD leaves the power-method regime
 * @param t2 end of Phase II (signal growth): first t where the signal reaches its threshold
 * @param rate Phase III linear rate: the fitted per-iteration contraction factor of the error
 *     (e.g. 0.9 = 10 % per iteration); NaN when fewer than 3 points lie above the floor
 * @param floor the error floor: median error over the final window of the trace (at most the final
 *     error), once the error has flattened there (see {@link PhaseThresholds#floorFlatness()}); NaN
 *     ("not reached") before
 * @param alignmentAtT1 spectral-alignment angle (sine) at T1, NaN when unknown
 * @param truthAngleAtT1 angle (sine) between the top-r subspace of U_T1 and col(X); NaN without truth
 */
public record PhaseBoundaries(int t1, int t2, double rate, double floor, double alignmentAtT1, double truthAngleAtT1) {

  /** True when the error had flattened to a floor within the trace. */
  public boolean floorReached() {
    return !Double.isNaN(floor);
  }

  /** True when T1 &lt; T2 were both found. */
  public boolean ordered() {
    return t1 >= 0 && t2 > t1;
  }
}
