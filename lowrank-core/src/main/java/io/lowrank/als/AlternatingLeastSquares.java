package io.lowrank.als;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Mat;
import io.lowrank.model.Problem;
import io.lowrank.objective.AsymmetricObjective;
import io.lowrank.operator.MeasurementOperator;
import io.lowrank.solver.Iterate;
import io.lowrank.solver.Method;
import io.lowrank.solver.Solver;
import io.lowrank.solver.StepRule;

/**
 * Alternating least squares with a ridge term on the asymmetric factor model (docs/math.md §5), for any
 * measurement operator (completion, asymmetric sensing): one iteration solves
 * <pre>
 *   L_ls = argmin_L 1/2 ||A(L R^T) - y||^2 + rho/2 ||L||_F^2,   L &lt;- (1 - omega) L + omega L_ls,
 *   R_ls = argmin_R 1/2 ||A(L R^T) - y||^2 + rho/2 ||R||_F^2,   R &lt;- (1 - omega) R + omega R_ls,
 * </pre>
 * the second with the new L, and then rebalances the columns, l_k &lt;- c_k l_k, r_k &lt;- r_k / c_k with
 * c_k = sqrt(||r_k|| / ||l_k||), which leaves L R^T unchanged (ALS from a small or unbalanced start
 * otherwise drifts to ||L|| &gt;&gt; ||R||, where the ridge acts on the small factor's inverse scale and
 * biases the fit). Each ridge problem is solved matrix-free by conjugate gradients on
 * its normal equations A*(A(L R^T)) R + rho L = A*(y) R (and the transposed one for R), warm-started
 * at the current factor, so one CG step costs what one gradient evaluation costs and no n1 x n2
 * matrix is formed (completion touches only the sampled entries). For completion this is the
 * row-wise ALS of softImpute / Spark MLlib, solved iteratively instead of row by row.
 *
 * <p>omega = 1 is plain ALS (the default rule); an absolute {@link StepRule} sets the relaxation
 * omega (over-relaxation far above 2 diverges, which the Driver reports). rho = c ||A*(y)|| with
 * c = {@link Config#ridgeFraction()} (default 1e-12: a ridge that only keeps the first solves from a
 * tiny start well posed). The reported loss is f(L, R) = 1/2 ||A(L R^T) - y||^2 (without the ridge),
 * as for asymmetric GD. A step allocates nothing.
 */
public final class AlternatingLeastSquares implements Solver {

  /**
   * @param ridgeFraction c in rho = c ||A*(y)||, >= 0
   * @param innerIterations CG iterations per half-step, >= 1
   * @param innerTolerance CG stops when the normal-equation residual falls below this fraction of
   *     its right-hand side
   */
  public record Config(double ridgeFraction, int innerIterations, double innerTolerance) {
    public Config {
      Check.nonNegative(ridgeFraction, "ALS ridge fraction");
      Check.inRange(innerIterations, 1, 100_000, "ALS inner CG iterations");
      Check.inRange(innerTolerance, 0.0, 1.0, "ALS inner tolerance");
    }

    /** rho = 1e-12 ||A*(y)||, up to 100 CG iterations to a relative residual 1e-12. */
    public static Config defaults() {
      return new Config(1e-12, 100, 1e-12);
    }
  }

  private final Config config;
  private final StepRule stepRule;

  public AlternatingLeastSquares(Config config, StepRule stepRule) {
    this.config = java.util.Objects.requireNonNull(config, "config");
    this.stepRule = java.util.Objects.requireNonNull(stepRule, "stepRule");
  }

  /** Plain ALS with the default configuration. */
  public static AlternatingLeastSquares defaults() {
    return new AlternatingLeastSquares(Config.defaults(), StepRule.defaultRule());
  }

  @Override
  public Method method() {
    return Method.ALS;
  }

  @Override
  public Iterate start(Problem problem, Mat initialFactor) {
    throw new UnsupportedOperationException("ALS works on the factor pair (L, R): call start(problem, L0, R0)");
  }

  @Override
  public Iterate start(Problem problem, Mat left0, Mat right0) {
    MeasurementOperator op = problem.operator();
    Check.shape(left0.rows() == op.rows() && right0.rows() == op.cols(),
        "L0 is %s and R0 is %s but the problem measures %d x %d matrices", left0, right0, op.rows(), op.cols());
    Check.shape(left0.cols() == right0.cols(), "L0 is %s and R0 is %s: they need the same width", left0, right0);
    Check.finite(left0.data(), "L0");
    Check.finite(right0.data(), "R0");
    double omega = stepRule instanceof StepRule.Absolute a ? a.mu() : 1.0;
    double rho = config.ridgeFraction() > 0 ? config.ridgeFraction() * problem.adjointSpectralNorm() : 0.0;
    return new State(problem, left0.copy(), right0.copy(), omega, rho, config);
  }

