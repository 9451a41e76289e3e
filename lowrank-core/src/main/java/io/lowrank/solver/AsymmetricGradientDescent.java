package io.lowrank.solver;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.model.Problem;
import io.lowrank.objective.AsymmetricObjective;

/**
 * Gradient methods on the asymmetric factor model f(L, R) = 1/2 ||A(L R^T) - y||^2 (docs/math.md §3):
 * L_{t+1} = L_t - mu D_L, R_{t+1} = R_t - mu D_R, both directions taken at (L_t, R_t). The
 * directions come from a {@link Direction}, bound once for L (n1 x r') and once for R (n2 x r'),
 * and called as {@code direction(L, R, gradL, f)} and {@code direction(R, L, gradR, f)}: plain GD
 * with {@link Direction#gradient()} (implicit balancing, Soltanolkotabi, Stöger and Xie 2023);
 * asymmetric ScaledGD by supplying a Direction that right-multiplies by (P^T P + lambda I)^{-1} of
 * the partner P. No balancing regulariser is added.
 *
 * <p>Step rule: as for every model ({@link StepRule}); {@link StepRule.SpectralFraction} resolves
 * to mu = c / ||A*(y)|| ({@link Problem#spectralScale()}, computed without dense matrices).
 *
 * <p>Start with {@link #start(Problem, Mat, Mat)}; the one-factor {@link #start(Problem, Mat)} is
 * refused because the model has two factors.
 */
public final class AsymmetricGradientDescent implements Solver {
  private final StepRule stepRule;
  private final Direction direction;

  public AsymmetricGradientDescent(StepRule stepRule, Direction direction) {
    this.stepRule = java.util.Objects.requireNonNull(stepRule, "stepRule");
    this.direction = java.util.Objects.requireNonNull(direction, "direction");
  }

  /** Plain asymmetric GD with the given step rule. */
  public static AsymmetricGradientDescent plain(StepRule stepRule) {
    return new AsymmetricGradientDescent(stepRule, Direction.gradient());
  }

  @Override
  public Method method() {
    return direction.method();
  }

  /** mu for this problem under the rule (see the class comment). */
  public double stepSize(Problem problem) {
    return stepRule.resolve(problem);
  }

  @Override
  public Iterate start(Problem problem, Mat initialFactor) {
    throw new UnsupportedOperationException(
        "the asymmetric model needs two starting factors: call start(problem, L0, R0)");
  }

  @Override
  public Iterate start(Problem problem, Mat left0, Mat right0) {
    Check.shape(left0.rows() == problem.operator().rows() && right0.rows() == problem.operator().cols(),
        "L0 is %s and R0 is %s but the problem measures %d x %d matrices", left0, right0,
        problem.operator().rows(), problem.operator().cols());
    Check.shape(left0.cols() == right0.cols(), "L0 is %s and R0 is %s: they need the same width", left0, right0);
    Check.finite(left0.data(), "L0");
    Check.finite(right0.data(), "R0");
    double mu = stepSize(problem);
    int k = left0.cols();
    Direction resolved = direction.resolve(problem);
    return new State(problem, left0.copy(), right0.copy(), mu, resolved.bind(left0.rows(), k),
        resolved.bind(right0.rows(), k));
  }

  private static final class State implements Iterate, Stateful {
    private final AsymmetricObjective objective;
    private final Mat left;
    private final Mat right;
    private final Mat gradL;
    private final Mat gradR;
    private final double mu;
    private final Direction.Bound dirL;
    private final Direction.Bound dirR;
    private double loss;

    State(Problem problem, Mat left, Mat right, double mu, Direction.Bound dirL, Direction.Bound dirR) {
      this.objective = new AsymmetricObjective(problem, left.cols());
      this.left = left;
      this.right = right;
      this.gradL = new Mat(left.rows(), left.cols());
      this.gradR = new Mat(right.rows(), right.cols());
      this.mu = mu;
      this.dirL = dirL;
      this.dirR = dirR;
      this.loss = objective.valueAndGradient(left, right, gradL, gradR);
    }

    @Override
    public void step() {
      Mat dl = dirL.direction(left, right, gradL, loss);
      Mat dr = dirR.direction(right, left, gradR, loss);
      subtract(left, dl);
      subtract(right, dr);
      loss = objective.valueAndGradient(left, right, gradL, gradR);
    }

    private void subtract(Mat f, Mat d) {
      Dense.axpy(-mu, d.data(), f.data());
    }

    @Override
    public void saveState(Snapshot out, String prefix) {
      out.putMat(prefix + ".left", left);
      out.putMat(prefix + ".right", right);
    }

    @Override
    public void restoreState(Snapshot in, String prefix) {
      in.matInto(prefix + ".left", left);
      in.matInto(prefix + ".right", right);
      loss = objective.valueAndGradient(left, right, gradL, gradR);
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
      return left;
    }

    @Override
    public Mat rightFactor() {
      return right;
    }

    @Override
    public double stepSize() {
      return mu;
    }
  }
}
