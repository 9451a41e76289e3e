package io.lowrank.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.operator.SymmetricGaussianSensing;
import io.lowrank.testkit.AdjointChecker;
import io.lowrank.testkit.Tol;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class SymmetricGaussianSensingTest {
  private final SymmetricGaussianSensing op = SymmetricGaussianSensing.generate(9, 37, 11);

  @Test
  void adjointIdentityHolds() {
    SplittableRandom rng = new SplittableRandom(1);
    for (int trial = 0; trial < 5; trial++) {
      assertThat(AdjointChecker.adjointMismatch(op, rng)).isLessThan(Tol.ROUND_OFF);
    }
  }

  @Test
  void factoredFormsMatchTheDenseComputation() {
    SplittableRandom rng = new SplittableRandom(2);
    for (int width : new int[] {1, 3, 9}) {
      assertThat(AdjointChecker.factoredForwardMismatch(op, width, rng)).isLessThan(Tol.ROUND_OFF);
      assertThat(AdjointChecker.factoredAdjointMismatch(op, width, rng)).isLessThan(Tol.ROUND_OFF);
    }
  }

  @Test
  void asymmetricFactorPairMeasuresTheSymmetricPart() {
    SplittableRandom rng = new SplittableRandom(3);
    Mat l = AdjointChecker.gaussian(9, 2, rng);
    Mat r = AdjointChecker.gaussian(9, 2, rng);
    double[] factored = new double[37];
    op.forward(l, r, factored, op.workspace(2));
    Mat product = new Mat(9, 9);
    Dense.multiplyTransB(l, r, product);
    double[] dense = new double[37];
    op.forwardDense(product, dense);
    assertThat(AdjointChecker.relative(factored, dense)).isLessThan(Tol.ROUND_OFF);
  }

  @Test
  void packedStorageAgreesWithTheFullMatricesEntryByEntry() {
    int n = 9;
    int m = 37;
    double[] full = op.toDense();
    SplittableRandom rng = new SplittableRandom(4);
    Mat z = AdjointChecker.gaussian(n, n, rng);
    double[] packed = new double[m];
    op.forwardDense(z, packed);
    for (int i = 0; i < m; i++) {
      double s = 0;
      for (int j = 0; j < n; j++) {
        for (int k = 0; k < n; k++) {
          double aijk = full[i * n * n + j * n + k];
          assertThat(aijk).isEqualTo(full[i * n * n + k * n + j]);
          s += aijk * z.get(j, k);
        }
      }
      assertThat(packed[i]).isCloseTo(s / Math.sqrt(m), org.assertj.core.data.Offset.offset(Tol.ROUND_OFF * (1 + Math.abs(s))));
    }
    SymmetricGaussianSensing back = SymmetricGaussianSensing.fromDense(m, n, full);
    double[] again = new double[m];
    back.forwardDense(z, again);
    assertThat(again).isEqualTo(packed);
  }

  @Test
  void entriesFollowTheGoeVariances() {
    SymmetricGaussianSensing big = SymmetricGaussianSensing.generate(30, 400, 5);
    double[] full = big.toDense();
    double diag = 0;
    double off = 0;
    int nd = 0;
    int no = 0;
    for (int i = 0; i < 400; i++) {
      for (int j = 0; j < 30; j++) {
        for (int k = j; k < 30; k++) {
          double v = full[i * 900 + j * 30 + k];
          if (j == k) {
            diag += v * v;
            nd++;
          } else {
            off += v * v;
            no++;
          }
        }
      }
    }
    // 12,000 diagonal and 174,000 off-diagonal draws: standard errors 1.3 % and 0.34 %.
    assertThat(diag / nd).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.07));
    assertThat(off / no).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  void isAnIsometryInExpectation() {
    int n = 12;
    int m = 400;
    SplittableRandom rng = new SplittableRandom(6);
    Mat z = AdjointChecker.randomMatrix(SymmetricGaussianSensing.generate(n, 1, 0), rng);
    double zz = Dense.dot(z.data(), z.data());
    int trials = 100;
    double mean = 0;
    for (int t = 0; t < trials; t++) {
      double[] az = new double[m];
      SymmetricGaussianSensing.generate(n, m, 1000 + t).forwardDense(z, az);
      mean += Dense.dot(az, az) / zz;
    }
    assertThat(mean / trials).isCloseTo(1.0, org.assertj.core.data.Offset.offset(Tol.ISOMETRY_MEAN));
  }

  @Test
  void sameSeedGivesTheSameOperatorWhateverTheThreadCount() throws Exception {
    double[] reference = SymmetricGaussianSensing.generate(15, 203, 42).toDense();
    ForkJoinPool single = new ForkJoinPool(1);
    try {
      double[] oneThread = single.submit(() -> SymmetricGaussianSensing.generate(15, 203, 42).toDense()).get();
      assertThat(oneThread).isEqualTo(reference);
    } finally {
      single.shutdown();
    }
    assertThat(SymmetricGaussianSensing.generate(15, 203, 43).toDense()).isNotEqualTo(reference);
  }

  @Test
  void rejectsBadShapesAndNonSymmetricInput() {
    assertThatThrownBy(() -> op.forward(new Mat(8, 2), new Mat(8, 2), new double[37], op.workspace(2)))
        .hasMessageContaining("8 rows").hasMessageContaining("n = 9");
    double[] full = new double[2 * 3 * 3];
    full[1] = 1.0;
    assertThatThrownBy(() -> SymmetricGaussianSensing.fromDense(2, 3, full)).hasMessageContaining("not symmetric");
    assertThatThrownBy(() -> SymmetricGaussianSensing.generate(2000, 2_000_000, 1))
        .hasMessageContaining("needs").hasMessageContaining("reduce m or n");
  }
}
