package io.lowrank.testkit;

import io.lowrank.model.GroundTruthSpec;
import io.lowrank.model.Problem;
import io.lowrank.operator.Precision;

/** Planted sensing instances for tests, seeded per concern as the CLI does. */
public final class PlantedProblems {
  private PlantedProblems() {}

  /** GOE sensing of a rank-r, condition-kappa M* with m measurements and noise sigma. */
  public static Problem sensing(int n, int r, double kappa, int m, double sigma, long seed) {
    return Problem.plantedSensing(GroundTruthSpec.of(n, r, kappa), m, sigma, seed, Precision.FLOAT64);
  }

  /** The S&S default: kappa = 2, noise-free, m = oversampling * n * r. */
  public static Problem sensing(int n, int r, int oversampling, long seed) {
    return sensing(n, r, 2.0, oversampling * n * r, 0.0, seed);
  }
}
