package io.lowrank.model;

/** How the singular values s_1 = 1 >= ... >= s_r = 1/sqrt(kappa) of the factor X are spaced. */
public enum Spacing {
  /** s_k = kappa^(-(k-1) / (2 (r-1))): equal ratios. */
  GEOMETRIC,
  /** s_k = 1 - (k-1)/(r-1) (1 - 1/sqrt(kappa)): equal differences. */
  LINEAR
}
