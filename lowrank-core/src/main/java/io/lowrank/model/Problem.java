package io.lowrank.model;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Decompositions;
import io.lowrank.linalg.Mat;
import io.lowrank.operator.MeasurementOperator;
import io.lowrank.random.Seeds;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A reconstruction problem: an operator A, data y = A(M*) + e and, on synthetic problems, the
 * ground truth. Immutable; the spectrum of A*(y) is computed once on first use.
 */
public final class Problem {
  private final MeasurementOperator operator;
  private final double[] y;
  private final GroundTruth truth;
  private final AsymmetricGroundTruth asymmetricTruth;
  private volatile DataSpectrum spectrum;
  private volatile double adjointNorm = Double.NaN;

  private Problem(MeasurementOperator operator, double[] y, GroundTruth truth) {
    this(operator, y, truth, null);
  }

  private Problem(MeasurementOperator operator, double[] y, GroundTruth truth, AsymmetricGroundTruth asymmetricTruth) {
    this.operator = operator;
    this.y = y;
    this.truth = truth;
    this.asymmetricTruth = asymmetricTruth;
  }

  /** A problem from given data (copied); {@code truth} may be null on real data. */
  public static Problem of(MeasurementOperator operator, double[] y, GroundTruth truth) {
    Check.shape(y.length == operator.size(), "y has %d entries but the operator makes m = %d measurements",
        y.length, operator.size());
    Check.finite(y, "y");
    if (truth != null) {
      Check.shape(truth.n() == operator.rows() && truth.n() == operator.cols(),
          "ground truth is %d x %d but the operator measures %d x %d matrices",
          truth.n(), truth.n(), operator.rows(), operator.cols());
    }
    return new Problem(operator, y.clone(), truth);
  }

  /**
   * Synthetic sensing: y = A(X X^T) + e with e_i i.i.d. N(0, sigma^2) drawn from {@code noiseSeed}.
   */
  public static Problem sense(MeasurementOperator operator, GroundTruth truth, double sigma, long noiseSeed) {
    Check.nonNegative(sigma, "noise sigma");
    double[] y = new double[operator.size()];
    MeasurementOperator.Workspace ws = operator.workspace(truth.rank());
    operator.forward(truth.factor(), truth.factor(), y, ws);
    if (sigma > 0) {
      SplittableRandom rng = Seeds.rng(noiseSeed);
      for (int i = 0; i < y.length; i++) {
        y[i] += sigma * rng.nextGaussian();
      }
    }
    return new Problem(operator, y, truth);
  }

  /**
   * A problem for the asymmetric factor model from given data (copied); {@code truth}, the planted
   * M* = L* R*^T, may be null on real data.
   */
  public static Problem ofAsymmetric(MeasurementOperator operator, double[] y, AsymmetricGroundTruth truth) {
    Check.shape(y.length == operator.size(), "y has %d entries but the operator makes m = %d measurements",
        y.length, operator.size());
    Check.finite(y, "y");
    if (truth != null) {
      checkShape(operator, truth);
    }
    return new Problem(operator, y.clone(), null, truth);
  }

  /** Synthetic asymmetric sensing: y = A(L* R*^T) + e with e_i i.i.d. N(0, sigma^2) from {@code noiseSeed}. */
  public static Problem senseAsymmetric(MeasurementOperator operator, AsymmetricGroundTruth truth, double sigma,
      long noiseSeed) {
    Check.nonNegative(sigma, "noise sigma");
    checkShape(operator, truth);
    double[] y = new double[operator.size()];
    operator.forward(truth.left(), truth.right(), y, operator.workspace(truth.rank()));
    if (sigma > 0) {
      SplittableRandom rng = Seeds.rng(noiseSeed);
      for (int i = 0; i < y.length; i++) {
        y[i] += sigma * rng.nextGaussian();
      }
    }
    return new Problem(operator, y, null, truth);
  }

  private static void checkShape(MeasurementOperator operator, AsymmetricGroundTruth truth) {
    Check.shape(truth.rows() == operator.rows() && truth.cols() == operator.cols(),
        "ground truth is %d x %d but the operator measures %d x %d matrices",
        truth.rows(), truth.cols(), operator.rows(), operator.cols());
  }

  /** The planted M* = L* R*^T of an asymmetric problem, if known. */
  public Optional<AsymmetricGroundTruth> asymmetricTruth() {
    return Optional.ofNullable(asymmetricTruth);
  }

  /** n2, the number of columns of the measured matrix (= n for symmetric problems). */
  public int cols() {
    return operator.cols();
  }

  /**
   * ||A*(y)||, the spectral norm of the adjoint applied to the data, by power iteration on
   * A*(y)^T A*(y) through the factored operator methods (never a dense n1 x n2 matrix, so it also
   * serves large completion problems). The data-only scale of the asymmetric step rule
   * mu = c / ||A*(y)||. Computed once (deterministically, from a fixed start) and cached.
   */
  public double adjointSpectralNorm() {
    double s = adjointNorm;
    if (Double.isNaN(s)) {
      s = OperatorNorms.adjointSpectralNorm(operator, y);
      adjointNorm = s;
    }
    return s;
  }

