package io.lowrank.bench;

import io.lowrank.init.SmallRandomInit;
import io.lowrank.linalg.Mat;
import io.lowrank.model.GroundTruth;
import io.lowrank.model.GroundTruthSpec;
import io.lowrank.model.Problem;
import io.lowrank.operator.Precision;
import io.lowrank.operator.SymmetricGaussianSensing;
import io.lowrank.parallel.Parallelism;
import io.lowrank.random.Seeds;
import io.lowrank.solver.BatchIterate;
import io.lowrank.solver.BatchedGradientDescent;
import io.lowrank.solver.GradientDescent;
import io.lowrank.solver.Iterate;
import io.lowrank.solver.StepRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark problem shared by the JMH suite and {@link IterationTiming}: dense GOE sensing
 * (docs/math.md §2) with r = 5, kappa = 2, noise-free, small random initialisation alpha = 1e-3, default
 * step rule, so that GD is stable for as long as a benchmark runs.
 */
final class SensingSetup {
  static final int RANK = 5;
  static final double KAPPA = 2.0;
  static final double ALPHA = 1e-3;

  private SensingSetup() {}

  /** The problem, its operator evaluated on {@code parallelism}. */
  static Problem problem(int n, int m, Precision precision, Parallelism parallelism, long seed) {
    GroundTruth truth = GroundTruth.generate(GroundTruthSpec.of(n, Math.min(RANK, n), KAPPA),
        Seeds.derive(seed, Seeds.Stream.TRUTH));
    SymmetricGaussianSensing op = SymmetricGaussianSensing
        .generate(n, m, Seeds.derive(seed, Seeds.Stream.OPERATOR), precision).withParallelism(parallelism);
    Problem p = Problem.sense(op, truth, 0.0, Seeds.derive(seed, Seeds.Stream.NOISE));
    p.spectrum();
    return p;
  }

  /** K = 1: an ordinary GD iterate as a batch of one; K > 1: batched GD over K seeds of U_0. */
  static BatchIterate start(Problem p, int width, int members) {
    if (members == 1) {
      Iterate it = GradientDescent.plain(StepRule.defaultRule()).start(p, SmallRandomInit.draw(p.n(), width, ALPHA, 1));
      return BatchIterate.of(it);
    }
    List<Mat> starts = new ArrayList<>();
    for (int k = 0; k < members; k++) {
      starts.add(SmallRandomInit.draw(p.n(), width, ALPHA, 1 + k));
    }
    return new BatchedGradientDescent(StepRule.defaultRule()).start(p, starts);
  }
}
