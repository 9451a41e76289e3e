package io.lowrank.spark;

import io.lowrank.experiment.engine.Engine;
import io.lowrank.experiment.formats.BadInputException;
import io.lowrank.experiment.formats.TripletFiles;
import io.lowrank.experiment.output.RunStore;
import io.lowrank.experiment.run.ProgressListener;
import io.lowrank.experiment.run.RunResult;
import io.lowrank.experiment.run.Runner;
import io.lowrank.experiment.run.Workload;
import io.lowrank.experiment.run.Workloads;
import io.lowrank.experiment.spec.ProblemSpec;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.model.Problem;
import io.lowrank.operator.EntrySampling;
import io.lowrank.solver.Observer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The {@code spark} engine (docs/spark.md): sweeps with one Spark task per run, and rectangular
 * completion (ratings) with its fused gradient pass spread over the cluster
 * ({@link DistributedSampling}). Results are the local engine's bit for bit.
 *
 * <p><b>Sweeps.</b> Ratings files are parsed once on the driver and broadcast; each task binds its
 * runs' specs from JSON (a few batches of runs per task, see {@link #tasks}), runs them on the
 * unchanged {@link Runner} and writes each run directory to the store atomically (summary.json last). The store must therefore be on a filesystem every executor
 * sees (any path in {@code local[*]}; a shared mount on a cluster). The driver then loads every
 * result from the store, as a resumed sweep does, so files and tables are those of a local sweep.
 */
public final class SparkEngine implements Engine {
  private final JavaSparkContext sc;
  private final boolean owned;
  private final java.util.concurrent.atomic.AtomicLong passes = new java.util.concurrent.atomic.AtomicLong();

  private SparkEngine(JavaSparkContext sc, boolean owned) {
    this.sc = sc;
    this.owned = owned;
  }

  /**
   * Starts a Spark context on {@code master} ({@code local[threads]} when null) without the web
   * UI or console progress bars; {@link #close()} stops it.
   */
  public static SparkEngine open(String master, int threads) {
    String m = master != null ? master : "local[" + Math.max(1, threads) + "]";
    if (!SparkFailures.isMaster(m)) {
      throw new BadInputException("'" + io.lowrank.experiment.formats.TripletFiles.shorten(m) + "' is not a Spark "
          + "master; accepted: local, local[N], local[*], local[N,F], spark://host:port, yarn or k8s://host:port");
    }
    if (System.getProperty("io.netty.tryReflectionSetAccessible") == null) {
      System.setProperty("io.netty.tryReflectionSetAccessible", "true"); // as Spark's own launcher sets it
    }
    SparkConf conf = new SparkConf().setAppName("lowrank").setMaster(m)
        .set("spark.ui.enabled", "false")
        .set("spark.ui.showConsoleProgress", "false")
        .setIfMissing("spark.driver.host", "localhost");
    try {
      return new SparkEngine(new JavaSparkContext(conf), true);
    } catch (Exception e) { // Spark throws its checked SparkException undeclared
      throw new BadInputException("cannot start Spark on master '" + m + "': " + SparkFailures.firstLine(e)
          + "; accepted: local, local[N], local[*] or spark://host:port of a running cluster");
    }
  }

  /** An engine on a context the caller owns (and stops): {@link #close()} leaves it running. */
  public static SparkEngine on(JavaSparkContext sc) {
    return new SparkEngine(Objects.requireNonNull(sc, "sc"), false);
  }

  /** The Spark context. */
  public JavaSparkContext context() {
    return sc;
  }

  @Override
  public String name() {
    return "spark";
  }

  @Override
  public Map<RunSpec, RunResult> runAll(Runner runner, List<RunSpec> todo, RunStore store,
      Predicate<RunSpec> keepFactors, ProgressListener progress) {
    Map<RunSpec, RunResult> out = new LinkedHashMap<>();
    if (todo.isEmpty()) {
      return out;
    }
    String job = UUID.randomUUID().toString();
    List<List<List<RunSpec>>> plan = tasks(todo, sc.defaultParallelism());
    Map<Object, Integer> problemIndex = new HashMap<>();
    List<Integer> tasksPerProblem = new ArrayList<>();
    List<int[]> batchProblems = new ArrayList<>();
    for (List<List<RunSpec>> task : plan) {
      int[] bp = new int[task.size()];
      java.util.Set<Integer> used = new java.util.HashSet<>();
      for (int b = 0; b < task.size(); b++) {
        Object key = Workloads.key(task.get(b).get(0));
        Integer k = problemIndex.get(key);
        if (k == null) {
          k = problemIndex.size();
          problemIndex.put(key, k);
          tasksPerProblem.add(0);
        }
        bp[b] = k;
        if (used.add(k)) {
          tasksPerProblem.set(k, tasksPerProblem.get(k) + 1);
        }
      }
      batchProblems.add(bp);
    }
    int[] perProblem = tasksPerProblem.stream().mapToInt(Integer::intValue).toArray();
    List<SweepTask> tasks = new ArrayList<>(plan.size());
    List<List<RunSpec>> runsOfTask = new ArrayList<>(plan.size());
    for (int t = 0; t < plan.size(); t++) {
      tasks.add(new SweepTask(job, plan.get(t), keepFactors, batchProblems.get(t), perProblem));
      runsOfTask.add(plan.get(t).stream().flatMap(List::stream).toList());
    }
    Broadcast<Map<String, RatingsPayload>> ratings = sc.broadcast(ratings(todo));
    String root = store.root().toAbsolutePath().toString();
    String command = store.command();
    String version = store.version();
    TaskProgress listener = new TaskProgress(job, runsOfTask, progress);
    sc.sc().addSparkListener(listener);
    sc.setJobGroup(job, "lowrank sweep of " + todo.size() + " runs", false);
    try {
      sc.parallelize(tasks, tasks.size()).map(t -> t.call(ratings.value(), root, command, version)).collect();
      listener.drain();
      listener.finish();
    } catch (Exception e) { // Spark throws its checked SparkException undeclared
      throw SparkFailures.unwrap(e);
    } finally {
      sc.clearJobGroup();
      sc.sc().removeSparkListener(listener);
      ratings.destroy();
    }
    for (RunSpec s : todo) {
      out.put(s, store.load(s).orElseThrow(() -> new IllegalStateException("run " + s.id() + " finished on the "
          + "cluster but " + store.dir(s) + " holds no complete run; is the output directory on a filesystem every "
          + "executor shares?")));
    }
    return out;
  }

