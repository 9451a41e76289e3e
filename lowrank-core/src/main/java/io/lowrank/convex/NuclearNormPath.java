package io.lowrank.convex;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Mat;
import io.lowrank.model.Problem;
import io.lowrank.solver.Driver;
import io.lowrank.solver.Iterate;
import io.lowrank.solver.Observer;
import io.lowrank.solver.SolveResult;
import io.lowrank.solver.StopRules;
import io.lowrank.solver.Termination;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A regularisation path of the nuclear-norm baseline (PSD or general, as {@link NuclearNormFista}
 * chooses by the operator): lambda_k = lambda_max q^k, k = 1..K, with
 * q = finalFraction^(1/K), each stage solved by {@link NuclearNormFista} on the one {@link Driver}
 * and warm-started from the previous stage's solution (Z_0 = 0 for the first). A stage ends when
 * the relative change ||Z_t - Z_{t-1}||_F / ||Z_t||_F falls to the stage tolerance or its
 * iteration budget is used. Observers see one continuous run: iterations and solve time are
 * offset across stages.
 */
public final class NuclearNormPath {

  /**
   * @param stages K >= 1
   * @param finalFraction lambda_K / lambda_max, in (0, 1]
   * @param finalLambda an absolute final lambda (overrides finalFraction when > 0), e.g. a
   *     noise-level choice
   * @param stageIterations iteration budget per stage
   * @param tolerance stage tolerance on the relative change of Z
   */
  public record Config(int stages, double finalFraction, double finalLambda, int stageIterations, double tolerance) {
    public Config {
      Check.inRange(stages, 1, 10_000, "path stages");
      Check.inRange(finalFraction, Double.MIN_NORMAL, 1.0, "final lambda fraction");
      Check.nonNegative(finalLambda, "final lambda");
      Check.inRange(stageIterations, 1, Integer.MAX_VALUE - 1, "iterations per stage");
      Check.inRange(tolerance, 0.0, 1.0, "stage tolerance");
    }

    /** K stages down to lambda_max * finalFraction. */
    public static Config of(int stages, double finalFraction, int stageIterations, double tolerance) {
      return new Config(stages, finalFraction, 0.0, stageIterations, tolerance);
    }
  }

  /** One solved stage. */
  public record Stage(double lambda, SolveResult result, double objective) {}

  /**
   * The path's outcome.
   *
   * @param stages every stage in order
   * @param last the final stage's iterate (its Z and factor)
   * @param iterations total iterations
   * @param solveNanos total solve time
   * @param termination CONVERGED when the last stage met its tolerance, else that stage's termination
   */
  public record Result(List<Stage> stages, NuclearNormFista.State last, int iterations, long solveNanos,
      Termination termination) {}

  private NuclearNormPath() {}

  /** The lambdas of the path, descending. */
  public static double[] lambdas(Problem problem, Config c) {
    double max = Penalty.lambdaMax(problem);
    double end = c.finalLambda() > 0 ? Math.min(c.finalLambda(), max) : max * c.finalFraction();
    double[] out = new double[c.stages()];
    for (int k = 1; k <= c.stages(); k++) {
      out[k - 1] = max * Math.pow(end / Math.max(max, Double.MIN_NORMAL), (double) k / c.stages());
    }
    return out;
  }

  /** Runs the path; observers see the concatenated run at the given cadence. */
  public static Result run(Problem problem, Config c, int recordEvery, List<? extends Observer> observers) {
    double[] lambdas = lambdas(problem, c);
    Mat startLeft = new Mat(problem.operator().rows(), 1);
    Mat startRight = new Mat(problem.operator().cols(), 1);
    List<Stage> stages = new ArrayList<>();
    int offset = 0;
    long nanos = 0;
    NuclearNormFista.State state = null;
    SolveResult result = null;
    for (int k = 0; k < lambdas.length; k++) {
      NuclearNormFista solver = new NuclearNormFista(new Penalty.Absolute(lambdas[k]));
      state = state == null ? solver.start(problem, startLeft, startRight)
          : solver.start(problem, state.factor(), state.rightFactor());
      List<Observer> wrapped = new ArrayList<>();
      boolean last = k == lambdas.length - 1;
      for (Observer o : observers) {
        wrapped.add(new Offset(o, offset, nanos, k > 0, last));
      }
      wrapped.add(new StageConverged(c.tolerance()));
      result = new Driver(StopRules.iterations(c.stageIterations()), recordEvery).run(state, wrapped);
      stages.add(new Stage(lambdas[k], result, state.objective()));
      offset += result.iterations();
      nanos += result.solveNanos();
      if (result.termination() == Termination.DIVERGED || result.termination() == Termination.INTERRUPTED) {
        break;
      }
    }
    Termination why = result.termination() == Termination.EARLY_STOPPED && state.relativeChange() <= c.tolerance()
        ? Termination.CONVERGED : result.termination();
    return new Result(List.copyOf(stages), state, offset, nanos, why);
  }

  /** A one-line description of a path result. */
  public static String describe(Result r) {
    return String.format(Locale.ROOT, "%d stages, %d iterations, final lambda %.3e, %s", r.stages().size(),
        r.iterations(), r.stages().get(r.stages().size() - 1).lambda(), r.termination());
  }

  /** Ends a stage when Z stops moving. */
  private static final class StageConverged implements Observer {
    private final double tolerance;
    private boolean done;

    StageConverged(double tolerance) {
      this.tolerance = tolerance;
    }

    @Override
    public void observe(int iteration, Iterate state, long solveNanos) {
      done = iteration > 0 && ((NuclearNormFista.State) state).relativeChange() <= tolerance;
    }

    @Override
    public boolean stopRequested() {
      return done;
    }
  }

  /** Shifts iterations and time so that observers see one continuous run. */
  private static final class Offset implements Observer {
    private final Observer inner;
    private final int iterations;
    private final long nanos;
    private final boolean skipFirst;
    private final boolean forwardFinish;

    Offset(Observer inner, int iterations, long nanos, boolean skipFirst, boolean forwardFinish) {
      this.inner = inner;
      this.iterations = iterations;
      this.nanos = nanos;
      this.skipFirst = skipFirst;
      this.forwardFinish = forwardFinish;
    }

    @Override
    public void observe(int iteration, Iterate state, long solveNanos) {
      if (iteration == 0 && skipFirst) {
        return;
      }
      inner.observe(iteration + iterations, state, solveNanos + nanos);
    }

    @Override
    public boolean stopRequested() {
      return inner.stopRequested();
    }

    @Override
    public void finish(SolveResult result) {
      if (forwardFinish) {
        inner.finish(result);
      }
    }
  }
}
