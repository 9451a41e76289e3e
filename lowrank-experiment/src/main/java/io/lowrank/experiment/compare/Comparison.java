package io.lowrank.experiment.compare;

import io.lowrank.convex.NuclearNormPath;
import io.lowrank.deep.DeepFactorisation;
import io.lowrank.diagnostics.History;
import io.lowrank.diagnostics.HistoryRecorder;
import io.lowrank.diagnostics.Probes;
import io.lowrank.init.SmallRandomInit;
import io.lowrank.init.SpectralInit;
import io.lowrank.linalg.Mat;
import io.lowrank.model.GroundTruth;
import io.lowrank.model.Problem;
import io.lowrank.operator.SymmetricGaussianSensing;
import io.lowrank.random.Seeds;
import io.lowrank.solver.Driver;
import io.lowrank.solver.GradientDescent;
import io.lowrank.solver.Iterate;
import io.lowrank.solver.Observer;
import io.lowrank.solver.ScaledDirection;
import io.lowrank.solver.SolveResult;
import io.lowrank.solver.Solver;
import io.lowrank.solver.StepRule;
import io.lowrank.solver.StopRules;
import io.lowrank.solver.Termination;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a {@link CompareSpec}: every method on every configuration, each run single-threaded on the
 * one {@link Driver} and seeded, in parallel over runs (so the results, timings aside, do not depend
 * on the thread count). The operator is drawn once and shared; M* is drawn per kappa and the noise
 * per sigma from their own streams, so changing kappa never resamples the measurements.
 */
public final class Comparison {
  private Comparison() {}

  /** Receives progress; called from worker threads, one call at a time. */
  public interface Listener {
    void completed(int done, int total, String run);

    static Listener none() {
      return (d, t, r) -> {};
    }
  }

  /**
   * Everything a comparison produced.
   *
   * @param spec what was compared
   * @param threads worker threads
   * @param runs every run, in table order (noise, kappa, width, method)
   * @param wallSeconds total wall time
   */
  public record Outcome(CompareSpec spec, int threads, List<CompareRun> runs, double wallSeconds) {

    /** True when some run diverged. */
    public boolean anyDiverged() {
      return runs.stream().anyMatch(r -> r.termination() == Termination.DIVERGED);
    }
  }

  /** One unit of work: a method on a configuration. */
  private record Task(CompareMethod method, double kappa, double noise, int width) {}

  /** The runs of a spec in table order. */
  static List<Task> tasks(CompareSpec spec) {
    List<Task> out = new ArrayList<>();
    for (double noise : spec.noises()) {
      for (double kappa : spec.kappas()) {
        for (CompareMethod m : spec.methods()) {
          if (!m.usesWidth()) {
            out.add(new Task(m, kappa, noise, 0));
            continue;
          }
          for (int w : spec.widths()) {
            if (m.runsAt(w, spec.r())) {
              out.add(new Task(m, kappa, noise, w));
            }
          }
        }
      }
    }
    return out;
  }

  /** The number of runs {@link #run} will make (for progress bars). */
  public static int countRuns(CompareSpec spec) {
    return tasks(spec).size();
  }

