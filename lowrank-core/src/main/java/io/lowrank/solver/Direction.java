package io.lowrank.solver;

import io.lowrank.linalg.Mat;
import io.lowrank.model.Problem;

/**
 * The search direction of a gradient method: GD uses the gradient itself; ScaledGD,
 * ScaledGD(lambda) and PrecGD right-multiply it by a preconditioner. A direction is a strategy:
 * {@link #bind(int, int)} allocates its per-trajectory buffers once.
 */
public interface Direction {

  /** The method of a solver built on this direction. */
  Method method();

  /**
   * This direction with its problem-dependent constants fixed (e.g. a default damping computed from
   * the spectrum of A*(y)). Solvers call it once per trajectory, before {@link #bind}; the default
   * has no such constants and returns {@code this}.
   */
  default Direction resolve(Problem problem) {
    return this;
  }

  /** Allocates buffers for factors of shape n x width. */
  Bound bind(int n, int width);

  /** A direction bound to one trajectory's buffers. */
  interface Bound {
    /**
     * The direction D to subtract from a factor, F ← F - mu D, given the factor F, its partner P,
     * the gradient with respect to F and the loss. Symmetric models pass P = F = U; asymmetric
     * models pass (F, P) = (L, R) for the L-step and (R, L) for the R-step, so that ScaledGD's
     * preconditioner (P^T P + lambda I)^{-1} is built from the partner. May return {@code grad}
     * itself or an internal buffer; allocates nothing.
     */
    Mat direction(Mat factor, Mat partner, Mat grad, double loss);
  }

  /** Plain gradient descent: D = grad f(U). */
  static Direction gradient() {
    return Gradient.INSTANCE;
  }

  /** The identity direction. */
  final class Gradient implements Direction, Bound {
    static final Gradient INSTANCE = new Gradient();

    private Gradient() {}

    @Override
    public Method method() {
      return Method.GD;
    }

    @Override
    public Bound bind(int n, int width) {
      return this;
    }

    @Override
    public Mat direction(Mat factor, Mat partner, Mat grad, double loss) {
      return grad;
    }
  }
}
