package io.lowrank.experiment.spec;

/**
 * When a run stops (the Driver's rules, docs/math.md, "Stopping").
 *
 * @param iterations iteration budget (default 2000; 5000 for ratings)
 * @param tolerance CONVERGED once ||A(UU^T) - y|| / ||y|| ≤ tolerance; 0 disables (default 1e-10;
 *     0 for ratings, where early stopping decides)
 * @param timeLimit seconds of solve time, or null for none
 * @param targetError stop (EARLY_STOPPED) once the recorded test error is below this; needs a ground
 *     truth; null for none
 * @param earlyStopping validation early stopping on held-out data, or null for none (ratings: on by
 *     default)
 */
public record StopSpec(Integer iterations, Double tolerance, Double timeLimit, Double targetError,
    EarlyStopping earlyStopping) {
  public static final int DEFAULT_ITERATIONS = 2000;
  public static final int DEFAULT_RATINGS_ITERATIONS = 5000;
  public static final double DEFAULT_TOLERANCE = 1e-10;

  /** The early stopping in force: null when there is none or it is switched off ({@code hold_out: 0}). */
  public EarlyStopping validation() {
    return earlyStopping == null || earlyStopping.isOff() ? null : earlyStopping;
  }

  public StopSpec {
    if (iterations != null) {
      Valid.intRange(iterations, 0, Integer.MAX_VALUE - 1, "iterations", "an integer >= 0");
    }
    if (tolerance != null) {
      Valid.require(tolerance >= 0 && tolerance < 1, "tolerance", SpecException.show(tolerance)
          + " is invalid; accepted: 0 <= tolerance < 1 (0 disables it)");
    }
    if (timeLimit != null) {
      Valid.range(timeLimit, 1e-6, 1e9, "time_limit", "a number of seconds > 0, e.g. 60");
    }
    if (targetError != null) {
      Valid.range(targetError, Double.MIN_NORMAL, 1e3, "target_error", "a relative test error > 0, e.g. 1e-8");
    }
  }

  /** No rules given: every default. */
  public static StopSpec defaults() {
    return new StopSpec(null, null, null, null, null);
  }

  /**
   * Hold out a fraction of the measurements (sensing) or entries (completion, ratings), keep the
   * iterate with the smallest validation error, and stop once it has not improved by a relative
   * {@code min_improvement} for {@code patience} iterations (docs/math.md, "Rank-free recovery").
   *
   * @param holdOut held-out fraction in (0, 1) (default 0.1; seed stream SPLIT)
   * @param patience iterations without progress before stopping (default 200)
   * @param every validation cadence in iterations (default 5); a multiple of record.every
   * @param minImprovement relative decrease that counts as progress (default 1e-4)
   * @param halt stop the run when patience runs out (default true); false only records where it
   *     would have stopped and which iterate it would have chosen
   */
  public record EarlyStopping(Double holdOut, Integer patience, Integer every, Double minImprovement, Boolean halt) {
    public static final double DEFAULT_HOLD_OUT = 0.1;
    public static final int DEFAULT_PATIENCE = 200;
    public static final int DEFAULT_EVERY = 5;
    public static final double DEFAULT_MIN_IMPROVEMENT = 1e-4;

    public EarlyStopping {
      if (holdOut != null && holdOut != 0.0) {
        Valid.require(holdOut > 0 && holdOut < 1, "hold_out", SpecException.show(holdOut) + " is invalid; accepted: "
            + "0 <= hold_out < 1, e.g. 0.1 (0: no hold-out and no early stopping, every entry is fitted)");
      }
      if (patience != null) {
        Valid.intRange(patience, 1, Integer.MAX_VALUE - 1, "patience", "an integer >= 1");
      }
      if (every != null) {
        Valid.intRange(every, 1, Integer.MAX_VALUE - 1, "every", "an integer >= 1");
      }
      if (minImprovement != null) {
        Valid.range(minImprovement, 0.0, 0.999, "min_improvement", "0 <= min_improvement < 1, e.g. 1e-4");
      }
    }

    /** Early stopping switched off: no hold-out, every entry fitted ({@code hold_out: 0}). */
    public static EarlyStopping off() {
      return new EarlyStopping(0.0, null, null, null, null);
    }

    /** True for {@code hold_out: 0}: no hold-out and no early stopping. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isOff() {
      return holdOut != null && holdOut == 0.0;
    }

    /** Every default. */
    public static EarlyStopping defaults() {
      return new EarlyStopping(null, null, null, null, null);
    }

    EarlyStopping resolved() {
      if (isOff()) {
        return off();
      }
      return new EarlyStopping(Valid.or(holdOut, DEFAULT_HOLD_OUT), Valid.or(patience, DEFAULT_PATIENCE),
          Valid.or(every, DEFAULT_EVERY), Valid.or(minImprovement, DEFAULT_MIN_IMPROVEMENT), Valid.or(halt, true));
    }
  }
}
