package io.lowrank.diagnostics;

import java.util.List;

/**
 * The stages of incremental (saddle-to-saddle) learning found in a trace (docs/math.md §7): GD from
 * a small start learns the components of M* one at a time, with the loss on a plateau between
 * them (Jin, Li, Lyu, Du, Lee, ICML 2023).
 *
 * @param times t_k for k = 1..r: the first recorded iteration with sigma_k(U_t)^2 at least half its
 *     target (the k-th eigenvalue of M*, or of A*(y) without a ground truth); -1 when not reached
 * @param targets the targets sigma_k(M*) (or lambda_k(A*(y))), descending
 * @param plateaus for k = 1..r-1, the loss plateau between stage k and stage k+1 (empty when either
 *     stage was not reached)
 */
public record Stages(int[] times, double[] targets, List<Plateau> plateaus) {

  /**
   * A loss plateau: the recorded iterations between two stages whose loss stays within a factor
   * 1.5 of its level, the loss midway (in recorded rows) between the two stages.
   *
   * @param after the stage it follows (1-based)
   * @param from first iteration of the plateau
   * @param to last iteration of the plateau
   * @param loss its level
   */
  public record Plateau(int after, int from, int to, double loss) {
    /** The plateau's length in iterations. */
    public int length() {
      return to - from;
    }
  }

  /** True when every stage was reached, in strictly increasing order. */
  public boolean ordered() {
    for (int k = 0; k < times.length; k++) {
      if (times[k] < 0 || (k > 0 && times[k] <= times[k - 1])) {
        return false;
      }
    }
    return times.length > 0;
  }

  /** t_{k+1} - t_k for k = 1..r-1 (NaN where a stage is missing). */
  public double[] gaps() {
    double[] g = new double[Math.max(0, times.length - 1)];
    for (int k = 0; k < g.length; k++) {
      g[k] = times[k] < 0 || times[k + 1] < 0 ? Double.NaN : times[k + 1] - times[k];
    }
    return g;
  }
}
