package io.lowrank.experiment;

import io.lowrank.model.GroundTruthSpec;
import io.lowrank.model.Problem;
import io.lowrank.operator.Precision;

/** Identifies a synthetic sensing problem; {@link #build()} makes it from the per-concern seeds. */
public record ProblemKey(int n, int r, double kappa, int m, double sigma, long seed) {

  /** Ground truth, operator and noisy data, each from its own stream of {@code seed}. */
  public Problem build() {
    return Problem.plantedSensing(GroundTruthSpec.of(n, r, kappa), m, sigma, seed, Precision.FLOAT64);
  }
}
