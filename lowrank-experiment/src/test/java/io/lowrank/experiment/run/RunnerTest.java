package io.lowrank.experiment.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowrank.diagnostics.Columns;
import io.lowrank.diagnostics.History;
import io.lowrank.diagnostics.PhaseBoundaries;
import io.lowrank.diagnostics.PhaseDetector;
import io.lowrank.diagnostics.PhaseThresholds;
import io.lowrank.experiment.spec.InitSpec;
import io.lowrank.experiment.spec.ProblemSpec;
import io.lowrank.experiment.spec.RecordSpec;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.spec.StopSpec;
import io.lowrank.model.Problem;
import io.lowrank.model.Spacing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Runner: thread-count independence, shared problems, batching, phases. */
class RunnerTest {
  /** Plain GD on planted GOE sensing (tolerance 0, seed {@code seed}). */
  static RunSpec goe(int n, int r, int m, long seed, int width, double alpha, int iterations, int recordEvery,
      boolean diagnostics, Double target) {
    return new RunSpec(new ProblemSpec.Goe(n, r, 2.0, Spacing.GEOMETRIC, m, null, 0.0),
        new InitSpec.SmallRandom(alpha, null), null, new StopSpec(iterations, 0.0, null, target, null),
        new RecordSpec(recordEvery, diagnostics ? RecordSpec.Probes.PHASES : RecordSpec.Probes.BASIC), width, seed,
        null, null);
  }

  private static RunSpec spec(double alpha, long seed) {
    return goe(20, 2, 400, seed, 20, alpha, 150, 1, true, null);
  }

  @Test
  void resultsDoNotDependOnTheNumberOfWorkers() {
    List<RunSpec> specs = new ArrayList<>();
    for (long s = 1; s <= 3; s++) {
      specs.add(spec(1e-3, s));
      specs.add(spec(1e-5, s));
    }
    Map<RunSpec, RunResult> one = new Runner(1).runAll(specs, ProgressListener.none());
    Map<RunSpec, RunResult> three = new Runner(3).runAll(specs, ProgressListener.none());
    assertThat(three.keySet()).containsExactlyElementsOf(one.keySet());
    for (RunSpec s : specs) {
      for (String col : List.of(Columns.LOSS, Columns.TEST_ERROR, Columns.SIGNAL, Columns.POWER_DISTANCE)) {
        assertThat(three.get(s).history().column(col)).as(s.id() + " " + col).isEqualTo(one.get(s).history().column(col));
      }
      assertThat(three.get(s).phases()).isEqualTo(one.get(s).phases());
    }
  }

  @Test
  void duplicateSpecsRunOnceAndAlphaDoesNotResampleTheProblem() {
    RunSpec a = spec(1e-3, 1);
    RunSpec b = a.withInit(new InitSpec.SmallRandom(1e-5, null));
    Map<RunSpec, RunResult> r = new Runner(2).runAll(List.of(a, a, b), ProgressListener.none());
    assertThat(r).hasSize(2);
    // f(U0) -> ||y||^2 / 4 as alpha -> 0: identical data for both alphas
    double ref1 = r.get(a).history().get(Columns.LOSS, 0);
    double ref2 = r.get(b).history().get(Columns.LOSS, 0);
    assertThat(Math.abs(ref1 - ref2) / ref2).isLessThan(1e-4);
  }

  /** The data-only detector (sigma_r(U_t) against lambda_r(A*(y))) finds nearly the same T2 as the ground-truth one. */
  @Test
  void dataOnlyPhasesAgreeWithGroundTruthPhases() {
    RunSpec s = goe(40, 2, 800, 1, 40, 1e-6, 300, 1, true, null);
    Runner runner = new Runner(1);
    RunResult r = runner.run(s);
    Problem p = runner.workloads().of(s).problem();
    PhaseDetector d = new PhaseDetector(PhaseThresholds.defaults());
    PhaseBoundaries truth = d.groundTruth(r.history(), p.truth().orElseThrow());
    PhaseBoundaries data = d.dataOnly(r.history(), p.spectrum(), 2);
    assertThat(r.phases()).isEqualTo(truth);
    assertThat(data.t1()).isEqualTo(truth.t1());
    assertThat(truth.ordered()).isTrue();
    assertThat(Math.abs(data.t2() - truth.t2())).isLessThanOrEqualTo(10);
    assertThat(data.rate()).isLessThan(1.0);
  }