  /** Runs the comparison on {@code threads} worker threads. */
  public static Outcome run(CompareSpec spec, int threads, Listener listener) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    long start = System.nanoTime();
    SymmetricGaussianSensing op = SymmetricGaussianSensing.generate(spec.n(), spec.m(),
        Seeds.derive(spec.seed(), Seeds.Stream.OPERATOR));
    List<Task> tasks = tasks(spec);
    java.util.Map<List<Double>, Problem> problems = new java.util.HashMap<>();
    for (double noise : spec.noises()) {
      for (double kappa : spec.kappas()) {
        GroundTruth truth = GroundTruth.generate(spec.truthSpec(kappa), Seeds.derive(spec.seed(), Seeds.Stream.TRUTH));
        Problem p = Problem.sense(op, truth, noise, Seeds.derive(spec.seed(), Seeds.Stream.NOISE));
        p.spectrum();
        problems.put(List.of(kappa, noise), p);
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "lowrank-compare");
      t.setDaemon(true);
      return t;
    });
    AtomicInteger done = new AtomicInteger();
    try {
      List<Future<CompareRun>> futures = new ArrayList<>();
      for (Task task : tasks) {
        futures.add(pool.submit(() -> {
          CompareRun run = run(spec, task, problems.get(List.of(task.kappa(), task.noise())));
          synchronized (listener) {
            listener.completed(done.incrementAndGet(), tasks.size(), run.id());
          }
          return run;
        }));
      }
      List<CompareRun> runs = new ArrayList<>();
      for (Future<CompareRun> f : futures) {
        runs.add(f.get());
      }
      return new Outcome(spec, threads, List.copyOf(runs), (System.nanoTime() - start) * 1e-9);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static StopRules rules(CompareSpec spec, int iterations) {
    StopRules rules = StopRules.iterations(iterations).withTolerance(spec.tolerance());
    return spec.timeLimitSeconds() == null ? rules
        : rules.withTimeLimit(Duration.ofNanos(Math.round(spec.timeLimitSeconds() * 1e9)));
  }

  /** One run of a task on its problem. */
  static CompareRun run(CompareSpec spec, Task task, Problem problem) {
    GroundTruth truth = problem.truth().orElseThrow();
    HistoryRecorder recorder = new HistoryRecorder(List.of(Probes.trainLoss(), Probes.testError(truth), Probes.elapsed()));
    List<Observer> observers = List.of(recorder);
    long initSeed = Seeds.derive(spec.seed(), Seeds.Stream.INIT);
    int iterations;
    long nanos;
    Termination why;
    String detail;
    if (task.method() == CompareMethod.NUCLEAR) {
      double finalLambda = task.noise() > 0 ? task.noise() * Math.sqrt(2.0 * spec.n()) : 0.0;
      NuclearNormPath.Config c = new NuclearNormPath.Config(CompareSpec.PATH_STAGES, CompareSpec.PATH_FINAL_FRACTION,
          finalLambda, Math.max(1, spec.iterations() / CompareSpec.PATH_STAGES), 1e-12);
      NuclearNormPath.Result r = NuclearNormPath.run(problem, c, spec.recordEvery(), observers);
      iterations = r.iterations();
      nanos = r.solveNanos();
      why = r.termination();
      detail = NuclearNormPath.describe(r);
    } else {
      Solver solver = solver(spec, task.method());
      Mat u0 = start(spec, task, problem, initSeed);
      Iterate it = solver.start(problem, u0);
      SolveResult r = new Driver(rules(spec, spec.iterations()), spec.recordEvery()).run(it, observers);
      iterations = r.iterations();
      nanos = r.solveNanos();
      why = r.termination();
      detail = r.detail();
    }
    History h = recorder.history();
    int hit = -1;
    double hitSeconds = Double.NaN;
    double[] t = h.column(History.ITERATION);
    double[] e = h.column("test_error");
    double[] s = h.column("elapsed_s");
    for (int i = 0; i < e.length; i++) {
      if (e[i] <= spec.eps()) {
        hit = (int) t[i];
        hitSeconds = s[i];
        break;
      }
    }
    double finalError = why == Termination.DIVERGED ? Double.NaN : e[e.length - 1];
    return new CompareRun(task.method(), task.kappa(), task.noise(), task.width(), hit, hitSeconds, finalError,
        iterations, nanos * 1e-9, why, detail, h);
  }

  private static Solver solver(CompareSpec spec, CompareMethod m) {
    return switch (m) {
      case GD, SPECTRAL_GD -> GradientDescent.plain(StepRule.defaultRule());
      case SCALED_GD -> ScaledDirection.exact().solver();
      case SCALED_GD_LAMBDA -> ScaledDirection.damped(spec.r()).solver();
      case PREC_GD -> ScaledDirection.precGd().solver();
      case DEEP -> DeepFactorisation.of(spec.depth());
      case NUCLEAR -> throw new IllegalArgumentException("the nuclear-norm baseline runs as a path");
    };
  }

  private static Mat start(CompareSpec spec, Task task, Problem problem, long seed) {
    return switch (task.method()) {
      case SPECTRAL_GD, SCALED_GD -> new SpectralInit(spec.r(), spec.alpha()).initialise(problem, task.width(), seed);
      case DEEP -> new SmallRandomInit(spec.deepAlpha()).initialise(problem, task.width(), seed);
      default -> new SmallRandomInit(spec.alpha()).initialise(problem, task.width(), seed);
    };
  }
}
