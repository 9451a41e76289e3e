package io.lowrank.experiment.compare;

import io.lowrank.diagnostics.Columns;
import io.lowrank.diagnostics.History;
import io.lowrank.experiment.run.ProgressListener;
import io.lowrank.experiment.run.RunResult;
import io.lowrank.experiment.run.Runner;
import io.lowrank.experiment.spec.Combinations;
import io.lowrank.experiment.spec.ProblemSpec;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.spec.SpecException;
import io.lowrank.solver.Termination;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The solver family side by side (docs/math.md, "Methods"): every row ({@link Variant}) on every
 * configuration of a base {@link RunSpec}, across condition numbers, noise levels and widths. All
 * runs go through the {@link Runner}: one problem per (kappa, noise), shared by every row (and
 * the GOE operator shared by all of them, as it depends only on n, m and the seed), each run
 * single-threaded and seeded, so the results, timings aside, do not depend on the thread count.
 */
public final class Comparison {
  private Comparison() {}

  /**
   * What to compare.
   *
   * @param base the problem (model, sizes; its kappa and noise are replaced by the lists), start scale,
   *     stop rules, recording and seed shared by every run; its width is replaced by the list
   * @param kappas condition numbers of M* (one value, ignored, for a loaded instance)
   * @param noises noise levels (one value, ignored, for a loaded instance)
   * @param widths factor widths r'
   * @param variants the rows, in table order
   * @param alpha the small start (and the spare columns of the spectral start)
   * @param deepAlpha the small start of deep factorisation
   * @param depth the depth of deep factorisation
   * @param eps the relative test error whose hitting iteration and time are reported
   * @param rank the rank r of the problem (exact ScaledGD runs only at r' = r): the planted one, or
   *     that of a loaded instance's X.npy; null when unknown
   */
  public record Plan(RunSpec base, List<Double> kappas, List<Double> noises, List<Integer> widths, List<Variant> variants,
      double alpha, double deepAlpha, int depth, double eps, Integer rank) {
    public Plan {
      if (rank == null) {
        rank = base.problem().rank();
      }
      kappas = List.copyOf(kappas);
      noises = List.copyOf(noises);
      widths = List.copyOf(widths);
      variants = List.copyOf(variants);
      if (kappas.isEmpty() || noises.isEmpty() || widths.isEmpty() || variants.isEmpty()) {
        throw new SpecException("", "a comparison needs at least one kappa, noise level, width and method");
      }
      if (!(eps > 0 && eps < 1)) {
        throw SpecException.invalid("eps", eps, "0 < eps < 1, e.g. 1e-6");
      }
      boolean loaded = base.problem() instanceof ProblemSpec.Instance;
      if (loaded && (kappas.size() > 1 || noises.size() > 1)) {
        throw new SpecException("kappa", "a loaded instance fixes M* and the noise, so lists of kappa or noise have "
            + "nothing to vary; accepted: one instance, without kappa and noise lists");
      }
      var accepted = Combinations.methods(base.model(), base.problem().symmetricModel());
      for (Variant v : variants) {
        if (!accepted.contains(v.method())) {
          throw new SpecException("methods", v.id() + " does not run on " + base.model().id() + "; accepted: "
              + Variant.ids(Variant.defaults(base.problem().symmetricModel()).stream()
                  .filter(x -> accepted.contains(x.method())).toList()));
        }
      }
    }

  }

  /**
   * Everything a comparison produced.
   *
   * @param plan what was compared
   * @param threads worker threads
   * @param runs every run, in table order (noise, kappa, row, width)
   * @param wallSeconds total wall time
   */
  public record Outcome(Plan plan, int threads, List<CompareRun> runs, double wallSeconds) {

    /** True when some run diverged. */
    public boolean anyDiverged() {
      return runs.stream().anyMatch(r -> r.termination() == Termination.DIVERGED);
    }

    /** True when some run ended with a finite error without reaching ε (the tables then explain why). */
    public boolean anyNotReached() {
      return runs.stream().anyMatch(r -> !r.reached() && Double.isFinite(r.finalError()));
    }
  }

  /** The spec of a row at a configuration. */
  record Task(Variant variant, double kappa, double noise, int width, RunSpec spec) {}

  /** The runs of a plan in table order. */
  static List<Task> tasks(Plan plan) {
    List<Task> out = new ArrayList<>();
    RunSpec base = plan.base();
    Integer rank = plan.rank();
    for (double noise : plan.noises()) {
      for (double kappa : plan.kappas()) {
        ProblemSpec problem = withKappaAndNoise(base.problem(), kappa, noise);
        for (Variant v : plan.variants()) {
          if (!v.usesWidth()) {
            out.add(new Task(v, kappa, noise, 0, row(base, problem, v, plan, base.width())));
            continue;
          }
          for (int w : plan.widths()) {
            if (rank == null || v.runsAt(w, rank)) {
              out.add(new Task(v, kappa, noise, w, row(base, problem, v, plan, w)));
            }
          }
        }
      }
    }
    return out;
  }

