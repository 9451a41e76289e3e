package io.lowrank.experiment.spec;

/**
 * How observed values are centred before the low-rank model is fitted; predictions add the
 * baseline back: prediction(i, j) = baseline(i, j) + (L R^T)_ij.
 */
public enum Centring {
  /** baseline = 0: the low-rank model fits the raw values. */
  NONE,
  /** baseline = mu, the mean of the training values. */
  MEAN,
  /**
   * baseline = mu + b_i + c_j, the usual ratings baseline: row and column biases fitted to the
   * training values by regularised alternating least squares (Koren 2008, "Factorization meets
   * the neighborhood", §2.1), b_i = sum_j (v_ij - mu - c_j) / (lambda + n_i), and likewise c_j.
   */
  BIASES
}
