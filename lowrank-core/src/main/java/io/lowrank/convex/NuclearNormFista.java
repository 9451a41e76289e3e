package io.lowrank.convex;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.linalg.SymmetricEigenSolver;
import io.lowrank.model.Problem;
import io.lowrank.operator.MeasurementOperator;
import io.lowrank.solver.Iterate;
import io.lowrank.solver.Solver;
import io.lowrank.solver.StepRule;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The convex baseline of MATH.md §3 on the PSD cone: minimise
 * F(Z) = 1/2 ||A(Z) - y||^2 + lambda tr(Z) over Z PSD (tr Z = ||Z||_* there), by accelerated
 * proximal gradient (FISTA, Beck and Teboulle 2009) with eigenvalue thresholding as the proximal
 * map, prox(W) = V diag(max(d - s lambda, 0)) V^T for W = V diag(d) V^T, and the adaptive
 * (gradient) restart of O'Donoghue and Candès (2015), which restores linear convergence on
 * strongly convex pieces.
 *
 * <p>Step: by default s = 1/L with L = ||A||^2 estimated by power iteration at the start, and a
 * backtracking check of the quadratic upper bound at every step (halving s when it fails). An
 * absolute {@link StepRule} fixes s and disables backtracking (a step far above 1/L then diverges,
 * which the Driver reports).
 *
 * <p>As an {@link Iterate}: {@link Iterate#factor()} is F = V diag(sqrt(d_+)) (n x n, F F^T = Z),
 * so ground-truth probes see Z = U U^T as for the factored methods; {@link Iterate#loss()} is the
 * data fit 1/4 ||A(Z) - y||^2 (the scale of f(U), so relative residuals compare across solvers);
 * the penalised objective F(Z) is {@link State#objective()}. The start factor U_0 gives
 * Z_0 = U_0 U_0^T (warm starts pass the previous factor). One step costs one dense forward map,
 * one dense adjoint and one n x n eigen-decomposition (more when backtracking); the solver's own
 * buffers are preallocated.
 */
public final class NuclearNormFista implements Solver {
  /** Power iterations for the estimate of ||A||^2. */
  private static final int POWER_ITERATIONS = 40;
  /** Safety factor on the estimated Lipschitz constant. */
  private static final double LIPSCHITZ_MARGIN = 1.05;
  /** Largest number of step halvings in one backtracking search. */
  private static final int MAX_HALVINGS = 50;

  private final Penalty penalty;
  private final StepRule.Absolute fixedStep;

  /** Default step 1/L with backtracking. */
  public NuclearNormFista(Penalty penalty) {
    this(penalty, null);
  }

  /** @param fixedStep an absolute step (no backtracking), or null for 1/L with backtracking */
  public NuclearNormFista(Penalty penalty, StepRule.Absolute fixedStep) {
    this.penalty = java.util.Objects.requireNonNull(penalty, "penalty");
    this.fixedStep = fixedStep;
  }

  public Penalty penalty() {
    return penalty;
  }

  @Override
  public String name() {
    return "nuclear-norm";
  }

  @Override
  public State start(Problem problem, Mat initialFactor) {
    Check.shape(problem.operator().symmetric(),
        "the PSD nuclear-norm solver needs a symmetric measurement model");
    Check.shape(initialFactor.rows() == problem.n(), "U0 has %d rows but the problem has n = %d",
        initialFactor.rows(), problem.n());
    Check.finite(initialFactor.data(), "U0");
    double lambda = penalty.resolve(problem);
    boolean backtrack = fixedStep == null;
    double step = backtrack ? 1.0 / (LIPSCHITZ_MARGIN * lipschitz(problem.operator())) : fixedStep.mu();
    return new State(problem, initialFactor, lambda, step, backtrack);
  }

  /** ||A||^2 on symmetric matrices, by power iteration on A*A from a fixed-seed start. */
  static double lipschitz(MeasurementOperator op) {
    int n = op.rows();
    Mat z = new Mat(n, n);
    SplittableRandom rng = new SplittableRandom(0x11F5L);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double g = rng.nextGaussian();
        z.set(i, j, g);
        z.set(j, i, g);
      }
    }
    double[] az = new double[op.size()];
    Mat w = new Mat(n, n);
    double estimate = 0.0;
    for (int k = 0; k < POWER_ITERATIONS; k++) {
      double norm = Dense.normF(z);
      for (int i = 0; i < z.data().length; i++) {
        z.data()[i] /= norm;
      }
      op.forwardDense(z, az);
      op.adjointDense(az, w);
      estimate = Dense.dot(z.data(), w.data());
      z.copyFrom(w);
    }
    return Math.max(estimate, Double.MIN_NORMAL);
  }

  /** One FISTA trajectory. */
  public static final class State implements Iterate {
    private final MeasurementOperator op;
    private final double[] y;
    private final int n;
    private final double lambda;
    private final boolean backtrack;
    private final double referenceLoss;
    private final SymmetricEigenSolver eigen;
    private Mat z;
    private Mat zPrev;
    private double[] az;
    private double[] azPrev;
    private double[] azNew;
    private Mat zNew;
    private final Mat point;
    private final double[] aPoint;
    private final double[] residual;
    private final Mat grad;
    private final Mat factor;
    private double step;
    private double momentum = 1.0;
    private double loss;
    private double objective;
    private double relativeChange = Double.POSITIVE_INFINITY;
    private int restarts;

    State(Problem problem, Mat u0, double lambda, double step, boolean backtrack) {
      this.op = problem.operator();
      this.y = problem.y();
      this.n = problem.n();
      this.lambda = lambda;
      this.step = step;
      this.backtrack = backtrack;
      double s = 0.0;
      for (double v : y) {
        s += v * v;
      }
      this.referenceLoss = 0.25 * s;
      int m = op.size();
      this.eigen = new SymmetricEigenSolver(n);
      this.z = new Mat(n, n);
      this.zPrev = new Mat(n, n);
      this.zNew = new Mat(n, n);
      this.point = new Mat(n, n);
      this.grad = new Mat(n, n);
      this.factor = new Mat(n, n);
      this.az = new double[m];
      this.azPrev = new double[m];
      this.azNew = new double[m];
      this.aPoint = new double[m];
      this.residual = new double[m];
      Dense.multiplyTransB(u0, u0, z);
      zPrev.copyFrom(z);
      factorOf(z);
      op.forwardDense(z, az);
      System.arraycopy(az, 0, azPrev, 0, m);
      evaluate();
    }

    @Override
    public void step() {
      double nextMomentum = 0.5 * (1.0 + Math.sqrt(1.0 + 4.0 * momentum * momentum));
      double beta = (momentum - 1.0) / nextMomentum;
      double[] zd = z.data();
      double[] zp = zPrev.data();
      double[] pd = point.data();
      for (int i = 0; i < pd.length; i++) {
        pd[i] = zd[i] + beta * (zd[i] - zp[i]);
      }
      double fPoint = 0.0;
      for (int i = 0; i < aPoint.length; i++) {
        aPoint[i] = (1.0 + beta) * az[i] - beta * azPrev[i];
        double r = aPoint[i] - y[i];
        residual[i] = r;
        fPoint += 0.5 * r * r;
      }
      op.adjointDense(residual, grad);
      double[] gd = grad.data();
      for (int tries = 0; ; tries++) {
        if (!proximalStep(pd, gd)) {
          Arrays.fill(zNew.data(), Double.NaN);
          Arrays.fill(azNew, Double.NaN);
          break;
        }
        op.forwardDense(zNew, azNew);
        if (!backtrack || tries >= MAX_HALVINGS || sufficientDecrease(fPoint, pd, gd)) {
          break;
        }
        step *= 0.5;
      }
      // adaptive restart: the step moved against the momentum direction
      double[] zn = zNew.data();
      double along = 0.0;
      double change = 0.0;
      double size = 0.0;
      for (int i = 0; i < zn.length; i++) {
        along += (pd[i] - zn[i]) * (zn[i] - zd[i]);
        change += (zn[i] - zd[i]) * (zn[i] - zd[i]);
        size += zn[i] * zn[i];
      }
      relativeChange = Math.sqrt(change / Math.max(size, Double.MIN_NORMAL));
      if (along > 0) {
        momentum = 1.0;
        restarts++;
      } else {
        momentum = nextMomentum;
      }
      Mat tm = zPrev;
      zPrev = z;
      z = zNew;
      zNew = tm;
      double[] ta = azPrev;
      azPrev = az;
      az = azNew;
      azNew = ta;
      evaluate();
    }

    /** zNew = prox(point - step grad), factor = its PSD square-root factor; false if eig fails. */
    private boolean proximalStep(double[] pd, double[] gd) {
      double[] w = zNew.data();
      for (int i = 0; i < w.length; i++) {
        w[i] = pd[i] - step * gd[i];
      }
      if (!eigen.decompose(w)) {
        return false;
      }
      double[] vals = eigen.values();
      double[] vecs = eigen.vectors();
      double[] f = factor.data();
      double shrink = step * lambda;
      for (int c = 0; c < n; c++) {
        double s = Math.sqrt(Math.max(vals[c] - shrink, 0.0));
        for (int i = 0; i < n; i++) {
          f[i * n + c] = vecs[i * n + c] * s;
        }
      }
      Dense.multiplyTransB(factor, factor, zNew);
      return true;
    }

    /** The quadratic upper bound at the new point holds (with round-off slack). */
    private boolean sufficientDecrease(double fPoint, double[] pd, double[] gd) {
      double fNew = 0.0;
      for (int i = 0; i < azNew.length; i++) {
        double r = azNew[i] - y[i];
        fNew += 0.5 * r * r;
      }
      double[] zn = zNew.data();
      double linear = 0.0;
      double quad = 0.0;
      for (int i = 0; i < zn.length; i++) {
        double d = zn[i] - pd[i];
        linear += gd[i] * d;
        quad += d * d;
      }
      double bound = fPoint + linear + quad / (2.0 * step);
      return fNew <= bound + 1e-12 * Math.max(Math.abs(bound), referenceLoss);
    }

    private void evaluate() {
      double s = 0.0;
      for (int i = 0; i < az.length; i++) {
        double r = az[i] - y[i];
        s += r * r;
      }
      loss = 0.25 * s;
      objective = 0.5 * s + lambda * Dense.trace(z);
    }

    private void factorOf(Mat zIn) {
      if (!eigen.decompose(zIn.data())) {
        Arrays.fill(factor.data(), Double.NaN);
        return;
      }
      double[] vals = eigen.values();
      double[] vecs = eigen.vectors();
      double[] f = factor.data();
      for (int c = 0; c < n; c++) {
        double s = Math.sqrt(Math.max(vals[c], 0.0));
        for (int i = 0; i < n; i++) {
          f[i * n + c] = vecs[i * n + c] * s;
        }
      }
    }

    @Override
    public double loss() {
      return loss;
    }

    @Override
    public double referenceLoss() {
      return referenceLoss;
    }

    /** F = V diag(sqrt(d_+)), n x n, with F F^T = Z (live view, read only). */
    @Override
    public Mat factor() {
      return factor;
    }

    @Override
    public double stepSize() {
      return step;
    }

    /** Z, the current PSD iterate (live view, read only). */
    public Mat z() {
      return z;
    }

    /** The penalised objective 1/2 ||A(Z) - y||^2 + lambda tr Z. */
    public double objective() {
      return objective;
    }

    /** The penalty weight lambda in use. */
    public double lambda() {
      return lambda;
    }

    /** ||Z_t - Z_{t-1}||_F / ||Z_t||_F of the last step (infinite before the first). */
    public double relativeChange() {
      return relativeChange;
    }

    /** Number of momentum restarts so far. */
    public int restarts() {
      return restarts;
    }
  }
}
