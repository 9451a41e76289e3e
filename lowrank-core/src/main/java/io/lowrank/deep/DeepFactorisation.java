package io.lowrank.deep;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Decompositions;
import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.model.Problem;
import io.lowrank.objective.SymmetricObjective;
import io.lowrank.solver.Iterate;
import io.lowrank.solver.Method;
import io.lowrank.solver.Solver;
import io.lowrank.solver.StepRule;

/**
 * Deep factorisation by gradient descent, symmetric variant: M = U U^T with the factor itself a
 * depth-L product U = W_L W_{L-1} ... W_1, W_L in R^{n x r'} and W_j in R^{r' x r'} for j &lt; L (so
 * M is a product of 2L factors, W_L ... W_1 W_1^T ... W_L^T, and L = 1 is the plain factorisation
 * of docs/math.md §3). This is the PSD counterpart of the deep matrix factorisation of Arora, Cohen, Hu
 * and Luo (NeurIPS 2019), whose end-to-end product W_L ... W_1 is not symmetric; measured by a
 * symmetric operator only its symmetric part would count, so we factor U instead.
 *
 * <p>Objective f(W_1..W_L) = 1/4 ||A(U U^T) - y||^2; with G = A*(A(UU^T) - y) U the gradient in U,
 * grad_{W_j} f = (W_L ... W_{j+1})^T G (W_{j-1} ... W_1)^T. All layers take a simultaneous GD
 * step W_j &lt;- W_j - mu grad_{W_j}.
 *
 * <p>Start: the given U_0 = P Σ Q^T (thin SVD) is spread over the layers as W_1 = Σ^{1/L} Q^T,
 * W_j = Σ^{1/L} (1 &lt; j &lt; L), W_L = P Σ^{1/L}, so the product is exactly U_0 and the layers are
 * exactly balanced, W_{j+1}^T W_{j+1} = W_j W_j^T (Arora et al.'s balanced initialisation), which
 * gradient flow then conserves. A small U_0
 * (alpha ~ 1e-2) gives the small start of the implicit-regularisation experiments.
 *
 * <p>The default step is mu = (0.5 / L) / lambda_1(A*(y)): at a balanced solution every layer moves
 * U by about one plain-GD step, so the curvature along the top direction is about L times that of
 * plain GD (stable for mu &lt; 1 / (L lambda_1)); 0.5 / L keeps a factor 2 from that limit (plain GD's
 * default 0.25 keeps 4, but deep factorisation is slow enough already). A step allocates nothing
 * and costs one objective evaluation plus O(L n r'^2).
 */
public final class DeepFactorisation implements Solver {
  private final int depth;
  private final StepRule stepRule;

  /** @param depth L >= 1 */
  public DeepFactorisation(int depth, StepRule stepRule) {
    this.depth = Check.inRange(depth, 1, 64, "depth L");
    this.stepRule = java.util.Objects.requireNonNull(stepRule, "stepRule");
  }

  /** The default step fraction c: mu = (c / L) / lambda_1(A*(y)). */
  public static final double DEFAULT_C = 0.5;

  /** Depth L with the default step (0.5 / L) / lambda_1(A*(y)). */
  public static DeepFactorisation of(int depth) {
    Check.inRange(depth, 1, 64, "depth L");
    return new DeepFactorisation(depth, defaultStep(depth));
  }

  /** The default step rule for depth L. */
  public static StepRule defaultStep(int depth) {
    Check.inRange(depth, 1, 64, "depth L");
    return new StepRule.SpectralFraction(DEFAULT_C / depth);
  }

  public int depth() {
    return depth;
  }

  @Override
  public Method method() {
    return Method.DEEP;
  }

  @Override
  public State start(Problem problem, Mat initialFactor) {
    Check.shape(initialFactor.rows() == problem.n(), "U0 has %d rows but the problem has n = %d",
        initialFactor.rows(), problem.n());
    Check.finite(initialFactor.data(), "U0");
    Check.shape(initialFactor.cols() <= initialFactor.rows(), "U0 has width %d above n = %d; accepted: r' <= n",
        initialFactor.cols(), initialFactor.rows());
    return new State(problem, initialFactor, depth, stepRule.resolve(problem));
  }

  /** One trajectory: the layers, their prefix and suffix products and the gradients. */
  public static final class State implements Iterate {
    private final SymmetricObjective objective;
    private final int depth;
    private final double mu;
    /** layers[j] = W_{j+1}: layers[0..L-2] are r' x r', layers[L-1] is n x r'. */
    private final Mat[] layers;
    private final Mat[] gradients;
    /** prefix[j] = W_{j+1} ... W_1 (r' x r'), j = 0..L-2. */
    private final Mat[] prefix;
    /** suffix[j] = W_L ... W_{j+2} (n x r'), j = 0..L-2; suffix[L-2] = W_L. */
    private final Mat[] suffix;
    private final Mat u;
    private final Mat gradU;
    private final Mat tmp;
    private double loss;

