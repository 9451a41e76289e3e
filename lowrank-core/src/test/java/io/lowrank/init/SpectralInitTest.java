package io.lowrank.init;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowrank.init.SpectralInit;
import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.model.DataSpectrum;
import io.lowrank.model.Problem;
import io.lowrank.testkit.PlantedProblems;
import io.lowrank.testkit.Tol;
import org.junit.jupiter.api.Test;

class SpectralInitTest {
  private final Problem p = PlantedProblems.sensing(20, 3, 4.0, 600, 0.0, 3);

  /** U_0 U_0^T must be V_r Lambda_r V_r^T, the best rank-r PSD approximation of A*(y). */
  @Test
  void reproducesTheTopEigenpairsOfTheAdjoint() {
    Mat u0 = SpectralInit.of(3).initialise(p, 3, 0);
    DataSpectrum s = p.spectrum();
    Mat expected = new Mat(20, 20);
    for (int k = 0; k < 3; k++) {
      assertThat(s.lambda(k + 1)).isPositive();
      for (int i = 0; i < 20; i++) {
        for (int j = 0; j < 20; j++) {
          expected.set(i, j, expected.get(i, j)
              + s.lambda(k + 1) * s.eigenvectors().get(i, k) * s.eigenvectors().get(j, k));
        }
      }
    }
    Mat actual = new Mat(20, 20);
    Dense.multiplyTransB(u0, u0, actual);
    assertThat(Dense.distanceF(actual, expected) / Dense.normF(expected)).isLessThan(Tol.ROUND_OFF);
  }

  @Test
  void padsWiderRunsWithZerosOrASmallSeededStart() {
    Mat zero = SpectralInit.of(3).initialise(p, 6, 1);
    Mat narrow = SpectralInit.of(3).initialise(p, 3, 1);
    for (int i = 0; i < 20; i++) {
      for (int c = 0; c < 6; c++) {
        assertThat(zero.get(i, c)).isEqualTo(c < 3 ? narrow.get(i, c) : 0.0);
      }
    }
    Mat a = new SpectralInit(3, 1e-4).initialise(p, 6, 1);
    Mat b = new SpectralInit(3, 1e-4).initialise(p, 6, 1);
    Mat c = new SpectralInit(3, 1e-4).initialise(p, 6, 2);
    assertThat(a).isEqualTo(b).isNotEqualTo(c);
    double padNorm = 0;
    for (int i = 0; i < 20; i++) {
      for (int k = 3; k < 6; k++) {
        padNorm += a.get(i, k) * a.get(i, k);
      }
    }
    // E ||pad||_F^2 = alpha^2 n (r' - r) / r' = 1e-8 * 10
    assertThat(padNorm).isBetween(0.3e-7, 3e-7);
  }

  @Test
  void narrowerRunsUseTheirWidthInEigenpairs() {
    Mat two = SpectralInit.of(3).initialise(p, 2, 0);
    Mat three = SpectralInit.of(3).initialise(p, 3, 0);
    for (int i = 0; i < 20; i++) {
      assertThat(two.get(i, 1)).isEqualTo(three.get(i, 1));
    }
  }
}
