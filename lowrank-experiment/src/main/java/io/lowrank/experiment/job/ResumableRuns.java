package io.lowrank.experiment.job;

import io.lowrank.experiment.engine.Engine;
import io.lowrank.experiment.output.RunStore;
import io.lowrank.experiment.run.ProgressListener;
import io.lowrank.experiment.run.RunResult;
import io.lowrank.experiment.run.RunsInterruptedException;
import io.lowrank.experiment.run.Runner;
import io.lowrank.experiment.spec.RunSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Runs a list of specs so that a kill loses only the runs in flight: runs complete in the store
 * are loaded, the others run on the {@link Runner} (batched and in parallel as usual) and each is
 * saved as soon as it is done. The results are those of an uninterrupted run, whatever was loaded.
 */
public final class ResumableRuns {
  private ResumableRuns() {}

  /**
   * What a resumable run did.
   *
   * @param results every distinct spec's result, in order of first appearance
   * @param loaded how many were loaded from the store
   * @param ran how many were run
   */
  public record Outcome(Map<RunSpec, RunResult> results, int loaded, int ran) {}

  /** Listens to a resumable run: first how many runs were found done, then every finished run. */
  public interface Listener extends ProgressListener {
    /** {@code loaded} of {@code total} runs were complete on disk and are not run again. */
    default void resumed(int loaded, int total) {}
  }

  /** Runs (or loads) every spec, storing no factors. */
  public static Outcome run(Runner runner, List<RunSpec> specs, RunStore store, Listener listener) {
    return run(runner, specs, store, listener, s -> false);
  }

  /** Runs (or loads) every spec on the local engine; the runs {@code keepFactors} accepts are stored with their factors. */
  public static Outcome run(Runner runner, List<RunSpec> specs, RunStore store, Listener listener,
      java.util.function.Predicate<RunSpec> keepFactors) {
    return run(Engine.local(), runner, specs, store, listener, keepFactors);
  }

  /**
   * Runs (or loads) every spec, the missing ones on {@code engine}; the runs {@code keepFactors}
   * accepts are stored with their factors.
   */
  public static Outcome run(Engine engine, Runner runner, List<RunSpec> specs, RunStore store, Listener listener,
      java.util.function.Predicate<RunSpec> keepFactors) {
    List<RunSpec> distinct = new ArrayList<>(new LinkedHashSet<>(specs));
    Map<RunSpec, RunResult> loaded = new LinkedHashMap<>();
    List<RunSpec> todo = new ArrayList<>();
    for (RunSpec s : distinct) {
      // a run stored without the factors it now needs (an older directory) runs again
      store.load(s).filter(r -> !keepFactors.test(s) || r.factors() != null || r.diverged())
          .ifPresentOrElse(r -> loaded.put(s, r), () -> todo.add(s));
    }
    int total = distinct.size();
    listener.resumed(loaded.size(), total);
    int base = loaded.size();
    Map<RunSpec, RunResult> ran;
    try {
      ran = engine.runAll(runner, todo, store, keepFactors, (done, t, spec) -> listener.completed(base + done, total, spec));
    } catch (RunsInterruptedException e) { // counted over the whole job; the finished runs are in the store
      throw new RunsInterruptedException(base + e.finished(), total, true);
    }
    Map<RunSpec, RunResult> all = new LinkedHashMap<>();
    for (RunSpec s : distinct) {
      all.put(s, loaded.containsKey(s) ? loaded.get(s) : ran.get(s));
    }
    return new Outcome(all, loaded.size(), ran.size());
  }
}
