package io.lowrank.solver;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Cholesky;
import io.lowrank.linalg.Mat;
import io.lowrank.model.Problem;
import java.util.Arrays;

/**
 * The preconditioned direction D = grad (P^T P + lambda I)^{-1} of the ScaledGD family
 * (docs/math.md §5), with P the partner factor (P = U for symmetric models; R for the L-step and L for
 * the R-step of asymmetric ones) and lambda from a {@link Damping}:
 * <ul>
 *   <li>ScaledGD (Tong, Ma, Chi 2021): lambda = 0, exact rank r' = r, spectral start;</li>
 *   <li>ScaledGD(lambda) (Xu, Shen, Ma, Chi 2023): fixed lambda, default 0.1 lambda_r(A*(y));</li>
 *   <li>PrecGD (Zhang, Fattahi, Zhang 2021): lambda_t = sqrt(f(U_t)).</li>
 * </ul>
 * The r' x r' system is solved by a preallocated {@link Cholesky}; a step allocates nothing and
 * costs O(n r'^2 + r'^3). When P^T P + lambda I is not numerically positive definite (exact
 * ScaledGD at a rank-deficient factor) the direction is NaN, which the {@link Driver} reports as
 * DIVERGED rather than returning a wrong iterate.
 */
public final class ScaledDirection implements Direction {
  /** The default step mu = 0.5 of the ScaledGD family (docs/math.md §5). */
  public static final double DEFAULT_STEP = 0.5;

  private final Damping damping;

  public ScaledDirection(Damping damping) {
    this.damping = java.util.Objects.requireNonNull(damping, "damping");
  }

  /** ScaledGD: lambda = 0. */
  public static ScaledDirection exact() {
    return new ScaledDirection(new Damping.None());
  }

  /** ScaledGD(lambda) with the default damping 0.1 lambda_rank(A*(y)) (rank 0: estimated). */
  public static ScaledDirection damped(int rank) {
    return new ScaledDirection(new Damping.SpectralFraction(Damping.SpectralFraction.DEFAULT_C, rank));
  }

  /** PrecGD: lambda_t = sqrt(f(U_t)). */
  public static ScaledDirection precGd() {
    return new ScaledDirection(new Damping.RootLoss());
  }

  /** The default step rule of the family, mu = 0.5. */
  public static StepRule defaultStep() {
    return new StepRule.Absolute(DEFAULT_STEP);
  }

  /** A solver with this direction and the default step mu = 0.5. */
  public GradientDescent solver() {
    return new GradientDescent(defaultStep(), this);
  }

  /** The damping rule (unresolved rules stay as given). */
  public Damping damping() {
    return damping;
  }

  @Override
  public Method method() {
    if (damping instanceof Damping.None) {
      return Method.SCALED_GD;
    }
    return damping instanceof Damping.RootLoss ? Method.PREC_GD : Method.SCALED_GD_LAMBDA;
  }

  @Override
  public Direction resolve(Problem problem) {
    Damping resolved = damping.resolve(problem);
    return resolved == damping ? this : new ScaledDirection(resolved);
  }

  @Override
  public Bound bind(int n, int width) {
    Check.positive(n, "n");
    Check.positive(width, "width");
    if (damping instanceof Damping.SpectralFraction) {
      throw new IllegalStateException("the spectral damping needs the problem: call resolve(problem) before bind");
    }
    return new Buffers(damping, n, width);
  }

  /** Per-trajectory buffers: the Gram matrix, its factor and the direction. */
  private static final class Buffers implements Bound {
    private final Damping damping;
    private final Mat gram;
    private final Cholesky cholesky;
    private final Mat out;

    Buffers(Damping damping, int n, int width) {
      this.damping = damping;
      this.gram = new Mat(width, width);
      this.cholesky = new Cholesky(width);
      this.out = new Mat(n, width);
    }

    /** g = P^T P + lambda I (k x k), upper triangle accumulated row by row, then mirrored. */
    private static void gramPlusDamping(Mat partner, double lambda, double[] g, int k) {
      Arrays.fill(g, 0.0);
      double[] p = partner.data();
      int rows = partner.rows();
      for (int i = 0; i < rows; i++) {
        int row = i * k;
        for (int a = 0; a < k; a++) {
          double pa = p[row + a];
          int ga = a * k;
          for (int b = a; b < k; b++) {
            g[ga + b] += pa * p[row + b];
          }
        }
      }
      for (int a = 0; a < k; a++) {
        g[a * k + a] += lambda;
        for (int b = a + 1; b < k; b++) {
          g[b * k + a] = g[a * k + b];
        }
      }
    }

    @Override
    public Mat direction(Mat factor, Mat partner, Mat grad, double loss) {
      if (partner.cols() != gram.cols() || grad.rows() != out.rows() || grad.cols() != out.cols()) {
        Check.shape(false, "direction: partner %s and gradient %s do not match the bound %s", partner, grad, out);
      }
      double lambda = damping.at(loss);
      int k = gram.cols();
      double[] g = gram.data();
      gramPlusDamping(partner, lambda, g, k);
      if (!cholesky.factor(g)) {
        Arrays.fill(out.data(), Double.NaN);
        return out;
      }
      cholesky.solveRows(grad, out);
      return out;
    }
  }
}