  /** The largest-gap rank estimate finds r when the spectrum is flat (kappa = 1) and well sampled. */
  @Test
  void largestGapEstimatesTheRankOfAWellConditionedProblem() {
    RunSpec s = new RunSpec(new ProblemSpec.Goe(40, 3, 1.0, null, 2400, null, null), null, null, null, null, null, 2L,
        null, null);
    assertThat(new Workloads().of(s).problem().spectrum().estimateRank(10)).isEqualTo(3);
  }

  private static List<RunSpec> batchSpecs() {
    List<RunSpec> specs = new ArrayList<>();
    for (double alpha : new double[] {1e-2, 1e-3, 1e-4, 1e-5, 1e-6}) {
      specs.add(goe(16, 2, 300, 1, 16, alpha, 160, 4, true, null));
      specs.add(goe(16, 2, 300, 1, 4, alpha, 160, 4, false, 1e-2)); // stops early, at its own iteration
    }
    for (long seed = 2; seed <= 4; seed++) {
      specs.add(goe(16, 2, 300, seed, 16, 1e-3, 160, 4, true, null));
    }
    return specs;
  }

  @Test
  void batchesGroupSpecsThatDifferOnlyInTheirStart() {
    List<List<RunSpec>> batches = Runner.batches(batchSpecs());
    assertThat(batches).hasSize(5); // seed 1 x widths 16 and 4, seeds 2, 3, 4
    assertThat(batches.get(0)).hasSize(5);
    assertThat(batches.get(1)).hasSize(5);
    List<RunSpec> many = new ArrayList<>();
    for (int i = 0; i < 19; i++) {
      many.add(goe(16, 2, 300, 1, 16, Math.pow(10, -1 - 0.25 * i), 160, 4, false, null));
    }
    assertThat(Runner.batches(many)).extracting(List::size).containsExactly(8, 8, 3);
    RunSpec precgd = many.get(0).withMethod(new io.lowrank.experiment.spec.MethodSpec.PrecGd(null, null));
    assertThat(Runner.batches(List.of(precgd, precgd.withInit(new InitSpec.SmallRandom(1e-4, null)))))
        .as("only plain GD is batched").hasSize(2);
  }

  @Test
  void everyBatchedResultEqualsItsSingleRun() {
    Runner runner = new Runner(2);
    List<RunSpec> specs = batchSpecs();
    Map<RunSpec, RunResult> batched = runner.runAll(specs, ProgressListener.none());
    assertThat(batched.keySet()).containsExactlyElementsOf(specs);
    boolean someStoppedEarly = false;
    for (RunSpec s : specs) {
      RunResult single = runner.run(s);
      RunResult b = batched.get(s);
      assertThat(b.solve().termination()).as(s.id()).isEqualTo(single.solve().termination());
      assertThat(b.solve().iterations()).as(s.id()).isEqualTo(single.solve().iterations());
      assertThat(b.solve().finalLoss()).as(s.id()).isEqualTo(single.solve().finalLoss());
      assertThat(b.phases()).as(s.id()).isEqualTo(single.phases());
      assertThat(b.spectralTruthAngle()).as(s.id()).isEqualTo(single.spectralTruthAngle());
      assertThat(b.factors().left().data()).as(s.id()).isEqualTo(single.factors().left().data());
      History h = single.history();
      for (String column : h.columns()) {
        if (!Columns.TIMING.contains(column)) {
          assertThat(b.history().column(column)).as(s.id() + " " + column).isEqualTo(h.column(column));
        }
      }
      someStoppedEarly |= single.solve().iterations() < s.stop().iterations();
    }
    assertThat(someStoppedEarly).as("a member left its batch early").isTrue();
  }

  /** Threads inside one run (the fused operator pass) change nothing either. */
  @Test
  void threadsOfOneRunGiveTheSameTrajectory() {
    RunSpec s = goe(24, 2, 600, 5, 24, 1e-4, 120, 3, false, null);
    RunResult one = new Runner(1).run(s);
    RunResult two = new Runner(1).run(s.withThreads(2));
    assertThat(two.history().column(Columns.TEST_ERROR)).isEqualTo(one.history().column(Columns.TEST_ERROR));
    assertThat(two.factors().left().data()).isEqualTo(one.factors().left().data());
  }
}
