package io.lowrank.deep;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.model.Problem;
import io.lowrank.operator.MeasurementOperator;
import java.util.List;

/**
 * The exact trace of the Hessian of the training loss of a deep factorisation (docs/math.md,
 * "Flatness"): f(W_1, ..., W_L) = 1/4 ||A(U U^T) - y||^2 with U = W_L ... W_1, W_L n x r' and
 * W_j r' x r' (j &lt; L), as in {@link DeepFactorisation}; L = 1 is the plain factorisation.
 *
 * <p>With residual ρ = A(U U^T) - y, f = 1/4 Σ_i ρ_i² has Hessian 1/2 Σ_i (∇ρ_i ∇ρ_i^T + ρ_i ∇²ρ_i), so
 * <pre>  tr ∇²f = 1/2 Σ_k ||J e_k||² + 1/2 Σ_k &lt;ρ, ∂²_k A(U U^T)&gt;</pre>
 * over the coordinates k of all layers. For an entry (a, b) of W_j write U = S_j W_j P_j with
 * S_j = W_L ... W_{j+1} (I for j = L) and P_j = W_{j-1} ... W_1 (I for j = 1): ∂U = s_a p_b^T
 * (s_a column a of S_j, p_b row b of P_j), so J e_k = A(s_a v_b^T + v_b s_a^T) with v_b = U p_b
 * (column b of U P_j^T), and ∂²(U U^T) = 2 s_a s_a^T ||p_b||², whence the second term is
 * Σ_j ||P_j||_F² &lt;A*(ρ), S_j S_j^T&gt;. At an interpolating solution (ρ = 0) only the first,
 * Gauss-Newton, term remains. The computation is exact: one forward pass of width 2 per
 * parameter ((L-1) r'² + n r' of them) and one dense adjoint, for any measurement operator.
 * Allocates its buffers once per call; nothing passed in is modified.
 */
public final class HessianTrace {
  private HessianTrace() {}

  /**
   * The trace and its two parts.
   *
   * @param total tr ∇²f
   * @param gaussNewton 1/2 Σ_k ||J e_k||² (the whole trace at an interpolating solution)
   * @param residualPart 1/2 Σ_k &lt;ρ, ∂²_k A(U U^T)&gt;
   * @param parameters the number of coordinates
   */
  public record Result(double total, double gaussNewton, double residualPart, long parameters) {}

  /**
   * tr ∇²f at the layers {@code layers.get(j - 1) = W_j}, j = 1..L.
   *
   * @throws IllegalArgumentException when the shapes do not chain to an n x r' factor
   */
  public static Result of(Problem problem, List<Mat> layers) {
    int depth = layers.size();
    Check.positive(depth, "depth L");
    MeasurementOperator op = problem.operator();
    int n = problem.n();
    Mat top = layers.get(depth - 1);
    int w = top.cols();
    Check.shape(top.rows() == n, "W_L is %d x %d but the problem has n = %d", top.rows(), top.cols(), n);
    for (int j = 0; j < depth - 1; j++) {
      Mat l = layers.get(j);
      Check.shape(l.rows() == w && l.cols() == w, "W_%d is %d x %d, expected %d x %d", j + 1, l.rows(), l.cols(), w, w);
    }
    // prefix[j] = P_{j+1} = W_j ... W_1 (w x w; identity for j = 0); suffix[j] = S_{j+1} (n x ?)
    Mat[] prefix = new Mat[depth];
    prefix[0] = identity(w);
    for (int j = 1; j < depth; j++) {
      prefix[j] = new Mat(w, w);
      Dense.multiply(layers.get(j - 1), prefix[j - 1], prefix[j]);
    }
    Mat[] suffix = new Mat[depth];
    suffix[depth - 1] = identity(n);
    if (depth > 1) {
      suffix[depth - 2] = top.copy();
      for (int j = depth - 3; j >= 0; j--) {
        suffix[j] = new Mat(n, w);
        Dense.multiply(suffix[j + 1], layers.get(j + 1), suffix[j]);
      }
    }
    Mat u = new Mat(n, w);
    Dense.multiply(top, prefix[depth - 1], u);
    double[] y = problem.y();
    double[] rho = new double[op.size()];
    op.forward(u, u, rho, op.workspace(w));
    for (int i = 0; i < rho.length; i++) {
      rho[i] -= y[i];
    }
    Mat adjoint = new Mat(n, n);
    op.adjointDense(rho, adjoint);

    MeasurementOperator.Workspace ws = op.workspace(2);
    Mat left = new Mat(n, 2);
    Mat right = new Mat(n, 2);
    double[] out = new double[op.size()];
    double gn = 0;
    double second = 0;
    long parameters = 0;
    for (int j = 0; j < depth; j++) {
      Mat s = suffix[j];
      Mat v = new Mat(n, w);
      Dense.multiplyTransB(u, prefix[j], v);
      for (int a = 0; a < s.cols(); a++) {
        for (int b = 0; b < w; b++) {
          for (int i = 0; i < n; i++) {
            left.set(i, 0, s.get(i, a));
            left.set(i, 1, v.get(i, b));
            right.set(i, 0, v.get(i, b));
            right.set(i, 1, s.get(i, a));
          }
          op.forward(left, right, out, ws);
          gn += Dense.dot(out, out);
          parameters++;
        }
      }
      // <A*(rho), S_j S_j^T> ||P_j||_F^2
      Mat as = new Mat(n, s.cols());
      Dense.multiply(adjoint, s, as);
      double inner = 0;
      for (int k = 0; k < as.data().length; k++) {
        inner += as.data()[k] * s.data()[k];
      }
      double p2 = Dense.normF(prefix[j]);
      second += inner * p2 * p2;
    }
    return new Result(0.5 * gn + second, 0.5 * gn, second, parameters);
  }

  /**
   * tr ∇²g for the unfactorised model g(M) = 1/4 ||A(M) - y||^2 over symmetric M, coordinates
   * M_aa and M_ab = M_ba (a &lt; b): 1/2 Σ_k ||A(E_k)||², the same at every M (the Hessian is constant).
   */
  public static double unfactorised(MeasurementOperator op) {
    int n = op.rows();
    Mat e = new Mat(n, n);
    double[] out = new double[op.size()];
    double sum = 0;
    for (int a = 0; a < n; a++) {
      for (int b = a; b < n; b++) {
        e.set(a, b, 1.0);
        e.set(b, a, 1.0);
        op.forwardDense(e, out);
        sum += Dense.dot(out, out);
        e.set(a, b, 0.0);
        e.set(b, a, 0.0);
      }
    }
    return 0.5 * sum;
  }

  private static Mat identity(int k) {
    Mat m = new Mat(k, k);
    for (int i = 0; i < k; i++) {
      m.set(i, i, 1.0);
    }
    return m;
  }
}
