package io.lowrank.experiment.completion;

/** What {@link CompletionModel} does with a row or column id it never saw in training. */
public enum ColdStart {
  /** Refuse: {@link UnknownIdException}. */
  ERROR,
  /** Leave the pair out: a NaN prediction, no recommendations. */
  SKIP,
  /** Predict from what is known: mu + b_i (if the row is known) + c_j (if the column is known). */
  BIAS_ONLY
}
