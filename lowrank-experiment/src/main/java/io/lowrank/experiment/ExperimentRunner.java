package io.lowrank.experiment;

import io.lowrank.diagnostics.History;
import io.lowrank.diagnostics.HistoryRecorder;
import io.lowrank.diagnostics.PhaseDetector;
import io.lowrank.diagnostics.PhaseThresholds;
import io.lowrank.diagnostics.Probe;
import io.lowrank.diagnostics.Probes;
import io.lowrank.diagnostics.SignalNoiseProbe;
import io.lowrank.diagnostics.SpectralProbe;
import io.lowrank.diagnostics.Subspaces;
import io.lowrank.init.SmallRandomInit;
import io.lowrank.model.GroundTruth;
import io.lowrank.model.Problem;
import io.lowrank.random.Seeds;
import io.lowrank.linalg.Mat;
import io.lowrank.solver.BatchIterate;
import io.lowrank.solver.BatchedGradientDescent;
import io.lowrank.solver.Driver;
import io.lowrank.solver.GradientDescent;
import io.lowrank.solver.Iterate;
import io.lowrank.solver.Observer;
import io.lowrank.solver.SolveResult;
import io.lowrank.solver.StepRule;
import io.lowrank.solver.StopRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs many {@link RunSpec}s in parallel. Each run is single-threaded and seeded, so results do not
 * depend on the thread count; problems are built once per {@link ProblemKey} and shared.
 *
 * <p><b>Batching.</b> Specs that share a problem, a width, an iteration budget and a recording
 * cadence (alpha sweeps, seeds of U_0) run as one {@link BatchedGradientDescent} batch of up to
 * {@link #MAX_BATCH} members: each iteration reads the measurement operator once for all of them.
 * Every member keeps its own observers and stop rules in the {@link Driver}, and its trajectory is
 * bit-identical to a single run, so every {@link RunResult} is the same as unbatched except
 * {@code wallSeconds} (a member is charged an equal share of its batch's wall time).
 */
public final class ExperimentRunner {
  /** Most trajectories advanced by one shared pass (8 was measured to give most of the gain). */
  public static final int MAX_BATCH = 8;

  private final int threads;
  private final PhaseThresholds thresholds;

  public ExperimentRunner(int threads, PhaseThresholds thresholds) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.threads = threads;
    this.thresholds = thresholds;
  }

  /** Runs every distinct spec; the map iterates in the order of first appearance. */
  public Map<RunSpec, RunResult> runAll(List<RunSpec> specs, ProgressListener progress) {
    List<RunSpec> distinct = new ArrayList<>(new LinkedHashMap<RunSpec, Boolean>() {
      {
        specs.forEach(s -> put(s, Boolean.TRUE));
      }
    }.keySet());
    Map<ProblemKey, CompletableFuture<Problem>> problems = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "lowrank-run");
      t.setDaemon(true);
      return t;
    });
    AtomicInteger done = new AtomicInteger();
    try {
      List<Future<List<RunResult>>> futures = new ArrayList<>();
      for (List<RunSpec> batch : batches(distinct)) {
        futures.add(pool.submit(() -> {
          List<RunResult> results = runBatch(batch, problem(problems, batch.get(0).problemKey()));
          synchronized (progress) {
            for (RunSpec spec : batch) {
              progress.completed(done.incrementAndGet(), distinct.size(), spec);
            }
          }
          return results;
        }));
      }
      Map<RunSpec, RunResult> bySpec = new java.util.HashMap<>();
      for (Future<List<RunResult>> f : futures) {
        for (RunResult r : f.get()) {
          bySpec.put(r.spec(), r);
        }
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
      throw new IllegalStateException(cause);
    } finally {
      pool.shutdownNow();
    }
  }

  private static Problem problem(Map<ProblemKey, CompletableFuture<Problem>> cache, ProblemKey key) {
    CompletableFuture<Problem> mine = new CompletableFuture<>();
    CompletableFuture<Problem> existing = cache.putIfAbsent(key, mine);
    if (existing != null) {
      return existing.join();
    }
    try {
      Problem p = key.build();
      p.spectrum();
      mine.complete(p);
      return p;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    }
  }

  /**
   * The distinct specs grouped into batches: same problem, width, budget and cadence; at most
   * {@link #MAX_BATCH} per batch; batches and members in order of first appearance.
   */
  static List<List<RunSpec>> batches(List<RunSpec> distinct) {
    Map<List<Object>, List<RunSpec>> groups = new LinkedHashMap<>();
    for (RunSpec s : distinct) {
      groups.computeIfAbsent(List.of(s.problemKey(), s.width(), s.maxIterations(), s.recordEvery(), s.solver()),
          k -> new ArrayList<>()).add(s);
    }
    List<List<RunSpec>> out = new ArrayList<>();
    for (List<RunSpec> group : groups.values()) {
      int cap = group.get(0).solver() == SolverKind.GD ? MAX_BATCH : 1; // batching is plain GD only
      for (int i = 0; i < group.size(); i += cap) {
        out.add(List.copyOf(group.subList(i, Math.min(group.size(), i + cap))));
      }
    }
    return out;
  }

  /** One run on a given problem (public for tests and single runs). */
  public RunResult run(RunSpec spec, Problem problem) {
    long start = System.nanoTime();
    Recording rec = new Recording(spec, problem);
    Iterate it = spec.solver().solver(spec.r()).start(problem, initialFactor(spec, problem));
    SolveResult solve = new Driver(StopRules.iterations(spec.maxIterations()), spec.recordEvery()).run(it, rec.observers);
    return rec.result(solve, (System.nanoTime() - start) * 1e-9);
  }

  /**
   * Specs that share a problem, width, budget and cadence, run as one batch (one pass over the
   * operator per iteration for all of them); results in the order of {@code specs}, each identical
   * to {@link #run} on its own except for the wall time.
   */
  public List<RunResult> runBatch(List<RunSpec> specs, Problem problem) {
    RunSpec first = specs.get(0);
    for (RunSpec s : specs) {
      if (!s.problemKey().equals(first.problemKey()) || s.width() != first.width()
          || s.maxIterations() != first.maxIterations() || s.recordEvery() != first.recordEvery()
          || s.solver() != first.solver()) {
        throw new IllegalArgumentException("a batch needs one problem, width, budget and cadence: " + s.id()
            + " does not match " + first.id());
      }
    }
    if (specs.size() == 1 || first.solver() != SolverKind.GD) {
      return specs.stream().map(s -> run(s, problem)).toList();
    }
    long start = System.nanoTime();
    List<Recording> recs = new ArrayList<>();
    List<Mat> starts = new ArrayList<>();
    List<List<Observer>> observers = new ArrayList<>();
    for (RunSpec s : specs) {
      Recording rec = new Recording(s, problem);
      recs.add(rec);
      observers.add(rec.observers);
      starts.add(initialFactor(s, problem));
    }
    BatchIterate batch = new BatchedGradientDescent(StepRule.defaultRule()).start(problem, starts);
    List<SolveResult> solves = new Driver(StopRules.iterations(first.maxIterations()), first.recordEvery())
        .run(batch, observers);
    double share = (System.nanoTime() - start) * 1e-9 / specs.size();
    List<RunResult> out = new ArrayList<>();
    for (int k = 0; k < specs.size(); k++) {
      out.add(recs.get(k).result(solves.get(k), share));
    }
    return out;
  }

  private static Mat initialFactor(RunSpec spec, Problem problem) {
    return new SmallRandomInit(spec.alpha()).initialise(problem, spec.width(), Seeds.derive(spec.seed(), Seeds.Stream.INIT));
  }

  /** The probes and observers of one spec, and how its trace becomes a {@link RunResult}. */
  private final class Recording {
    final RunSpec spec;
    final Problem problem;
    final GroundTruth truth;
    final HistoryRecorder recorder;
    final List<Observer> observers;

    Recording(RunSpec spec, Problem problem) {
      this.spec = spec;
      this.problem = problem;
      this.truth = problem.truth().orElseThrow(() -> new IllegalArgumentException("experiments need a ground truth"));
      List<Probe> probes = new ArrayList<>(List.of(Probes.trainLoss(), Probes.testError(truth), Probes.elapsed()));
      if (spec.diagnostics()) {
        probes.add(new SignalNoiseProbe(truth));
        probes.add(new SpectralProbe(problem.spectrum(), spec.r(), Math.min(spec.width(), 5)));
      }
      this.recorder = new HistoryRecorder(probes);
      this.observers = new ArrayList<>(List.of(recorder));
      if (spec.stopBelowTestError() > 0) {
        observers.add(new StopBelow(recorder.history(), spec.stopBelowTestError()));
      }
    }

    RunResult result(SolveResult solve, double wallSeconds) {
      History h = recorder.history();
      var phases = spec.diagnostics() ? new PhaseDetector(thresholds).groundTruth(h, truth) : null;
      double angle = Subspaces.sinLargestAngle(truth.basis(), problem.spectrum().topEigenspace(spec.r()));
      return new RunResult(spec, h, solve, phases, angle, wallSeconds);
    }
  }

  /** Ends a run once the recorded test error is below a target. */
  private static final class StopBelow implements Observer {
    private final History history;
    private final double target;

    StopBelow(History history, double target) {
      this.history = history;
      this.target = target;
    }

    @Override
    public void observe(int iteration, Iterate state, long solveNanos) {}

    @Override
    public boolean stopRequested() {
      return history.size() > 0 && history.last("test_error") < target;
    }
  }
}
