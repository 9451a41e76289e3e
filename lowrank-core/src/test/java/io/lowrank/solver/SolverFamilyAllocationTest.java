package io.lowrank.solver;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowrank.als.AlternatingLeastSquares;
import io.lowrank.convex.NuclearNormFista;
import io.lowrank.convex.Penalty;
import io.lowrank.deep.DeepFactorisation;
import io.lowrank.init.FactorPair;
import io.lowrank.init.SmallRandomInit;
import io.lowrank.init.SmallRandomPairInit;
import io.lowrank.init.SpectralInit;
import io.lowrank.linalg.Mat;
import io.lowrank.model.GroundTruth;
import io.lowrank.model.GroundTruthSpec;
import io.lowrank.model.Problem;
import io.lowrank.operator.MeasurementOperator;
import io.lowrank.solver.AsymmetricGradientDescent;
import io.lowrank.solver.Iterate;
import io.lowrank.solver.ScaledDirection;
import io.lowrank.testkit.Allocations;
import io.lowrank.testkit.PlantedModels;
import io.lowrank.testkit.PlantedProblems;
import org.junit.jupiter.api.Test;

/**
 * The solver family's steps allocate nothing (ARCHITECTURE.md: buffers in start, none in step),
 * measured like {@code AllocationTest} with HotSpot's per-thread allocation counter after a C2
 * warm-up; the least of three windows of {@link Allocations#STEPS} steps is taken, since an allocation in the
 * step shows in every window while a one-off deoptimisation (after which the vector kernels of the
 * operator run interpreted and box for a while) shows in one. The nuclear-norm solver is measured with a test operator whose dense maps need no
 * scratch: the GOE and completion operators' dense reference maps allocate per call (operator code,
 * not the solver's).
 */
class SolverFamilyAllocationTest {

  private static double bytesPerStep(Iterate it) {
    return Allocations.bytesPerStep(it::step);
  }

  private final Problem sensing = PlantedProblems.sensing(10, 2, 2.0, 150, 0.0, 5);

  @Test
  void preconditionedStepsAllocateNothing() {
    Mat spectral = SpectralInit.of(2).initialise(sensing, 2, 0);
    Mat small = SmallRandomInit.draw(10, 3, 1e-3, 1);
    assertThat(bytesPerStep(ScaledDirection.exact().solver().start(sensing, spectral))).isLessThanOrEqualTo(Allocations.MAX_BYTES_PER_STEP);
    assertThat(bytesPerStep(ScaledDirection.damped(2).solver().start(sensing, small))).isLessThanOrEqualTo(Allocations.MAX_BYTES_PER_STEP);
    assertThat(bytesPerStep(ScaledDirection.precGd().solver().start(sensing, spectral))).isLessThanOrEqualTo(Allocations.MAX_BYTES_PER_STEP);
  }

  @Test
  void deepStepAllocatesNothing() {
    Iterate it = DeepFactorisation.of(3).start(sensing, SmallRandomInit.draw(10, 3, 0.1, 1));
    assertThat(bytesPerStep(it)).isLessThanOrEqualTo(Allocations.MAX_BYTES_PER_STEP);
  }

  @Test
  void asymmetricStepsAllocateNothing() {
    Problem completion = PlantedModels.rectangularCompletion(12, 10, 2, 2.0, 0.6, 0.0, 3);
    FactorPair start = SmallRandomPairInit.balanced(0.5).initialise(12, 10, 2, 4);
    assertThat(bytesPerStep(AlternatingLeastSquares.defaults().start(completion, start.left(), start.right())))
        .isLessThanOrEqualTo(Allocations.MAX_BYTES_PER_STEP);
    Iterate scaled = new AsymmetricGradientDescent(ScaledDirection.defaultStep(), ScaledDirection.exact())
        .start(completion, start.left(), start.right());
    assertThat(bytesPerStep(scaled)).isLessThanOrEqualTo(Allocations.MAX_BYTES_PER_STEP);
  }

  @Test
  void nuclearNormStepAllocatesNothingOfItsOwn() {
    DenseSymmetricOperator op = new DenseSymmetricOperator(8, 60, 11);
    GroundTruth truth = GroundTruth.generate(GroundTruthSpec.of(8, 2, 2.0), 5);
    Problem p = Problem.sense(op, truth, 0.0, 0);
    Iterate it = new NuclearNormFista(new Penalty.Relative(1e-3)).start(p, new Mat(8, 1));
    assertThat(bytesPerStep(it)).isLessThanOrEqualTo(Allocations.MAX_BYTES_PER_STEP);
  }

  /**
   * m dense symmetric n x n matrices; dense maps that write into the caller's buffers without
   * scratch, so that the solver's own allocations are what the nuclear-norm test measures (the GOE
   * and completion operators allocate scratch in their dense reference maps).
   */
  private static final class DenseSymmetricOperator implements MeasurementOperator {
    private final int n;
    private final double[][] a;

    DenseSymmetricOperator(int n, int m, long seed) {
      this.n = n;
      this.a = new double[m][n * n];
      java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
      for (double[] ai : a) {
        for (int i = 0; i < n; i++) {
          for (int j = 0; j <= i; j++) {
            double g = rng.nextGaussian() / Math.sqrt(m);
            ai[i * n + j] = g;
            ai[j * n + i] = g;
          }
        }
      }
    }

    @Override
    public int size() {
      return a.length;
    }

    @Override
    public int rows() {
      return n;
    }

    @Override
    public int cols() {
      return n;
    }

    @Override
    public boolean symmetric() {
      return true;
    }

    @Override
    public Workspace workspace(int width) {
      return null;
    }

    @Override
    public void forward(Mat left, Mat right, double[] out, Workspace ws) {
      int k = left.cols();
      for (int e = 0; e < a.length; e++) {
        double s = 0.0;
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            double z = 0.0;
            for (int t = 0; t < k; t++) {
              z += left.get(i, t) * right.get(j, t);
            }
            s += a[e][i * n + j] * z;
          }
        }
        out[e] = s;
      }
    }

    @Override
    public void adjointTimes(double[] v, Mat right, Mat out, Workspace ws) {
      int k = right.cols();
      java.util.Arrays.fill(out.data(), 0.0);
      for (int e = 0; e < a.length; e++) {
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            for (int t = 0; t < k; t++) {
              out.data()[i * k + t] += v[e] * a[e][i * n + j] * right.get(j, t);
            }
          }
        }
      }
    }

    @Override
    public void forwardDense(Mat z, double[] out) {
      double[] zd = z.data();
      for (int e = 0; e < a.length; e++) {
        double s = 0.0;
        for (int i = 0; i < zd.length; i++) {
          s += a[e][i] * zd[i];
        }
        out[e] = s;
      }
    }

    @Override
    public void adjointDense(double[] v, Mat out) {
      double[] o = out.data();
      java.util.Arrays.fill(o, 0.0);
      for (int e = 0; e < a.length; e++) {
        for (int i = 0; i < o.length; i++) {
          o[i] += v[e] * a[e][i];
        }
      }
    }
  }
}
