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
 */
public final class ExperimentRunner {
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
      List<Future<RunResult>> futures = new ArrayList<>();
      for (RunSpec spec : distinct) {
        futures.add(pool.submit(() -> {
          RunResult result = run(spec, problem(problems, spec.problemKey()));
          synchronized (progress) {
            progress.completed(done.incrementAndGet(), distinct.size(), spec);
          }
          return result;
        }));
      }
      Map<RunSpec, RunResult> out = new LinkedHashMap<>();
      for (int i = 0; i < distinct.size(); i++) {
        out.put(distinct.get(i), futures.get(i).get());
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

  /** One run on a given problem (public for tests and single runs). */
  public RunResult run(RunSpec spec, Problem problem) {
    long start = System.nanoTime();
    GroundTruth truth = problem.truth().orElseThrow(() -> new IllegalArgumentException("experiments need a ground truth"));
    List<Probe> probes = new ArrayList<>(List.of(Probes.trainLoss(), Probes.testError(truth), Probes.elapsed()));
    if (spec.diagnostics()) {
      probes.add(new SignalNoiseProbe(truth));
      probes.add(new SpectralProbe(problem.spectrum(), spec.r(), Math.min(spec.width(), 5)));
    }
    HistoryRecorder recorder = new HistoryRecorder(probes);
    List<Observer> observers = new ArrayList<>(List.of(recorder));
    if (spec.stopBelowTestError() > 0) {
      observers.add(new StopBelow(recorder.history(), spec.stopBelowTestError()));
    }
    Iterate it = GradientDescent.plain(StepRule.defaultRule()).start(problem,
        new SmallRandomInit(spec.alpha()).initialise(problem, spec.width(), Seeds.derive(spec.seed(), Seeds.Stream.INIT)));
    SolveResult solve = new Driver(StopRules.iterations(spec.maxIterations()), spec.recordEvery()).run(it, observers);
    History h = recorder.history();
    var phases = spec.diagnostics() ? new PhaseDetector(thresholds).groundTruth(h, truth) : null;
    double angle = Subspaces.sinLargestAngle(truth.basis(), problem.spectrum().topEigenspace(spec.r()));
    return new RunResult(spec, h, solve, phases, angle, (System.nanoTime() - start) * 1e-9);
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