  /** The base spec with a row's problem, method, start and width. */
  private static RunSpec row(RunSpec base, ProblemSpec problem, Variant v, Plan plan, Integer width) {
    return new RunSpec(problem, v.init(plan.alpha(), plan.deepAlpha()), v.methodSpec(plan.depth()), base.stop(),
        base.recording(), width, base.seed(), base.threads(), base.precision());
  }

  /** The problem with another kappa and noise (a loaded instance keeps its own). */
  static ProblemSpec withKappaAndNoise(ProblemSpec p, double kappa, double noise) {
    if (p instanceof ProblemSpec.Goe g) {
      return new ProblemSpec.Goe(g.n(), g.r(), kappa, g.spacing(), g.m(), null, noise);
    }
    if (p instanceof ProblemSpec.Structured g) {
      return new ProblemSpec.Structured(g.n(), g.r(), kappa, g.spacing(), g.m(), null, noise);
    }
    if (p instanceof ProblemSpec.RankOne g) {
      return new ProblemSpec.RankOne(g.n(), g.r(), kappa, g.spacing(), g.m(), null, noise);
    }
    if (p instanceof ProblemSpec.Asymmetric a) {
      return new ProblemSpec.Asymmetric(null, a.n1(), a.n2(), a.r(), kappa, a.spacing(), a.m(), null, noise);
    }
    if (p instanceof ProblemSpec.Completion c) {
      return new ProblemSpec.Completion(c.n(), c.n1(), c.n2(), c.symmetric(), c.r(), kappa, c.spacing(), c.sampling(),
          noise);
    }
    return p;
  }

  /** The specs of a plan, in table order. */
  public static List<RunSpec> specs(Plan plan) {
    return tasks(plan).stream().map(Task::spec).toList();
  }

  /** The number of runs {@link #run} will make (for progress bars). */
  public static int countRuns(Plan plan) {
    return tasks(plan).size();
  }

  /**
   * What a row without "iterations to ε" means: the run stopped (budget, stall or convergence of the
   * training loss) before its test error reached ε. For the small-start methods the usual reason is
   * the α floor: their final error shrinks with the initial scale α (docs/solvers.md).
   *
   * @param column the table column, as the table names it
   * @param eps how the table writes ε
   */
  public static String notReachedNote(String column, String eps) {
    return "under " + column + ": " + eps + " was not reached before the run stopped (see its termination). "
        + "Small-start methods (GD, ScaledGD(λ), PrecGD) end at an error floor that shrinks with --alpha "
        + "(docs/solvers.md): lower --alpha, or raise --iters for a slow end game.";
  }

  /** Runs the comparison on {@code threads} worker threads. */
  public static Outcome run(Plan plan, int threads, ProgressListener listener) {
    return run(plan, threads, (runner, specs) -> runner.runAll(specs, listener));
  }

  /** Runs (or loads) the specs of a comparison; e.g. a resumable job that stores every run as it finishes. */
  @FunctionalInterface
  public interface Execution {
    /** Every spec's result. */
    Map<RunSpec, RunResult> runAll(Runner runner, List<RunSpec> specs);
  }

  /** Runs the comparison on {@code threads} worker threads through {@code execution}. */
  public static Outcome run(Plan plan, int threads, Execution execution) {
    long start = System.nanoTime();
    List<Task> tasks = tasks(plan);
    Map<RunSpec, RunResult> results = execution.runAll(new Runner(threads), tasks.stream().map(Task::spec).toList());
    List<CompareRun> runs = new ArrayList<>();
    for (Task t : tasks) {
      runs.add(row(plan, t, results.get(t.spec())));
    }
    return new Outcome(plan, threads, List.copyOf(runs), (System.nanoTime() - start) * 1e-9);
  }

  /** A run's row: hitting iteration and time of eps, final error, termination. */
  static CompareRun row(Plan plan, Task task, RunResult result) {
    History h = result.history();
    int hit = -1;
    double hitSeconds = Double.NaN;
    double[] t = h.column(Columns.ITERATION);
    double[] e = h.column(Columns.TEST_ERROR);
    double[] s = h.column(Columns.ELAPSED_S);
    for (int i = 0; i < e.length; i++) {
      if (e[i] <= plan.eps()) {
        hit = (int) t[i];
        hitSeconds = s[i];
        break;
      }
    }
    Termination why = result.solve().termination();
    double finalError = why == Termination.DIVERGED ? Double.NaN : e[e.length - 1];
    return new CompareRun(task.variant(), task.kappa(), task.noise(), task.width(), hit, hitSeconds, finalError,
        result.solve().iterations(), result.solve().solveNanos() * 1e-9, why, result.solve().detail(), h, result);
  }
}