  /**
   * The data-only scale of the step rules and dampings: lambda_1(A*(y)) for symmetric models; for
   * asymmetric models the largest eigenvalue of the symmetric dilation [[0, A*(y)], [A*(y)^T, 0]],
   * which is ||A*(y)|| = sigma_1(A*(y)) ({@link #adjointSpectralNorm()}). Both estimate ||M*|| from
   * the data alone, so a step fraction c in mu = c / scale means the same for every model.
   */
  public double spectralScale() {
    return operator.symmetric() ? spectrum().lambda1() : adjointSpectralNorm();
  }

  /**
   * The planted GOE sensing problem of docs/math.md §2 drawn from one master seed, each concern from
   * its own stream ({@link Seeds.Stream}): X from TRUTH, the A_i from OPERATOR (stored with the
   * given precision), the noise e (N(0, sigma^2)) from NOISE, so changing one parameter never
   * resamples the others.
   */
  public static Problem plantedSensing(GroundTruthSpec spec, int m, double sigma, long seed,
      io.lowrank.operator.Precision precision) {
    GroundTruth truth = GroundTruth.generate(spec, Seeds.derive(seed, Seeds.Stream.TRUTH));
    io.lowrank.operator.SymmetricGaussianSensing op = io.lowrank.operator.SymmetricGaussianSensing.generate(
        spec.n(), m, Seeds.derive(seed, Seeds.Stream.OPERATOR), precision);
    return sense(op, truth, sigma, Seeds.derive(seed, Seeds.Stream.NOISE));
  }

  /**
   * This problem with its operator's passes run on {@code parallelism} (GOE sensing and
   * completion; other operators are returned unchanged). The data, the ground truth and the cached
   * spectrum are shared; results are bit-identical for every thread count. The caller owns
   * {@code parallelism} and closes it after the last use of the returned problem.
   */
  public Problem withParallelism(io.lowrank.parallel.Parallelism parallelism) {
    MeasurementOperator op;
    if (operator instanceof io.lowrank.operator.SymmetricGaussianSensing s) {
      op = s.withParallelism(parallelism);
    } else if (operator instanceof io.lowrank.operator.StructuredSensing s) {
      op = s.withParallelism(parallelism);
    } else if (operator instanceof io.lowrank.operator.EntrySampling e) {
      op = e.withParallelism(parallelism);
    } else {
      return this;
    }
    return withOperator(op);
  }

  /**
   * This problem with its operator's passes in {@code arithmetic} ({@link
   * io.lowrank.operator.Arithmetic}): GOE and asymmetric sensing stored in float32, bf16 or int8
   * accept FLOAT; DOUBLE returns this problem for every operator, and FLOAT on any other operator
   * (or on float64 storage) throws IllegalArgumentException naming it. The data, the truth and the
   * cached spectrum are shared (the operator, and so the problem, is the same).
   */
  public Problem withArithmetic(io.lowrank.operator.Arithmetic arithmetic) {
    java.util.Objects.requireNonNull(arithmetic, "arithmetic");
    MeasurementOperator op;
    if (operator instanceof io.lowrank.operator.SymmetricGaussianSensing s) {
      if (s.arithmetic() == arithmetic) {
        return this;
      }
      op = s.withArithmetic(arithmetic);
    } else if (operator instanceof io.lowrank.operator.AsymmetricGaussianSensing a) {
      if (a.arithmetic() == arithmetic) {
        return this;
      }
      op = a.withArithmetic(arithmetic);
    } else if (arithmetic == io.lowrank.operator.Arithmetic.DOUBLE) {
      return this;
    } else {
      throw new IllegalArgumentException("float arithmetic is for generated goe and asymmetric sensing stored in "
          + "float32, bf16 or int8, not for " + operator.getClass().getSimpleName());
    }
    return withOperator(op);
  }

  /**
   * This problem measured by {@code op} instead, an operator that makes the same measurements (for
   * example the same entries evaluated elsewhere): the data y (not copied), the ground truth and
   * the cached spectrum and adjoint norm are shared.
   */
  public Problem withOperator(MeasurementOperator op) {
    Check.shape(op.size() == operator.size() && op.rows() == operator.rows() && op.cols() == operator.cols()
        && op.symmetric() == operator.symmetric(), "the new operator must measure the same %d x %d matrix %d times",
        operator.rows(), operator.cols(), operator.size());
    Problem p = new Problem(op, y, truth, asymmetricTruth);
    p.spectrum = spectrum;
    p.adjointNorm = adjointNorm;
    return p;
  }

  public MeasurementOperator operator() {
    return operator;
  }

  /** The data y (internal array: do not modify). */
  public double[] y() {
    return y;
  }

  public Optional<GroundTruth> truth() {
    return Optional.ofNullable(truth);
  }

  /** n1 (= n for symmetric problems). */
  public int n() {
    return operator.rows();
  }

  /** Eigen-decomposition of A*(y) (symmetric models only), computed once. */
  public DataSpectrum spectrum() {
    DataSpectrum s = spectrum;
    if (s == null) {
      synchronized (this) {
        s = spectrum;
        if (s == null) {
          if (!operator.symmetric()) {
            throw new UnsupportedOperationException("the eigen-spectrum of A*(y) needs a symmetric model");
          }
          Mat dense = new Mat(operator.rows(), operator.cols());
          operator.adjointDense(y, dense);
          Decompositions.SymmetricEigen eig = Decompositions.symmetricEigen(dense);
          s = new DataSpectrum(eig.values(), eig.vectors());
          spectrum = s;
        }
      }
    }
    return s;
  }
}
