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
