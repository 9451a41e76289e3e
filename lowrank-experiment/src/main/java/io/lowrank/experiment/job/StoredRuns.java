package io.lowrank.experiment.job;

import io.lowrank.experiment.engine.Engine;
import io.lowrank.experiment.formats.BadInputException;
import io.lowrank.experiment.output.RunStore;
import io.lowrank.experiment.run.ProgressListener;
import io.lowrank.experiment.run.RunResult;
import io.lowrank.experiment.run.Runner;
import io.lowrank.experiment.run.Workload;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.solver.Observer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Jobs rebuilt from their stored runs alone ({@code --figures-only}): an engine that runs nothing,
 * and a count of the runs a store lacks, so that a command can refuse before it touches anything.
 */
public final class StoredRuns {
  private StoredRuns() {}

  /** How many of {@code specs} have no complete run in {@code store}. */
  public static int missing(List<RunSpec> specs, RunStore store) {
    int missing = 0;
    for (RunSpec s : new java.util.LinkedHashSet<>(specs)) {
      missing += store.load(s).isPresent() ? 0 : 1;
    }
    return missing;
  }

  /**
   * An engine that runs nothing: with every run stored, {@link ResumableRuns} only loads; a run
   * missing from the store is refused with a {@link BadInputException} naming {@code what} and
   * {@code dir}.
   */
  public static Engine only(Path dir, String what) {
    return new Engine() {
      @Override
      public String name() {
        return "stored";
      }

      @Override
      public Map<RunSpec, RunResult> runAll(Runner runner, List<RunSpec> todo, RunStore store,
          Predicate<RunSpec> keepFactors, ProgressListener progress) {
        if (!todo.isEmpty()) {
          throw new BadInputException("--figures-only: " + todo.size() + " runs of " + what + " are not stored in "
              + dir + " (interrupted?); accepted: rerun without --figures-only, which runs only the missing ones");
        }
        return Map.of();
      }

      @Override
      public RunResult run(Runner runner, RunSpec spec, Workload workload, List<? extends Observer> observers) {
        throw new UnsupportedOperationException("stored runs only");
      }
    };
  }
}
