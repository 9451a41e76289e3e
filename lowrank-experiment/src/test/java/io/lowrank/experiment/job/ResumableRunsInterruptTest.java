package io.lowrank.experiment.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowrank.experiment.engine.Engine;
import io.lowrank.experiment.output.RunStore;
import io.lowrank.experiment.run.ProgressListener;
import io.lowrank.experiment.run.RunResult;
import io.lowrank.experiment.run.Runner;
import io.lowrank.experiment.run.RunsInterruptedException;
import io.lowrank.experiment.run.Workload;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.spec.SpecFiles;
import io.lowrank.solver.Observer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job interrupted after a resume reports its progress over the whole job (the loaded runs count as
 * finished) and says its finished runs are stored, whatever the engine counted.
 */
class ResumableRunsInterruptTest {
  @TempDir
  Path dir;

  private static RunSpec spec(double alpha) {
    return SpecFiles.parse("problem: {n: 10, r: 1, m: 100}\ninit: {alpha: " + alpha + "}\nstop: {iterations: 50}\n",
        "t").bind();
  }

  @Test
  void countsTheLoadedRunsAndSaysTheyAreStored() throws Exception {
    RunStore store = new RunStore(dir, "test", "dev");
    List<RunSpec> specs = List.of(spec(1e-3), spec(1e-4), spec(1e-5), spec(1e-6));
    Runner runner = new Runner(1);
    store.save(specs.get(0), runner.run(specs.get(0)));
    store.save(specs.get(1), runner.run(specs.get(1)));
    Engine stopsAfterOne = new Engine() { // what the local engine does when Ctrl-C lands after one of its runs
      @Override
      public String name() {
        return "test";
      }

      @Override
      public Map<RunSpec, RunResult> runAll(Runner r, List<RunSpec> todo, RunStore s, Predicate<RunSpec> keep,
          ProgressListener progress) {
        assertThat(todo).hasSize(2);
        throw new RunsInterruptedException(1, todo.size());
      }

      @Override
      public RunResult run(Runner r, RunSpec spec, Workload w, List<? extends Observer> observers) {
        throw new UnsupportedOperationException();
      }
    };
    assertThatThrownBy(() -> ResumableRuns.run(stopsAfterOne, runner, specs, store, new ResumableRuns.Listener() {
      @Override
      public void completed(int done, int total, RunSpec spec) {}
    }, s -> false)).isInstanceOfSatisfying(RunsInterruptedException.class, e -> {
      assertThat(e.finished()).isEqualTo(3);
      assertThat(e.total()).isEqualTo(4);
      assertThat(e.stored()).isTrue();
    });
    assertThat(new RunsInterruptedException(1, 2).stored()).isFalse();
  }
}
