package io.lowrank.experiment.run;

import io.lowrank.als.AlternatingLeastSquares;
import io.lowrank.convex.NuclearNormPath;
import io.lowrank.deep.DeepFactorisation;
import io.lowrank.experiment.spec.MethodSpec;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.spec.StopSpec;
import io.lowrank.linalg.Mat;
import io.lowrank.model.Problem;
import io.lowrank.solver.AsymmetricGradientDescent;
import io.lowrank.solver.Damping;
import io.lowrank.solver.Direction;
import io.lowrank.solver.GradientDescent;
import io.lowrank.solver.Iterate;
import io.lowrank.solver.Observer;
import io.lowrank.solver.ScaledDirection;
import io.lowrank.solver.SolveResult;
import io.lowrank.solver.StepRule;
import io.lowrank.solver.StopRules;
import java.time.Duration;
import java.util.List;

/** The solver of a method spec (docs/math.md, "Methods"), and the Driver's stop rules of a spec. */
final class Solvers {
  /** Conjugate-gradient iterations per ALS half-step. */
  static final int ALS_INNER_ITERATIONS = 100;
  /** Relative residual at which an ALS half-step's CG stops. */
  static final double ALS_INNER_TOLERANCE = 1e-12;

  private Solvers() {}

  /** Iteration budget, tolerance and time limit (divergence detection is always on). */
  static StopRules rules(RunSpec spec) {
    StopSpec s = spec.stop();
    StopRules rules = StopRules.iterations(s.iterations()).withTolerance(s.tolerance());
    return s.timeLimit() == null ? rules : rules.withTimeLimit(Duration.ofNanos(Math.round(s.timeLimit() * 1e9)));
  }

  /** An absolute step, or the fraction c of lambda_1(A*(y)) (one meaning for every model). */
  static StepRule stepRule(MethodSpec m) {
    return m.step() != null ? new StepRule.Absolute(m.step()) : new StepRule.SpectralFraction(m.stepFraction());
  }

  /** The preconditioning direction of a method of the GD family. */
  static Direction direction(MethodSpec m, Integer rank) {
    if (m instanceof MethodSpec.ScaledGd) {
      return ScaledDirection.exact();
    }
    if (m instanceof MethodSpec.ScaledGdLambda l) {
      return new ScaledDirection(l.lambda() != null ? new Damping.Fixed(l.lambda())
          : new Damping.SpectralFraction(l.lambdaFraction(), rank == null ? 0 : rank));
    }
    if (m instanceof MethodSpec.PrecGd) {
      return ScaledDirection.precGd();
    }
    return Direction.gradient();
  }

  /** The trajectory of a factored method from its start. */
  static Iterate start(RunSpec spec, Workload w, Problem problem, Starts.Start start) {
    MethodSpec m = spec.method();
    Integer rank = w.rank().orElse(null);
    if (m instanceof MethodSpec.Deep d) {
      return new DeepFactorisation(d.depth(), stepRule(m)).start(problem, start.left());
    }
    if (m instanceof MethodSpec.Als als) {
      return new AlternatingLeastSquares(new AlternatingLeastSquares.Config(als.ridge(), ALS_INNER_ITERATIONS,
          ALS_INNER_TOLERANCE), new StepRule.Absolute(als.step())).start(problem, start.left(), start.right());
    }
    if (spec.problem().symmetricModel()) {
      return new GradientDescent(stepRule(m), direction(m, rank)).start(problem, start.left());
    }
    return new AsymmetricGradientDescent(stepRule(m), direction(m, rank)).start(problem, start.left(), start.right());
  }

  /** The outcome of the nuclear-norm path, as a factored result. */
  record Path(SolveResult solve, Mat left, Mat right, double stepSize) {}

  /**
   * The nuclear-norm path of a spec: {@code stages} warm-started FISTA solves sharing the iteration
   * budget, ending at final_lambda, or noise x sqrt(n1 + n2) on noisy data, or final_fraction x
   * lambda_max. The tolerance and time limit of the spec do not apply (each stage has its own
   * tolerance on the change of Z).
   */
  static Path nuclear(RunSpec spec, Workload w, Problem problem, List<? extends Observer> observers) {
    MethodSpec.Nuclear m = (MethodSpec.Nuclear) spec.method();
    double finalLambda = m.finalLambda() != null ? m.finalLambda()
        : w.noise() > 0 ? w.noise() * Math.sqrt((double) (w.rows() + w.cols())) : 0.0;
    NuclearNormPath.Config c = new NuclearNormPath.Config(m.stages(), m.finalFraction(), finalLambda,
        Math.max(1, spec.stop().iterations() / m.stages()), m.stageTolerance());
    NuclearNormPath.Result r = NuclearNormPath.run(problem, c, spec.recording().every(), observers);
    SolveResult first = r.stages().get(0).result();
    SolveResult last = r.stages().get(r.stages().size() - 1).result();
    SolveResult solve = new SolveResult(r.termination(), r.iterations(), first.initialLoss(), last.finalLoss(),
        r.solveNanos(), Double.NaN, NuclearNormPath.describe(r));
    return new Path(solve, r.last().factor(), r.last().rightFactor(), r.last().stepSize());
  }
}