    State(Problem problem, Mat u0, int depth, double mu) {
      int n = u0.rows();
      int w = u0.cols();
      this.depth = depth;
      this.mu = mu;
      this.objective = new SymmetricObjective(problem, w);
      this.layers = new Mat[depth];
      this.gradients = new Mat[depth];
      this.prefix = new Mat[Math.max(depth - 1, 0)];
      this.suffix = new Mat[Math.max(depth - 1, 0)];
      for (int j = 0; j < depth - 1; j++) {
        gradients[j] = new Mat(w, w);
        prefix[j] = new Mat(w, w);
        suffix[j] = new Mat(n, w);
      }
      if (depth == 1) {
        layers[0] = u0.copy();
      } else {
        balancedLayers(u0, depth, layers);
      }
      gradients[depth - 1] = new Mat(n, w);
      this.u = new Mat(n, w);
      this.gradU = new Mat(n, w);
      this.tmp = new Mat(n, w);
      evaluate();
    }

    /**
     * The exactly balanced factorisation of U_0 = P Σ Q^T (thin SVD): W_1 = Σ^{1/L} Q^T,
     * W_j = Σ^{1/L} (1 &lt; j &lt; L), W_L = P Σ^{1/L}, so that W_{j+1}^T W_{j+1} = W_j W_j^T = Σ^{2/L}.
     */
    private static void balancedLayers(Mat u0, int depth, Mat[] layers) {
      int n = u0.rows();
      int w = u0.cols();
      Decompositions.Svd svd = Decompositions.svd(u0, true);
      double[] root = new double[w];
      for (int k = 0; k < w && k < svd.s().length; k++) {
        root[k] = Math.pow(Math.max(svd.s()[k], 0.0), 1.0 / depth);
      }
      Mat first = new Mat(w, w);
      for (int a = 0; a < w; a++) {
        for (int b = 0; b < w; b++) {
          first.set(a, b, root[a] * svd.v().get(b, a));
        }
      }
      layers[0] = first;
      for (int j = 1; j < depth - 1; j++) {
        layers[j] = new Mat(w, w);
        for (int a = 0; a < w; a++) {
          layers[j].set(a, a, root[a]);
        }
      }
      Mat last = new Mat(n, w);
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < w; k++) {
          last.set(i, k, svd.u().get(i, k) * root[k]);
        }
      }
      layers[depth - 1] = last;
    }

    /** Recomputes prefix products, U, f(U) and G. */
    private void evaluate() {
      if (depth == 1) {
        u.copyFrom(layers[0]);
      } else {
        prefix[0].copyFrom(layers[0]);
        for (int j = 1; j < depth - 1; j++) {
          Dense.multiply(layers[j], prefix[j - 1], prefix[j]);
        }
        Dense.multiply(layers[depth - 1], prefix[depth - 2], u);
      }
      loss = objective.valueAndGradient(u, gradU);
    }

    /** gradients[j] = grad_{W_{j+1}} f at the current layers. */
    private void computeGradients() {
      int last = depth - 1;
      if (depth == 1) {
        gradients[0].copyFrom(gradU);
      } else {
        // suffix products W_L ... W_{j+2}
        suffix[last - 1].copyFrom(layers[last]);
        for (int j = last - 2; j >= 0; j--) {
          Dense.multiply(suffix[j + 1], layers[j + 1], suffix[j]);
        }
        // grad W_L = G (W_{L-1} ... W_1)^T
        Dense.multiplyTransB(gradU, prefix[last - 1], gradients[last]);
        for (int j = 0; j < last; j++) {
          Mat right = j == 0 ? gradU : tmp;
          if (j > 0) {
            Dense.multiplyTransB(gradU, prefix[j - 1], tmp);
          }
          Dense.multiplyTransA(suffix[j], right, gradients[j]);
        }
      }
    }

    @Override
    public void step() {
      computeGradients();
      for (int j = 0; j < depth; j++) {
        Dense.axpy(-mu, gradients[j].data(), layers[j].data());
      }
      evaluate();
    }

    @Override
    public double loss() {
      return loss;
    }

    @Override
    public double referenceLoss() {
      return objective.referenceLoss();
    }

    /** The end-to-end factor U = W_L ... W_1 (live view, read only). */
    @Override
    public Mat factor() {
      return u;
    }

    @Override
    public double stepSize() {
      return mu;
    }

    /**
     * grad_{W_j} f at the current layers, j = 1..L (an internal buffer, overwritten by the next call
     * or step; read only).
     */
    public Mat gradient(int j) {
      Check.inRange(j, 1, depth, "layer index");
      computeGradients();
      return gradients[j - 1];
    }

    /** The depth L. */
    public int depth() {
      return depth;
    }

    /** Layer W_j, j = 1..L (live view, read only). */
    public Mat layer(int j) {
      Check.inRange(j, 1, depth, "layer index");
      return layers[j - 1];
    }
  }
}
