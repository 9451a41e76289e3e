package io.lowrank.spark;

import com.fasterxml.jackson.databind.JsonNode;
import io.lowrank.experiment.output.Json;
import io.lowrank.experiment.output.RunStore;
import io.lowrank.experiment.run.RunResult;
import io.lowrank.experiment.run.Runner;
import io.lowrank.experiment.spec.ProblemSpec;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.spec.SpecFiles;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Some batches of runs of a distributed sweep ({@link Runner#batches}), as shipped to an executor:
 * each resolved spec as JSON (lowrank's own spec format, so the executor binds exactly the
 * driver's spec) and whether its factors are stored. {@link #call} runs each batch on the
 * unchanged {@link Runner} ({@link Runner#runBatch}: runs that differ only in their start share
 * one pass, as in a local sweep) and writes each run to the store on the shared filesystem,
 * atomically (summary.json last), so a retried or speculative copy of the task writes the same
 * files again: runs are deterministic.
 *
 * <p>The executor keeps one runner (one problem cache) per job. A problem is released when the
 * last task that uses it has finished on this executor (counts made by the driver); a retried task
 * after that builds it again, which costs time, never a different result.
 */
final class SweepTask implements Serializable {
  private static final long serialVersionUID = 1L;

  private static String currentJob;
  private static Runner currentRunner;
  private static Set<String> registered;
  private static AtomicInteger[] remaining;

  private final String job;
  private final String[][] ids;
  private final String[][] json;
  private final boolean[][] keepFactors;
  /** The problem of each batch (an index into the job's problems) and, per problem, the job's tasks using it. */
  private final int[] batchProblem;
  private final int[] tasksPerProblem;

  SweepTask(String job, List<List<RunSpec>> batches, java.util.function.Predicate<RunSpec> keep, int[] batchProblem,
      int[] tasksPerProblem) {
    this.job = job;
    int n = batches.size();
    this.ids = new String[n][];
    this.json = new String[n][];
    this.keepFactors = new boolean[n][];
    for (int b = 0; b < n; b++) {
      List<RunSpec> batch = batches.get(b);
      ids[b] = new String[batch.size()];
      json[b] = new String[batch.size()];
      keepFactors[b] = new boolean[batch.size()];
      for (int i = 0; i < batch.size(); i++) {
        ids[b][i] = batch.get(i).id();
        json[b][i] = SpecFiles.toJson(batch.get(i));
        keepFactors[b][i] = keep.test(batch.get(i));
      }
    }
    this.batchProblem = batchProblem;
    this.tasksPerProblem = tasksPerProblem;
  }

  /**
   * Runs the batches and saves each run under {@code root}; returns the number of runs.
   *
   * @param ratings the ratings files parsed on the driver, by path (a spec reading another file reads it itself)
   */
  int call(Map<String, RatingsPayload> ratings, String root, String command, String version) {
    List<List<RunSpec>> batches = new ArrayList<>();
    for (int b = 0; b < ids.length; b++) {
      List<RunSpec> batch = new ArrayList<>();
      for (int i = 0; i < ids[b].length; i++) {
        try {
          JsonNode tree = Json.mapper().readTree(json[b][i]);
          batch.add(SpecFiles.fromTree(tree, "run " + ids[b][i]));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read the spec of run " + ids[b][i], e);
        }
      }
      batches.add(batch);
    }
    Runner runner = runner(batches, ratings);
    RunStore store = new RunStore(Path.of(root), command, version);
    int runs = 0;
    for (int b = 0; b < batches.size(); b++) {
      List<RunSpec> batch = batches.get(b);
      List<RunResult> results = runner.runBatch(batch);
      for (int i = 0; i < batch.size(); i++) {
        try {
          store.save(batch.get(i), results.get(i), keepFactors[b][i]);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot write run " + ids[b][i] + " under " + root + ": " + e.getMessage(), e);
        }
        runs++;
      }
    }
    release(runner, batches);
    return runs;
  }

  /** The job's runner on this executor, with the ratings of {@code batches} registered. */
  private Runner runner(List<List<RunSpec>> batches, Map<String, RatingsPayload> ratings) {
    synchronized (SweepTask.class) {
      if (!job.equals(currentJob)) {
        currentJob = job;
        currentRunner = new Runner(1);
        registered = new HashSet<>();
        remaining = new AtomicInteger[tasksPerProblem.length];
        for (int k = 0; k < remaining.length; k++) {
          remaining[k] = new AtomicInteger(tasksPerProblem[k]);
        }
      }
      for (List<RunSpec> batch : batches) {
        for (RunSpec s : batch) {
          if (s.problem() instanceof ProblemSpec.Ratings r && ratings.containsKey(r.path()) && registered.add(r.path())) {
            RatingsPayload p = ratings.get(r.path());
            currentRunner.workloads().register(r.path(), p.data(), p.sources());
          }
        }
      }
      return currentRunner;
    }
  }

  /** Releases the problems whose last task on this executor this was. */
  private void release(Runner runner, List<List<RunSpec>> batches) {
    synchronized (SweepTask.class) {
      if (!job.equals(currentJob)) {
        return;
      }
      Set<Integer> seen = new HashSet<>();
      for (int b = 0; b < batches.size(); b++) {
        int k = batchProblem[b];
        if (seen.add(k) && remaining[k].decrementAndGet() == 0) {
          runner.workloads().release(batches.get(b).get(0));
        }
      }
    }
  }
}
