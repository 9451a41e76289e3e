package io.lowrank.convex;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.linalg.SymmetricEigenSolver;
import io.lowrank.model.Problem;
import io.lowrank.operator.MeasurementOperator;
import io.lowrank.solver.Iterate;
import io.lowrank.solver.Method;
import io.lowrank.solver.Solver;
import io.lowrank.solver.StepRule;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The convex baseline of docs/math.md §5: minimise F(Z) = 1/2 ||A(Z) - y||^2 + lambda ||Z||_* by
 * accelerated proximal gradient (FISTA, Beck and Teboulle 2009) with the adaptive (gradient)
 * restart of O'Donoghue and Candès (2015), which restores linear convergence on strongly convex
 * pieces. Two proximal maps, chosen by the operator:
 * <ul>
 *   <li>symmetric models: Z is constrained to the PSD cone (where ||Z||_* = tr Z) and the prox is
 *   eigenvalue thresholding, prox(W) = V diag(max(d - s lambda, 0)) V^T for W = V diag(d) V^T;</li>
 *   <li>asymmetric models (n1 x n2): singular value thresholding, prox(W) = U diag(max(sigma - s
 *   lambda, 0)) V^T, with the SVD read off the eigen-decomposition of the symmetric
 *   (n1 + n2) x (n1 + n2) matrix [[0, W], [W^T, 0]] (eigenvalues +-sigma_i, eigenvectors
 *   (u_i; +-v_i)/sqrt 2), so that one preallocated symmetric eigen-solver serves both.</li>
 * </ul>
 *
 * <p>Step: by default s = 1/L with L = ||A||^2 estimated by power iteration at the start, and a
 * backtracking check of the quadratic upper bound at every step (halving s when it fails). An
 * absolute {@link StepRule} fixes s and disables backtracking (a step far above 1/L then diverges,
 * which the Driver reports).
 *
 * <p>As an {@link Iterate}: {@link Iterate#factor()} is F = V diag(sqrt(d_+)) (n x n, F F^T = Z)
 * in the PSD case and L = U Sigma^{1/2} (with {@link Iterate#rightFactor()} R = V Sigma^{1/2},
 * L R^T = Z, width min(n1, n2)) otherwise, so ground-truth probes see Z as for the factored
 * methods; {@link Iterate#loss()} is the
 * data fit 1/4 ||A(Z) - y||^2 (the scale of f(U), so relative residuals compare across solvers);
 * the penalised objective F(Z) is {@link State#objective()}. The start factor U_0 gives
 * Z_0 = U_0 U_0^T ({@link #start(Problem, Mat, Mat)}: Z_0 = L_0 R_0^T; warm starts pass the previous
 * factors). One step costs one dense forward map, one dense adjoint and one eigen-decomposition
 * (more when backtracking); the solver's own buffers are preallocated.
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
  public Method method() {
    return Method.NUCLEAR;
  }

  @Override
  public State start(Problem problem, Mat initialFactor) {
    Check.shape(problem.operator().symmetric(),
        "the one-factor start Z0 = U0 U0^T needs a symmetric model; call start(problem, L0, R0)");
    Check.shape(initialFactor.rows() == problem.n(), "U0 has %d rows but the problem has n = %d",
        initialFactor.rows(), problem.n());
    return start(problem, initialFactor, initialFactor);
  }

  /** Starts at Z_0 = L_0 R_0^T (asymmetric models; for symmetric ones L_0 = R_0 = U_0 keeps Z_0 PSD). */
  @Override
  public State start(Problem problem, Mat left0, Mat right0) {
    MeasurementOperator op = problem.operator();
    Check.shape(left0.rows() == op.rows() && right0.rows() == op.cols() && left0.cols() == right0.cols(),
        "L0 is %s and R0 is %s but the problem measures %d x %d matrices", left0, right0, op.rows(), op.cols());
    Check.finite(left0.data(), "L0");
    Check.finite(right0.data(), "R0");
    double lambda = penalty.resolve(problem);
    boolean backtrack = fixedStep == null;
    double step = backtrack ? 1.0 / (LIPSCHITZ_MARGIN * lipschitz(op)) : fixedStep.mu();
    return new State(problem, left0, right0, lambda, step, backtrack);
  }

  /**
   * ||A||^2 (on symmetric matrices for symmetric models), by power iteration on A*A from a
   * fixed-seed start.
   */
  static double lipschitz(MeasurementOperator op) {
    int n1 = op.rows();
    int n2 = op.cols();
    Mat z = new Mat(n1, n2);
    SplittableRandom rng = new SplittableRandom(0x11F5L);
    for (int i = 0; i < n1; i++) {
      for (int j = 0; j < n2; j++) {
        z.set(i, j, rng.nextGaussian());
      }
    }
    if (op.symmetric()) {
      for (int i = 0; i < n1; i++) {
        for (int j = 0; j < i; j++) {
          z.set(i, j, z.get(j, i));
        }
      }
    }
    double[] az = new double[op.size()];
    Mat w = new Mat(n1, n2);
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
    private final int n1;
    private final int n2;
    private final boolean psd;
    private final double lambda;
    private final boolean backtrack;
    private final double lossScale;
    private final double referenceLoss;
    private final SymmetricEigenSolver eigen;
    /** PSD: the n x n matrix to decompose; general: the (n1 + n2)^2 Jordan-Wielandt matrix. */
    private final double[] decomposed;
    private Mat z;
    private Mat zPrev;
    private Mat zNew;
    private double[] az;
    private double[] azPrev;
    private double[] azNew;
    private final Mat point;
    private final double[] aPoint;
    private final double[] residual;
    private final Mat grad;
    private final Mat left;
    private final Mat right;
    private double step;
    private double momentum = 1.0;
    private double loss;
    private double nuclearNorm;
    private double nuclearNew;
    private double objective;
    private double relativeChange = Double.POSITIVE_INFINITY;
    private int restarts;

    State(Problem problem, Mat left0, Mat right0, double lambda, double step, boolean backtrack) {
      this.op = problem.operator();
      this.y = problem.y();
      this.n1 = op.rows();
      this.n2 = op.cols();
      this.psd = op.symmetric();
      this.lambda = lambda;
      this.step = step;
      this.backtrack = backtrack;
      this.lossScale = psd ? 0.25 : 0.5;
      double s = 0.0;
      for (double v : y) {
        s += v * v;
      }
      this.referenceLoss = lossScale * s;
      int m = op.size();
      int size = psd ? n1 : n1 + n2;
      int width = psd ? n1 : Math.min(n1, n2);
      this.eigen = new SymmetricEigenSolver(size);
      this.decomposed = new double[size * size];
      this.z = new Mat(n1, n2);
      this.zPrev = new Mat(n1, n2);
      this.zNew = new Mat(n1, n2);
      this.point = new Mat(n1, n2);
      this.grad = new Mat(n1, n2);
      this.left = new Mat(n1, width);
      this.right = psd ? left : new Mat(n2, width);
      this.az = new double[m];
      this.azPrev = new double[m];
      this.azNew = new double[m];
      this.aPoint = new double[m];
      this.residual = new double[m];
      Dense.multiplyTransB(left0, right0, zNew);
      if (!threshold(zNew.data(), 0.0)) {
        Arrays.fill(zNew.data(), Double.NaN);
      }
      nuclearNorm = nuclearNew;
      Mat t = z;
      z = zNew;
      zNew = t;
      zPrev.copyFrom(z);
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
      double[] w = zNew.data();
      for (int tries = 0; ; tries++) {
        for (int i = 0; i < w.length; i++) {
          w[i] = pd[i] - step * gd[i];
        }
        if (!threshold(w, step * lambda)) {
          Arrays.fill(w, Double.NaN);
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
      double along = 0.0;
      double change = 0.0;
      double size = 0.0;
      for (int i = 0; i < w.length; i++) {
        along += (pd[i] - w[i]) * (w[i] - zd[i]);
        change += (w[i] - zd[i]) * (w[i] - zd[i]);
        size += w[i] * w[i];
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
      nuclearNorm = nuclearNew;
      evaluate();
    }

    /**
     * Overwrites {@code w} (n1 x n2, the matrix zNew) with its thresholded version at level
     * {@code shrink}, fills the factors and nuclearNew; false when the eigen-solver fails.
     */
    private boolean threshold(double[] w, double shrink) {
      if (psd) {
        System.arraycopy(w, 0, decomposed, 0, w.length);
      } else {
        int size = n1 + n2;
        Arrays.fill(decomposed, 0.0);
        for (int i = 0; i < n1; i++) {
          for (int j = 0; j < n2; j++) {
            double x = w[i * n2 + j];
            decomposed[i * size + n1 + j] = x;
            decomposed[(n1 + j) * size + i] = x;
          }
        }
      }
      if (!eigen.decompose(decomposed)) {
        return false;
      }
      double[] vals = eigen.values();
      double[] vecs = eigen.vectors();
      int size = eigen.size();
      double[] l = left.data();
      double[] r = right.data();
      int width = left.cols();
      Arrays.fill(l, 0.0);
      if (!psd) {
        Arrays.fill(r, 0.0);
      }
      double kept = 0.0;
      int c = 0;
      for (int e = 0; e < size && c < width; e++) {
        double value = vals[e] - shrink;
        if (!(value > 0)) {
          continue;
        }
        kept += value;
        if (psd) {
          double root = Math.sqrt(value);
          for (int i = 0; i < n1; i++) {
            l[i * width + c] = vecs[i * size + e] * root;
          }
        } else {
          // eigenvector (u; v) / sqrt 2 of +sigma: u v^T sigma = 2 x_top x_bottom^T sigma
          double root = Math.sqrt(2.0 * value);
          for (int i = 0; i < n1; i++) {
            l[i * width + c] = vecs[i * size + e] * root;
          }
          for (int j = 0; j < n2; j++) {
            r[j * width + c] = vecs[(n1 + j) * size + e] * root;
          }
        }
        c++;
      }
      nuclearNew = kept;
      Dense.multiplyTransB(left, right, zNew);
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
      loss = lossScale * s;
      objective = 0.5 * s + lambda * nuclearNorm;
    }

    /**
     * The data fit: 1/4 ||A(Z) - y||^2 for symmetric models (the scale of f(U)), 1/2 ||A(Z) - y||^2
     * for asymmetric ones (the scale of f(L, R)).
     */
    @Override
    public double loss() {
      return loss;
    }

    @Override
    public double referenceLoss() {
      return referenceLoss;
    }

    /** PSD: F with F F^T = Z (n x n); general: L = U Sigma^{1/2} (live view, read only). */
    @Override
    public Mat factor() {
      return left;
    }

    /** PSD: the same F; general: R = V Sigma^{1/2} with L R^T = Z. */
    @Override
    public Mat rightFactor() {
      return right;
    }

    @Override
    public double stepSize() {
      return step;
    }

    /** Z, the current iterate (live view, read only). */
    public Mat z() {
      return z;
    }

    /** The penalised objective 1/2 ||A(Z) - y||^2 + lambda ||Z||_*. */
    public double objective() {
      return objective;
    }

    /** ||Z||_* (= tr Z on the PSD cone). */
    public double nuclearNorm() {
      return nuclearNorm;
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
