package io.lowrank.testkit;

import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.operator.MeasurementOperator;
import java.util.SplittableRandom;

/** Checks the defining identities of a {@link MeasurementOperator} on random inputs. */
public final class AdjointChecker {
  private AdjointChecker() {}

  /** A random dense matrix (symmetric when the operator is symmetric). */
  public static Mat randomMatrix(MeasurementOperator op, SplittableRandom rng) {
    Mat z = gaussian(op.rows(), op.cols(), rng);
    if (op.symmetric()) {
      for (int i = 0; i < z.rows(); i++) {
        for (int j = 0; j < i; j++) {
          z.set(i, j, z.get(j, i));
        }
      }
    }
    return z;
  }

  /** An n x k matrix of N(0, 1) entries. */
  public static Mat gaussian(int rows, int cols, SplittableRandom rng) {
    Mat z = new Mat(rows, cols);
    for (int i = 0; i < z.data().length; i++) {
      z.data()[i] = rng.nextGaussian();
    }
    return z;
  }

  /** |&lt;A(Z), v&gt; - &lt;Z, A*(v)&gt;| / (||A(Z)|| ||v||) for random Z and v. */
  public static double adjointMismatch(MeasurementOperator op, SplittableRandom rng) {
    Mat z = randomMatrix(op, rng);
    double[] v = gaussian(op.size(), 1, rng).data();
    double[] az = new double[op.size()];
    op.forwardDense(z, az);
    Mat atv = new Mat(op.rows(), op.cols());
    op.adjointDense(v, atv);
    double lhs = Dense.dot(az, v);
    double rhs = Dense.dot(z.data(), atv.data());
    return Math.abs(lhs - rhs) / (Dense.norm(az) * Dense.norm(v));
  }

  /**
   * Relative difference between the factored forward A(L R^T) (L == R == U for symmetric models)
   * and the dense forward of the formed product.
   */
  public static double factoredForwardMismatch(MeasurementOperator op, int width, SplittableRandom rng) {
    Mat l = gaussian(op.rows(), width, rng);
    Mat r = op.symmetric() ? l : gaussian(op.cols(), width, rng);
    double[] factored = new double[op.size()];
    op.forward(l, r, factored, op.workspace(width));
    Mat product = new Mat(op.rows(), op.cols());
    Dense.multiplyTransB(l, r, product);
    double[] dense = new double[op.size()];
    op.forwardDense(product, dense);
    return relative(factored, dense);
  }

  /** Relative difference between A*(v) R computed factored and as dense A*(v) times R. */
  public static double factoredAdjointMismatch(MeasurementOperator op, int width, SplittableRandom rng) {
    double[] v = gaussian(op.size(), 1, rng).data();
    Mat r = gaussian(op.cols(), width, rng);
    Mat factored = new Mat(op.rows(), width);
    op.adjointTimes(v, r, factored, op.workspace(width));
    Mat dense = new Mat(op.rows(), op.cols());
    op.adjointDense(v, dense);
    Mat expected = new Mat(op.rows(), width);
    Dense.multiply(dense, r, expected);
    return relative(factored.data(), expected.data());
  }

  /** ||a - b|| / ||b||. */
  public static double relative(double[] a, double[] b) {
    double num = 0.0;
    double den = 0.0;
    for (int i = 0; i < a.length; i++) {
      num += (a[i] - b[i]) * (a[i] - b[i]);
      den += b[i] * b[i];
    }
    return Math.sqrt(num / den);
  }
}