  /**
   * The tasks of a sweep: the runner's batches ({@link Runner#batches}: runs that differ only in
   * their start share one pass), consecutive batches packed into one task until it holds about
   * todo / (4 cores) runs, so that there are about four tasks per core for load balance.
   */
  static List<List<List<RunSpec>>> tasks(List<RunSpec> todo, int parallelism) {
    int size = (int) Math.max(1, Math.min(Runner.MAX_BATCH, Math.ceil(todo.size() / (4.0 * Math.max(1, parallelism)))));
    List<List<List<RunSpec>>> out = new ArrayList<>();
    List<List<RunSpec>> current = new ArrayList<>();
    int runs = 0;
    for (List<RunSpec> batch : Runner.batches(todo)) {
      if (!current.isEmpty() && runs + batch.size() > size) {
        out.add(current);
        current = new ArrayList<>();
        runs = 0;
      }
      current.add(batch);
      runs += batch.size();
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }

  /** The ratings files of {@code specs}, parsed here (one policy per file; others are read by the tasks). */
  private static Map<String, RatingsPayload> ratings(List<RunSpec> specs) {
    Map<String, ProblemSpec.Ratings> first = new LinkedHashMap<>();
    Map<String, Boolean> consistent = new HashMap<>();
    for (RunSpec s : specs) {
      if (s.problem() instanceof ProblemSpec.Ratings r) {
        ProblemSpec.Ratings f = first.putIfAbsent(r.path(), r);
        if (f != null && !(f.duplicates() == r.duplicates() && Objects.equals(f.layout(), r.layout()))) {
          consistent.put(r.path(), false);
        }
      }
    }
    Map<String, RatingsPayload> out = new HashMap<>();
    for (Map.Entry<String, ProblemSpec.Ratings> e : first.entrySet()) {
      if (consistent.getOrDefault(e.getKey(), true)) {
        ProblemSpec.Ratings r = e.getValue();
        try {
          TripletFiles.Data d = TripletFiles.read(Path.of(r.path()), r.duplicates(), r.layout());
          out.put(r.path(), RatingsPayload.of(d, Workloads.ratingsSources(r.path())));
        } catch (IOException ex) {
          throw new UncheckedIOException(ex);
        }
      }
    }
    return out;
  }

  /**
   * Ratings workloads run with their fused pass on the cluster ({@link DistributedSampling});
   * everything else runs on the driver.
   */
  @Override
  public RunResult run(Runner runner, RunSpec spec, Workload workload, List<? extends Observer> observers) {
    Problem p = workload.problem();
    if (workload.data() == null || !(p.operator() instanceof EntrySampling es) || es.symmetric()) {
      return runner.run(spec, workload, observers);
    }
    DistributedSampling ds = new DistributedSampling(sc, es, p.y());
    try {
      Problem onCluster = p.withOperator(ds);
      Workload w = new Workload(onCluster, workload.validationOperator(), workload.validationY(), workload.data(),
          workload.baseline(), workload.sources(), workload.noise());
      return runner.run(spec, w, observers);
    } catch (Exception e) { // Spark throws its checked SparkException undeclared
      throw SparkFailures.unwrap(e);
    } finally {
      passes.addAndGet(ds.passes());
      ds.close();
    }
  }

  /**
   * Reads ratings with Spark's CSV/TSV and Parquet readers on the cluster; ids numbered in sorted
   * order (see {@link SparkRatingsReader}).
   */
  @Override
  public TripletFiles.Data readRatings(Path input, TripletFiles.Duplicates policy, TripletFiles.SizeCheck check) {
    return SparkRatingsReader.read(sc, input, policy, check);
  }

  /** The number of distributed gradient passes this engine has run (one per iteration of a distributed fit). */
  public long distributedPasses() {
    return passes.get();
  }

  /** Stops the Spark context when this engine started it. */
  @Override
  public void close() {
    if (owned) {
      sc.stop();
    }
  }
}
