package io.lowrank.experiment.engine;

import io.lowrank.experiment.output.RunStore;
import io.lowrank.experiment.run.ProgressListener;
import io.lowrank.experiment.run.RunResult;
import io.lowrank.experiment.run.Runner;
import io.lowrank.experiment.run.Workload;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.solver.Observer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The engine of this process: runs on the {@link Runner} (batched and in parallel as usual). */
final class LocalEngine implements Engine {
  static final LocalEngine INSTANCE = new LocalEngine();

  private LocalEngine() {}

  @Override
  public String name() {
    return "local";
  }

  @Override
  public Map<RunSpec, RunResult> runAll(Runner runner, List<RunSpec> todo, RunStore store,
      Predicate<RunSpec> keepFactors, ProgressListener progress) {
    return runner.runAll(todo, progress, (spec, result) -> save(store, spec, result, keepFactors.test(spec)));
  }

  @Override
  public RunResult run(Runner runner, RunSpec spec, Workload workload, List<? extends Observer> observers) {
    return runner.run(spec, workload, observers);
  }

  /** Saves one run, turning a write failure into an unchecked one that names the run. */
  static void save(RunStore store, RunSpec spec, RunResult result, boolean factors) {
    try {
      store.save(spec, result, factors);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write run " + spec.id() + ": " + e.getMessage(), e);
    }
  }
}
