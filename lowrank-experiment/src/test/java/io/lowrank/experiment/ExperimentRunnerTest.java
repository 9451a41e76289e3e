package io.lowrank.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowrank.diagnostics.PhaseBoundaries;
import io.lowrank.diagnostics.PhaseDetector;
import io.lowrank.diagnostics.PhaseThresholds;
import io.lowrank.model.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExperimentRunnerTest {
  private static RunSpec spec(double alpha, long seed) {
    return new RunSpec(20, 2, 2.0, 400, 0.0, seed, 20, alpha, 150, 1, true, 0.0);
  }

  @Test
  void resultsDoNotDependOnTheThreadCount() {
    List<RunSpec> specs = new ArrayList<>();
    for (long s = 1; s <= 3; s++) {
      specs.add(spec(1e-3, s));
      specs.add(spec(1e-5, s));
    }
    Map<RunSpec, RunResult> one = new ExperimentRunner(1, PhaseThresholds.defaults()).runAll(specs, ProgressListener.none());
    Map<RunSpec, RunResult> three = new ExperimentRunner(3, PhaseThresholds.defaults()).runAll(specs, ProgressListener.none());
    assertThat(three.keySet()).containsExactlyElementsOf(one.keySet());
    for (RunSpec s : specs) {
      for (String col : List.of("loss", "test_error", "signal", "power_distance")) {
        assertThat(three.get(s).history().column(col)).as(s.id() + " " + col).isEqualTo(one.get(s).history().column(col));
      }
      assertThat(three.get(s).phases()).isEqualTo(one.get(s).phases());
    }
  }

  @Test
  void duplicateSpecsRunOnceAndAlphaDoesNotResampleTheProblem() {
    RunSpec a = spec(1e-3, 1);
    Map<RunSpec, RunResult> r = new ExperimentRunner(2, PhaseThresholds.defaults()).runAll(List.of(a, a, a.withAlpha(1e-5)),
        ProgressListener.none());
    assertThat(r).hasSize(2);
    // the loss at U = 0 limit: f(U0) -> ||y||^2/4 as alpha -> 0, identical data for both alphas
    double ref1 = r.get(a).history().get("loss", 0);
    double ref2 = r.get(a.withAlpha(1e-5)).history().get("loss", 0);
    assertThat(Math.abs(ref1 - ref2) / ref2).isLessThan(1e-4);
  }

  /** The data-only detector (sigma_r(U_t) against lambda_r(A*(y))) finds nearly the same T2 as the ground-truth one. */
  @Test
  void dataOnlyPhasesAgreeWithGroundTruthPhases() {
    RunSpec s = new RunSpec(40, 2, 2.0, 800, 0.0, 1, 40, 1e-6, 300, 1, true, 0.0);
    Problem p = s.problemKey().build();
    RunResult r = new ExperimentRunner(1, PhaseThresholds.defaults()).run(s, p);
    PhaseDetector d = new PhaseDetector(PhaseThresholds.defaults());
    PhaseBoundaries truth = d.groundTruth(r.history(), p.truth().orElseThrow());
    PhaseBoundaries data = d.dataOnly(r.history(), p.spectrum(), 2);
    assertThat(data.t1()).isEqualTo(truth.t1());
    assertThat(truth.ordered()).isTrue();
    assertThat(Math.abs(data.t2() - truth.t2())).isLessThanOrEqualTo(10);
    assertThat(data.rate()).isLessThan(1.0);
  }

  /** The largest-gap rank estimate of MATH.md §4 finds r when the spectrum is flat (kappa = 1) and well sampled. */
  @Test
  void largestGapEstimatesTheRankOfAWellConditionedProblem() {
    Problem p = new ProblemKey(40, 3, 1.0, 2400, 0.0, 2).build();
    assertThat(p.spectrum().estimateRank(10)).isEqualTo(3);
  }
}
