package io.lowrank.experiment.run;

import io.lowrank.diagnostics.History;
import io.lowrank.diagnostics.PhaseBoundaries;
import io.lowrank.diagnostics.PhaseDetector;
import io.lowrank.diagnostics.PhaseThresholds;
import io.lowrank.diagnostics.StageDetector;
import io.lowrank.diagnostics.Stages;
import io.lowrank.diagnostics.Subspaces;
import io.lowrank.experiment.formats.BadInputException;
import io.lowrank.experiment.spec.InitSpec;
import io.lowrank.experiment.spec.ProblemSpec;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.linalg.Mat;
import io.lowrank.model.GroundTruth;
import io.lowrank.model.Problem;
import io.lowrank.parallel.Parallelism;
import io.lowrank.solver.BatchIterate;
import io.lowrank.solver.BatchedGradientDescent;
import io.lowrank.solver.Driver;
import io.lowrank.solver.Iterate;
import io.lowrank.solver.Method;
import io.lowrank.solver.Observer;
import io.lowrank.solver.SolveResult;
import io.lowrank.solver.StopRequest;
import io.lowrank.solver.Termination;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one place that turns a {@link RunSpec} into a {@link RunResult}: it prepares (or shares)
 * the problem ({@link Workloads}), makes the start, the solver, the probes and the observers, runs
 * the {@link Driver}, and collects the trace, the factors, what early stopping chose and the
 * phases. Every command, sweep and claim of lowrank runs through it.
 *
 * <p><b>Many runs.</b> {@link #runAll} runs distinct specs on a pool of worker threads. Each run is
 * single-threaded unless its spec asks for threads, and seeded, so results do not depend on the
 * number of workers. Runs share problems through the {@link Workloads} cache. Plain-GD runs on one
 * GOE problem that differ only in their start (alpha sweeps) advance as one
 * {@link BatchedGradientDescent} batch of up to {@link #MAX_BATCH}: each iteration reads the
 * operator once for all of them. Every member keeps its own observers and stop rules and its
 * trajectory is bit-identical to a single run, so only the wall time of a result differs (a member
 * is charged an equal share of its batch).
 */
public final class Runner {
  /** Most trajectories advanced by one shared pass (8 was measured to give most of the gain). */
  public static final int MAX_BATCH = 8;

  private final int workers;
  private final PhaseThresholds thresholds;
  private final Workloads workloads;

  /** A runner with {@code workers} threads for {@link #runAll}, the default phase thresholds and its own cache. */
  public Runner(int workers) {
    this(workers, PhaseThresholds.defaults(), new Workloads());
  }

  public Runner(int workers, PhaseThresholds thresholds, Workloads workloads) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1, got " + workers);
    }
    this.workers = workers;
    this.thresholds = java.util.Objects.requireNonNull(thresholds, "thresholds");
    this.workloads = java.util.Objects.requireNonNull(workloads, "workloads");
  }

  /** The problem cache (e.g. to register data parsed elsewhere). */
  public Workloads workloads() {
    return workloads;
  }

  /**
   * The starting factors a run of {@code spec} on {@code workload} would use (e.g. to save them
   * with the instance); copies, owned by the caller.
   */
  public Factors start(RunSpec spec, Workload workload) {
    Starts.Start s = Starts.of(spec, workload, workload.problem(), workloads::registeredStart);
    return Factors.copyOf(s.left(), s.right());
  }

  /** One run. */
  public RunResult run(RunSpec spec) {
    return run(spec, List.of());
  }

  /** One run, watched also by {@code extra} observers (progress bars). */
  public RunResult run(RunSpec spec, List<? extends Observer> extra) {
    return run(spec, workloads.of(spec), extra);
  }

  /** One run on a prepared workload (which must be the spec's: see {@link Workloads#of}). */
  public RunResult run(RunSpec spec, Workload workload, List<? extends Observer> extra) {
    long start = System.nanoTime();
    try (Parallelism parallelism = spec.threads() > 1 ? Parallelism.threads(spec.threads()) : Parallelism.sequential()) {
      Problem problem = spec.threads() > 1 ? workload.problem().withParallelism(parallelism) : workload.problem();
      Assembly a = new Assembly(spec, workload, problem, thresholds, workloads::registeredStart);
      List<Observer> observers = new ArrayList<>(a.observers());
      observers.addAll(extra);
      for (Observer o : extra) {
        if (o instanceof ValidationWatcher w) {
          a.recording.watch(w);
        }
      }
      boolean checkpointed = extra.stream().anyMatch(o -> o instanceof io.lowrank.solver.Checkpointer);
      if (checkpointed && spec.methodName() == Method.NUCLEAR) {
        throw new BadInputException("method nuclear runs a regularisation path, which a checkpoint cannot hold; "
            + "accepted: drop the checkpoint, or use method gd or scaledgd");
      }
      if (spec.methodName() == Method.NUCLEAR) {
        Solvers.Path path = Solvers.nuclear(a.spec(), workload, problem, observers);
        return a.result(path.solve(), path.left(), path.right(), List.of(), path.stepSize(), start, 1.0);
      }
      Iterate it = a.startIterate();
      if (checkpointed && !(it instanceof io.lowrank.solver.Stateful)) {
        throw new BadInputException("method " + spec.methodName().id() + " keeps state beyond its factors, which a "
            + "checkpoint cannot hold; accepted: drop the checkpoint, or use method gd or scaledgd");
      }
      double setup = (System.nanoTime() - start) * 1e-9;
      SolveResult solve = new Driver(Solvers.rules(a.spec()), a.spec().recording().every()).run(it, observers);
      return a.withSetup(setup).result(solve, it.factor(), it.rightFactor(), layers(it), it.stepSize(), start, 1.0);
    }
  }

  /**
   * Runs every distinct spec; the map iterates in the order of first appearance. {@code progress}
   * is told of every finished run, one call at a time.
   */
  public Map<RunSpec, RunResult> runAll(List<RunSpec> specs, ProgressListener progress) {
    return runAll(specs, progress, (s, r) -> {});
  }

  /**
   * As {@link #runAll(List, ProgressListener)}, handing every result with the spec it was asked for
   * to {@code sink} on the worker thread that produced it, as soon as its batch is done and before {@code progress} hears of it
   * (e.g. to write it to disk, so that a killed process loses only the runs in flight). The sink
   * is called by several threads at once for different runs. Runs ended by a
   * {@link StopRequest} reach neither the sink nor {@code progress}.
   *
   * @throws RunsInterruptedException when a {@link StopRequest} ended or skipped runs
   */
  public Map<RunSpec, RunResult> runAll(List<RunSpec> specs, ProgressListener progress,
      java.util.function.BiConsumer<RunSpec, RunResult> sink) {
    List<RunSpec> distinct = new ArrayList<>(new LinkedHashMap<RunSpec, Boolean>() {
      private static final long serialVersionUID = 1L;

      {
        specs.forEach(s -> put(s, Boolean.TRUE));
      }
    }.keySet());
    List<List<RunSpec>> batches = batches(distinct);
    Map<Workloads.Key, AtomicInteger> pending = new HashMap<>();
    for (List<RunSpec> b : batches) {
      pending.computeIfAbsent(Workloads.Key.of(b.get(0)), k -> new AtomicInteger()).incrementAndGet();
    }
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "lowrank-run");
      t.setDaemon(true);
      return t;
    });
    AtomicInteger done = new AtomicInteger();
    try {
      List<Future<List<RunResult>>> futures = new ArrayList<>();
      for (List<RunSpec> batch : batches) {
        futures.add(pool.submit(() -> {
          if (StopRequest.isRequested()) { // asked to stop: do not even build the workload
            return null;
          }
          List<RunResult> results = runBatch(batch);
          if (pending.get(Workloads.Key.of(batch.get(0))).decrementAndGet() == 0) {
            workloads.release(batch.get(0));
          }
          for (int k = 0; k < batch.size(); k++) {
            if (results.get(k).solve().termination() != Termination.INTERRUPTED) {
              sink.accept(batch.get(k), results.get(k));
            }
          }
          synchronized (progress) {
            for (int k = 0; k < batch.size(); k++) {
              if (results.get(k).solve().termination() != Termination.INTERRUPTED) {
                progress.completed(done.incrementAndGet(), distinct.size(), batch.get(k));
              }
            }
          }
          return results;
        }));
      }
      Map<RunSpec, RunResult> bySpec = new HashMap<>();
      boolean interrupted = false;
      for (int b = 0; b < batches.size(); b++) {
        List<RunResult> results = futures.get(b).get();
        interrupted |= results == null;
        for (int k = 0; results != null && k < results.size(); k++) {
          interrupted |= results.get(k).solve().termination() == Termination.INTERRUPTED;
          bySpec.put(batches.get(b).get(k), results.get(k));
        }
      }
      if (interrupted) {
        throw new RunsInterruptedException(done.get(), distinct.size());
      }
      Map<RunSpec, RunResult> out = new LinkedHashMap<>();
      for (RunSpec spec : distinct) {
        out.put(spec, bySpec.get(spec));
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } finally {
      pool.shutdownNow();
    }
  }

  /** True when a spec may share a batched pass with others on its problem. */
  static boolean batchable(RunSpec s) {
    return s.methodName() == Method.GD && s.threads() == 1 && s.stop().validation() == null
        && (s.problem() instanceof ProblemSpec.Goe || s.problem() instanceof ProblemSpec.Instance);
  }

  /**
   * The distinct specs grouped into batches: batchable specs that differ only in their start, at
   * most {@link #MAX_BATCH} per batch; batches and members in order of first appearance. An engine
   * that runs batches elsewhere runs each with {@link #runBatch}.
   */
  public static List<List<RunSpec>> batches(List<RunSpec> distinct) {
    Map<Object, List<RunSpec>> groups = new LinkedHashMap<>();
    InitSpec placeholder = new InitSpec.SmallRandom(1.0, null);
    for (RunSpec s : distinct) {
      Object key = batchable(s) ? s.withInit(placeholder) : s;
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
    }
    List<List<RunSpec>> out = new ArrayList<>();
    for (List<RunSpec> group : groups.values()) {
      for (int i = 0; i < group.size(); i += MAX_BATCH) {
        out.add(List.copyOf(group.subList(i, Math.min(group.size(), i + MAX_BATCH))));
      }
    }
    return out;
  }

  /**
   * Runs the specs of one batch made by {@link #batches} (one shared pass per iteration when there
   * are several); results in order. Unlike {@link #runAll} it keeps the workload cached: the
   * caller {@link Workloads#release releases} it when no more runs need it.
   */
  public List<RunResult> runBatch(List<RunSpec> specs) {
    if (specs.size() == 1) {
      return List.of(run(specs.get(0)));
    }
    long start = System.nanoTime();
    RunSpec first = specs.get(0);
    Workload workload = workloads.of(first);
    Problem problem = workload.problem();
    List<Assembly> parts = new ArrayList<>();
    List<Mat> starts = new ArrayList<>();
    List<List<Observer>> observers = new ArrayList<>();
    for (RunSpec s : specs) {
      Assembly a = new Assembly(s, workload, problem, thresholds, workloads::registeredStart);
      parts.add(a);
      starts.add(a.startFactor());
      observers.add(a.observers());
    }
    BatchIterate batch = new BatchedGradientDescent(Solvers.stepRule(first.method())).start(problem, starts);
    List<SolveResult> solves = new Driver(Solvers.rules(parts.get(0).spec()), first.recording().every())
        .run(batch, observers);
    double share = 1.0 / specs.size();
    List<RunResult> out = new ArrayList<>();
    for (int k = 0; k < specs.size(); k++) {
      Iterate member = batch.member(k);
      out.add(parts.get(k).result(solves.get(k), member.factor(), member.rightFactor(), List.of(), member.stepSize(), start,
          share));
    }
    return out;
  }

  /** The start, solver, probes and observers of one run, and how its trace becomes a result. */
  private static final class Assembly {
    private final RunSpec spec;
    private final Workload workload;
    private final Problem problem;
    private final PhaseThresholds thresholds;
    private final Starts.Start start;
    private final Recording recording;
    private double setupSeconds;

    Assembly(RunSpec given, Workload workload, Problem problem, PhaseThresholds thresholds,
        java.util.function.Function<String, io.lowrank.linalg.Mat> registered) {
      this.workload = workload;
      this.problem = problem;
      this.thresholds = thresholds;
      this.start = Starts.of(given, workload, problem, registered);
      this.spec = start.spec();
      this.recording = new Recording(spec, workload, problem);
    }

    RunSpec spec() {
      return spec;
    }

    Assembly withSetup(double seconds) {
      this.setupSeconds = seconds;
      return this;
    }

    List<Observer> observers() {
      return recording.observers();
    }

    Mat startFactor() {
      return start.left();
    }

    Iterate startIterate() {
      return Solvers.start(spec, workload, problem, start);
    }

    RunResult result(SolveResult solve, Mat left, Mat right, List<Mat> layers, double stepSize, long startNanos,
        double share) {
      History h = recording.history();
      PhaseBoundaries phases = null;
      GroundTruth truth = problem.truth().orElse(null);
      if (spec.recording().probes().signalNoise() && truth != null) {
        phases = new PhaseDetector(thresholds).groundTruth(h, truth);
      } else if (spec.recording().probes().spectral() && spec.methodName() != Method.NUCLEAR) {
        phases = new PhaseDetector(thresholds).dataOnly(h, problem.spectrum(), recording.rank());
      }
      Stages stages = null;
      if (spec.problem().symmetricModel() && spec.methodName() != Method.NUCLEAR) {
        int r = truth != null ? truth.rank() : recording.rank();
        if (r > 0 && StageDetector.applicable(h, r)) {
          stages = truth != null ? StageDetector.defaults().groundTruth(h, truth)
              : StageDetector.defaults().dataOnly(h, problem.spectrum(), r);
        }
      }
      double angle = truth != null && problem.operator().symmetric()
          ? Subspaces.sinLargestAngle(truth.basis(), problem.spectrum().topEigenspace(truth.rank())) : Double.NaN;
      Factors factors = solve.finite() ? Factors.copyOf(left, right, layers) : null;
      Map<String, String> sources = new LinkedHashMap<>(workload.sources());
      sources.putAll(start.sources());
      double wall = (System.nanoTime() - startNanos) * 1e-9 * share;
      return new RunResult(spec, solve, h, factors, recording.earlyStop(), phases, stages, angle, stepSize, sources,
          setupSeconds, wall);
    }
  }

  /** The layers W_1 .. W_L of a deep factorisation's iterate (live views), else empty. */
  private static List<Mat> layers(io.lowrank.solver.Iterate it) {
    if (!(it instanceof io.lowrank.deep.DeepFactorisation.State d)) {
      return List.of();
    }
    List<Mat> out = new ArrayList<>();
    for (int j = 1; j <= d.depth(); j++) {
      out.add(d.layer(j));
    }
    return out;
  }
}