  /** One ALS trajectory with its CG buffers. */
  private static final class State implements Iterate {
    private final MeasurementOperator op;
    private final MeasurementOperator.Workspace ws;
    private final AsymmetricObjective objective;
    private final double[] y;
    private final Mat left;
    private final Mat right;
    private final double omega;
    private final double rho;
    private final Config config;
    private final double[] meas;
    private final Cg cgLeft;
    private final Cg cgRight;
    private final Mat gradL;
    private final Mat gradR;
    private double loss;

    State(Problem problem, Mat left, Mat right, double omega, double rho, Config config) {
      this.op = problem.operator();
      this.y = problem.y();
      this.left = left;
      this.right = right;
      this.omega = omega;
      this.rho = rho;
      this.config = config;
      int k = left.cols();
      this.ws = op.workspace(k);
      this.objective = new AsymmetricObjective(problem, k);
      this.meas = new double[op.size()];
      this.cgLeft = new Cg(left.rows(), k);
      this.cgRight = new Cg(right.rows(), k);
      this.gradL = new Mat(left.rows(), k);
      this.gradR = new Mat(right.rows(), k);
      this.loss = objective.valueAndGradient(left, right, gradL, gradR);
    }

    @Override
    public void step() {
      solve(true);
      solve(false);
      balanceColumns();
      loss = objective.valueAndGradient(left, right, gradL, gradR);
    }

    /** N(X) = A*(A(X R^T)) R + rho X for the L-step, A*(A(L X^T))^T L + rho X for the R-step. */
    private void normal(boolean leftStep, Mat x, Mat out) {
      if (leftStep) {
        op.forward(x, right, meas, ws);
        op.adjointTimes(meas, right, out, ws);
      } else {
        op.forward(left, x, meas, ws);
        op.adjointTransposeTimes(meas, left, out, ws);
      }
      double[] xd = x.data();
      double[] od = out.data();
      for (int i = 0; i < od.length; i++) {
        od[i] += rho * xd[i];
      }
    }

    /** CG on the ridge normal equations of one factor, warm-started at the factor; relaxed update. */
    private void solve(boolean leftStep) {
      Mat target = leftStep ? left : right;
      Cg cg = leftStep ? cgLeft : cgRight;
      // rhs = A*(y) R (or A*(y)^T L)
      if (leftStep) {
        op.adjointTimes(y, right, cg.rhs, ws);
      } else {
        op.adjointTransposeTimes(y, left, cg.rhs, ws);
      }
      cg.x.copyFrom(target);
      normal(leftStep, cg.x, cg.ap);
      double[] r = cg.r.data();
      double[] p = cg.p.data();
      double[] b = cg.rhs.data();
      double[] ap = cg.ap.data();
      double[] x = cg.x.data();
      double rr = 0.0;
      double bb = 0.0;
      for (int i = 0; i < r.length; i++) {
        r[i] = b[i] - ap[i];
        p[i] = r[i];
        rr += r[i] * r[i];
        bb += b[i] * b[i];
      }
      double stop = config.innerTolerance() * config.innerTolerance() * bb;
      for (int it = 0; it < config.innerIterations() && rr > stop && rr > 0; it++) {
        normal(leftStep, cg.p, cg.ap);
        double pap = 0.0;
        for (int i = 0; i < p.length; i++) {
          pap += p[i] * ap[i];
        }
        if (!(pap > 0)) {
          break;
        }
        double a = rr / pap;
        double next = 0.0;
        for (int i = 0; i < r.length; i++) {
          x[i] += a * p[i];
          r[i] -= a * ap[i];
          next += r[i] * r[i];
        }
        double beta = next / rr;
        rr = next;
        for (int i = 0; i < p.length; i++) {
          p[i] = r[i] + beta * p[i];
        }
      }
      double[] t = target.data();
      for (int i = 0; i < t.length; i++) {
        t[i] += omega * (x[i] - t[i]);
      }
    }

    /** l_k &lt;- c_k l_k, r_k &lt;- r_k / c_k with c_k = sqrt(||r_k|| / ||l_k||); L R^T is unchanged. */
    private void balanceColumns() {
      int k = left.cols();
      double[] l = left.data();
      double[] r = right.data();
      for (int c = 0; c < k; c++) {
        double nl = 0.0;
        double nr = 0.0;
        for (int i = c; i < l.length; i += k) {
          nl += l[i] * l[i];
        }
        for (int i = c; i < r.length; i += k) {
          nr += r[i] * r[i];
        }
        if (!(nl > 0) || !(nr > 0) || !Double.isFinite(nl) || !Double.isFinite(nr)) {
          continue;
        }
        double scale = Math.sqrt(Math.sqrt(nr / nl));
        for (int i = c; i < l.length; i += k) {
          l[i] *= scale;
        }
        for (int i = c; i < r.length; i += k) {
          r[i] /= scale;
        }
      }
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
      return omega;
    }
  }

  /** CG buffers for one factor shape. */
  private static final class Cg {
    final Mat x;
    final Mat r;
    final Mat p;
    final Mat ap;
    final Mat rhs;

    Cg(int rows, int k) {
      x = new Mat(rows, k);
      r = new Mat(rows, k);
      p = new Mat(rows, k);
      ap = new Mat(rows, k);
      rhs = new Mat(rows, k);
    }
  }
}
