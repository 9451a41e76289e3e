package io.lowrank.solver;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.model.Problem;
import io.lowrank.objective.SymmetricObjective;

/**
 * Gradient methods on the symmetric factorisation, U_{t+1} = U_t - mu D(U_t), where D is the
 * gradient (plain GD, docs/math.md §3) or a preconditioned gradient supplied by a {@link Direction}.
 */
public final class GradientDescent implements Solver {
  private final StepRule stepRule;
  private final Direction direction;

  public GradientDescent(StepRule stepRule, Direction direction) {
    this.stepRule = java.util.Objects.requireNonNull(stepRule, "stepRule");
    this.direction = java.util.Objects.requireNonNull(direction, "direction");
  }

  /** Plain GD with the given step rule. */
  public static GradientDescent plain(StepRule stepRule) {
    return new GradientDescent(stepRule, Direction.gradient());
  }

  @Override
  public Method method() {
    return direction.method();
  }

  @Override
  public Iterate start(Problem problem, Mat initialFactor) {
    Check.shape(initialFactor.rows() == problem.n(), "U0 has %d rows but the problem has n = %d",
        initialFactor.rows(), problem.n());
    Check.finite(initialFactor.data(), "U0");
    double mu = stepRule.resolve(problem);
    return new State(problem, initialFactor.copy(), mu, direction.resolve(problem).bind(problem.n(), initialFactor.cols()));
  }

  private static final class State implements Iterate, Stateful {
    private final SymmetricObjective objective;
    private final Mat u;
    private final Mat grad;
    private final double mu;
    private final Direction.Bound direction;
    private double loss;

    State(Problem problem, Mat u, double mu, Direction.Bound direction) {
      this.objective = new SymmetricObjective(problem, u.cols());
      this.u = u;
      this.grad = new Mat(u.rows(), u.cols());
      this.mu = mu;
      this.direction = direction;
      this.loss = objective.valueAndGradient(u, grad);
    }

    @Override
    public void step() {
      Mat d = direction.direction(u, u, grad, loss);
      Dense.axpy(-mu, d.data(), u.data());
      loss = objective.valueAndGradient(u, grad);
    }

    @Override
    public void saveState(Snapshot out, String prefix) {
      out.putMat(prefix + ".factor", u);
    }

    @Override
    public void restoreState(Snapshot in, String prefix) {
      in.matInto(prefix + ".factor", u);
      loss = objective.valueAndGradient(u, grad);
    }

    @Override
    public double loss() {
      return loss;
    }

    @Override
    public double referenceLoss() {
      return objective.referenceLoss();
    }

    @Override
    public Mat factor() {
      return u;
    }

    @Override
    public double stepSize() {
      return mu;
    }
  }
}
