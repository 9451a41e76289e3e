package io.lowrank.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowrank.linalg.Cholesky;
import io.lowrank.linalg.Decompositions;
import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.linalg.SymmetricEigenSolver;
import io.lowrank.testkit.AdjointChecker;
import io.lowrank.testkit.Tol;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The preallocated kernels of the preconditioned and convex solvers against EJML and identities. */
class SmallKernelsTest {

  private static Mat spd(int k, SplittableRandom rng) {
    Mat g = AdjointChecker.gaussian(k + 3, k, rng);
    Mat a = new Mat(k, k);
    Dense.multiplyTransA(g, g, a);
    return a;
  }

  private static Mat symmetric(int n, SplittableRandom rng) {
    Mat a = AdjointChecker.gaussian(n, n, rng);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        a.set(i, j, a.get(j, i));
      }
    }
    return a;
  }

  /**
   * Narrow (register-blocked columns) and wide (streamed rows) products, whole or by row ranges,
   * equal the textbook sum c_ij = 0 + a_i0 b_0j + a_i1 b_1j + ... bit for bit: every kernel keeps
   * that order, which is what makes results independent of the thread split.
   */
  @Test
  void multiplyKeepsTheSequentialSumOrderForNarrowAndWideProducts() {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(9);
    for (int s : new int[] {1, 7, 9, 31, 32, 100}) {
      Mat a = new Mat(13, 17);
      Mat b = new Mat(17, s);
      for (double[] d : new double[][] {a.data(), b.data()}) {
        for (int i = 0; i < d.length; i++) {
          d[i] = rng.nextGaussian();
        }
      }
      Mat expected = new Mat(13, s);
      for (int i = 0; i < 13; i++) {
        for (int j = 0; j < s; j++) {
          double sum = 0.0;
          for (int k = 0; k < 17; k++) {
            sum += a.get(i, k) * b.get(k, j);
          }
          expected.set(i, j, sum);
        }
      }
      Mat whole = new Mat(13, s);
      Dense.multiply(a, b, whole);
      Mat pieces = new Mat(13, s);
      Dense.multiplyRows(a, b, pieces, 0, 5);
      Dense.multiplyRows(a, b, pieces, 5, 13);
      assertThat(whole.data()).as("s = %d", s).isEqualTo(expected.data());
      assertThat(pieces.data()).as("s = %d by rows", s).isEqualTo(expected.data());
    }
  }

  @Test
  void choleskyRightDivisionSolvesTheSystem() {
    SplittableRandom rng = new SplittableRandom(1);
    for (int k : new int[] {1, 2, 5, 9}) {
      Mat g = spd(k, rng);
      Mat b = AdjointChecker.gaussian(7, k, rng);
      Cholesky c = new Cholesky(k);
      assertThat(c.factor(g.data())).isTrue();
      Mat x = new Mat(7, k);
      c.solveRows(b, x);
      Mat back = new Mat(7, k);
      Dense.multiply(x, g, back); // x G = b
      assertThat(AdjointChecker.relative(back.data(), b.data())).isLessThan(Tol.ROUND_OFF);
      c.solveRows(b, b); // in place
      assertThat(b).isEqualTo(x);
    }
  }

  @Test
  void choleskyRefusesIndefiniteAndNonFiniteMatrices() {
    Cholesky c = new Cholesky(2);
    assertThat(c.factor(new double[] {1, 2, 2, 1})).isFalse();
    assertThat(c.factor(new double[] {1, 0, 0, 0})).isFalse();
    assertThat(c.factor(new double[] {Double.NaN, 0, 0, 1})).isFalse();
    assertThat(c.factor(new double[] {4, 2, 2, 3})).isTrue();
  }

  @Test
  void symmetricEigenSolverMatchesEjmlAndReconstructs() {
    SplittableRandom rng = new SplittableRandom(2);
    for (int n : new int[] {1, 2, 3, 10, 33}) {
      Mat a = symmetric(n, rng);
      SymmetricEigenSolver eig = new SymmetricEigenSolver(n);
      assertThat(eig.decompose(a.data())).isTrue();
      double[] mine = eig.values().clone();
      Arrays.sort(mine);
      double[] ref = Decompositions.symmetricEigen(a).values().clone();
      Arrays.sort(ref);
      assertThat(AdjointChecker.relative(mine, ref)).isLessThan(Tol.ROUND_OFF);
      // A V = V D and V^T V = I
      Mat v = Mat.wrap(n, n, eig.vectors().clone());
      Mat av = new Mat(n, n);
      Dense.multiply(a, v, av);
      Mat vd = v.copy();
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < n; c++) {
          vd.set(i, c, v.get(i, c) * eig.values()[c]);
        }
      }
      assertThat(Dense.distanceF(av, vd) / Dense.normF(a)).isLessThan(Tol.ROUND_OFF);
      Mat vtv = new Mat(n, n);
      Dense.multiplyTransA(v, v, vtv);
      for (int i = 0; i < n; i++) {
        vtv.set(i, i, vtv.get(i, i) - 1.0);
      }
      assertThat(Dense.normF(vtv)).isLessThan(Tol.ROUND_OFF);
    }
  }

  @Test
  void symmetricEigenSolverRejectsNonFiniteInput() {
    SymmetricEigenSolver eig = new SymmetricEigenSolver(3);
    assertThat(eig.decompose(new double[] {1, 0, 0, 0, Double.NaN, 0, 0, 0, 1})).isFalse();
  }
}
