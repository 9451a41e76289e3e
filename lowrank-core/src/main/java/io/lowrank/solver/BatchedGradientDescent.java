package io.lowrank.solver;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.model.Problem;
import io.lowrank.objective.BatchedSymmetricObjective;
import java.util.List;

/**
 * Plain gradient descent (docs/math.md §3) on K trajectories of one problem at once:
 * U_k ← U_k - mu grad f(U_k), all members evaluated in one shared pass over the measurement
 * operator per iteration (see {@link BatchedSymmetricObjective}). This is what alpha sweeps and
 * seeds of the initialisation on one problem need: each row of A is read once per iteration for all
 * K members instead of K times.
 *
 * <p>Member k's trajectory is bit-identical to {@link GradientDescent#plain(StepRule)} started at
 * the k-th initial factor, whichever other members are still running. Run the batch with
 * {@link Driver#run(BatchIterate, List)}, which keeps stop rules and observers per member.
 */
public final class BatchedGradientDescent {
  private final StepRule stepRule;

  public BatchedGradientDescent(StepRule stepRule) {
    this.stepRule = java.util.Objects.requireNonNull(stepRule, "stepRule");
  }

  /** The method of every member (GD, as for {@link GradientDescent#plain}). */
  public Method method() {
    return Method.GD;
  }

  /**
   * Allocates every buffer of K = initialFactors.size() trajectories (factors copied, all of one
   * width) and evaluates the objective at each.
   */
  public BatchIterate start(Problem problem, List<Mat> initialFactors) {
    Check.shape(!initialFactors.isEmpty(), "a batch needs at least one initial factor");
    int width = initialFactors.get(0).cols();
    Mat[] u = new Mat[initialFactors.size()];
    for (int k = 0; k < u.length; k++) {
      Mat f = initialFactors.get(k);
      Check.shape(f.rows() == problem.n() && f.cols() == width,
          "U0[%d] is %d x %d but the batch needs %d x %d", k, f.rows(), f.cols(), problem.n(), width);
      Check.finite(f.data(), "U0");
      u[k] = f.copy();
    }
    return new Batch(problem, u, stepRule.resolve(problem));
  }

  private static final class Batch implements BatchIterate {
    private final BatchedSymmetricObjective objective;
    private final Mat[] u;
    private final Mat[] grad;
    private final double[] loss;
    private final double mu;
    private final Iterate[] views;
    // compacted arguments of the members being evaluated (reused every step)
    private final Mat[] evalU;
    private final Mat[] evalGrad;
    private final double[] evalLoss;
    private final int[] evalIndex;

    Batch(Problem problem, Mat[] u, double mu) {
      int k = u.length;
      this.objective = new BatchedSymmetricObjective(problem, u[0].cols(), k);
      this.u = u;
      this.mu = mu;
      this.grad = new Mat[k];
      this.loss = new double[k];
      this.views = new Iterate[k];
      this.evalU = new Mat[k];
      this.evalGrad = new Mat[k];
      this.evalLoss = new double[k];
      this.evalIndex = new int[k];
      for (int i = 0; i < k; i++) {
        grad[i] = new Mat(u[i].rows(), u[i].cols());
        views[i] = new Member(i);
      }
      objective.valuesAndGradients(k, u, grad, loss);
    }

    @Override
    public int size() {
      return u.length;
    }

    @Override
    public Iterate member(int k) {
      return views[k];
    }

    @Override
    public void step(boolean[] active) {
      int count = 0;
      for (int k = 0; k < u.length; k++) {
        if (!active[k]) {
          continue;
        }
        Dense.axpy(-mu, grad[k].data(), u[k].data());
        evalU[count] = u[k];
        evalGrad[count] = grad[k];
        evalIndex[count] = k;
        count++;
      }
      objective.valuesAndGradients(count, evalU, evalGrad, evalLoss);
      for (int j = 0; j < count; j++) {
        loss[evalIndex[j]] = evalLoss[j];
      }
    }

    /** Read-only view of member k. */
    private final class Member implements Iterate {
      private final int k;

      Member(int k) {
        this.k = k;
      }

      @Override
      public void step() {
        throw new UnsupportedOperationException("members of a batch advance through BatchIterate.step");
      }

      @Override
      public double loss() {
        return loss[k];
      }

      @Override
      public double referenceLoss() {
        return objective.referenceLoss();
      }

      @Override
      public Mat factor() {
        return u[k];
      }

      @Override
      public double stepSize() {
        return mu;
      }
    }
  }
}
