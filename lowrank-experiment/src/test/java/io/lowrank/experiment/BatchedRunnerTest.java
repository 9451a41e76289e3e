package io.lowrank.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowrank.diagnostics.History;
import io.lowrank.diagnostics.PhaseThresholds;
import io.lowrank.model.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runner batches specs that share a problem; every RunResult equals the unbatched one. */
class BatchedRunnerTest {
  private static RunSpec spec(double alpha, long seed, int width, boolean diagnostics, double stopBelow) {
    return new RunSpec(16, 2, 2.0, 300, 0.0, seed, width, alpha, 160, 4, diagnostics, stopBelow);
  }

  private static List<RunSpec> specs() {
    List<RunSpec> specs = new ArrayList<>();
    for (double alpha : new double[] {1e-2, 1e-3, 1e-4, 1e-5, 1e-6}) {
      specs.add(spec(alpha, 1, 16, true, 0.0));
      specs.add(spec(alpha, 1, 4, false, 1e-2)); // stops early, at its own iteration
    }
    for (long seed = 2; seed <= 4; seed++) {
      specs.add(spec(1e-3, seed, 16, true, 0.0));
    }
    return specs;
  }

  @Test
  void batchesShareProblemWidthBudgetAndCadence() {
    List<List<RunSpec>> batches = ExperimentRunner.batches(specs());
    assertThat(batches).hasSize(5); // seed 1 x widths 16 and 4, seeds 2, 3, 4
    assertThat(batches.get(0)).hasSize(5);
    assertThat(batches.get(1)).hasSize(5);
    List<RunSpec> many = new ArrayList<>();
    for (int i = 0; i < 19; i++) {
      many.add(spec(Math.pow(10, -1 - 0.25 * i), 1, 16, false, 0.0));
    }
    assertThat(ExperimentRunner.batches(many)).extracting(List::size).containsExactly(8, 8, 3);
  }

  @Test
  void everyResultEqualsItsUnbatchedRun() {
    ExperimentRunner runner = new ExperimentRunner(2, PhaseThresholds.defaults());
    List<RunSpec> specs = specs();
    Map<RunSpec, RunResult> batched = runner.runAll(specs, ProgressListener.none());
    assertThat(batched.keySet()).containsExactlyElementsOf(specs);
    boolean someStoppedEarly = false;
    for (RunSpec s : specs) {
      Problem p = s.problemKey().build();
      RunResult single = runner.run(s, p);
      RunResult b = batched.get(s);
      assertThat(b.solve().termination()).as(s.id()).isEqualTo(single.solve().termination());
      assertThat(b.solve().iterations()).as(s.id()).isEqualTo(single.solve().iterations());
      assertThat(b.solve().finalLoss()).as(s.id()).isEqualTo(single.solve().finalLoss());
      assertThat(b.phases()).as(s.id()).isEqualTo(single.phases());
      assertThat(b.spectralTruthAngle()).as(s.id()).isEqualTo(single.spectralTruthAngle());
      History h = single.history();
      for (String column : h.columns()) {
        if (!column.equals("elapsed_s")) {
          assertThat(b.history().column(column)).as(s.id() + " " + column).isEqualTo(h.column(column));
        }
      }
      someStoppedEarly |= single.solve().iterations() < s.maxIterations();
    }
    assertThat(someStoppedEarly).as("a member left its batch early").isTrue();
  }

  @Test
  void aBatchRefusesSpecsOnDifferentProblems() {
    RunSpec a = spec(1e-3, 1, 16, false, 0.0);
    ExperimentRunner runner = new ExperimentRunner(1, PhaseThresholds.defaults());
    assertThatThrownBy(() -> runner.runBatch(List.of(a, a.withSeed(2)), a.problemKey().build()))
        .hasMessageContaining("a batch needs one problem");
  }
}
