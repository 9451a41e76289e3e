package io.lowrank.experiment;

import io.lowrank.model.GroundTruth;
import io.lowrank.model.GroundTruthSpec;
import io.lowrank.model.Problem;
import io.lowrank.operator.SymmetricGaussianSensing;
import io.lowrank.random.Seeds;

/** Identifies a synthetic sensing problem; {@link #build()} makes it from the per-concern seeds. */
public record ProblemKey(int n, int r, double kappa, int m, double sigma, long seed) {

  /** Ground truth, operator and noisy data, each from its own stream of {@code seed}. */
  public Problem build() {
    GroundTruth truth = GroundTruth.generate(GroundTruthSpec.of(n, r, kappa), Seeds.derive(seed, Seeds.Stream.TRUTH));
    SymmetricGaussianSensing op = SymmetricGaussianSensing.generate(n, m, Seeds.derive(seed, Seeds.Stream.OPERATOR));
    return Problem.sense(op, truth, sigma, Seeds.derive(seed, Seeds.Stream.NOISE));
  }
}
