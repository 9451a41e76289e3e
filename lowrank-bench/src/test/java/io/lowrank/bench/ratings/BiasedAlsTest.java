package io.lowrank.bench.ratings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BiasedAlsTest {
  @Test
  void fitsAPlantedLowRankPlusBiasesMatrixToNearTheNoiseLevel() {
    double noise = 0.1;
    Planted p = new Planted(300, 200, 3, 0.5, noise, 0.25, 10);
    BiasedAls m = new BiasedAls(p.train, 3, 0.001, 11);
    for (int s = 0; s < 30; s++) {
      m.sweep();
    }
    double rmse = Planted.noClip().rmse(m, p.test);
    double biasOnly = Planted.noClip().rmse(BiasOnly.fit(p.train, 1, 1), p.test);
    assertThat(biasOnly).isGreaterThan(0.8);
    assertThat(rmse).isLessThan(1.5 * noise);
  }

  @Test
  void aWiderRegularisedFactorisationAlsoFits() {
    double noise = 0.1;
    Planted p = new Planted(300, 200, 3, 0.5, noise, 0.25, 12);
    BiasedAls m = new BiasedAls(p.train, 10, 0.02, 13);
    for (int s = 0; s < 20; s++) {
      m.sweep();
    }
    assertThat(Planted.noClip().rmse(m, p.test)).isLessThan(2 * noise);
  }

  @Test
  void eachSweepLowersTheTrainingError() {
    Planted p = new Planted(120, 90, 3, 0.5, 0.1, 0.3, 14);
    BiasedAls m = new BiasedAls(p.train, 3, 0.01, 15);
    double previous = Double.POSITIVE_INFINITY;
    for (int s = 0; s < 5; s++) {
      m.sweep();
      double train = Planted.noClip().rmse(m, p.train);
      assertThat(train).isLessThanOrEqualTo(previous + 1e-12);
      previous = train;
    }
    assertThat(m.sweeps()).isEqualTo(5);
  }

  @Test
  void choleskySolveSolvesASymmetricPositiveDefiniteSystem() {
    int m = 7;
    SplittableRandom rng = new SplittableRandom(16);
    double[] g = new double[m * m];
    for (int k = 0; k < g.length; k++) {
      g[k] = rng.nextGaussian();
    }
    double[] a = new double[m * m];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        double s = i == j ? 1 : 0;
        for (int k = 0; k < m; k++) {
          s += g[i * m + k] * g[j * m + k];
        }
        a[i * m + j] = s;
      }
    }
    double[] x = new double[m];
    for (int i = 0; i < m; i++) {
      x[i] = rng.nextGaussian();
    }
    double[] b = new double[m];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        b[i] += a[i * m + j] * x[j];
      }
    }
    // only the lower triangle may be read: spoil the upper one
    double[] work = a.clone();
    for (int i = 0; i < m; i++) {
      for (int j = i + 1; j < m; j++) {
        work[i * m + j] = Double.NaN;
      }
    }
    BiasedAls.choleskySolve(work, b, m);
    for (int i = 0; i < m; i++) {
      assertThat(b[i]).isCloseTo(x[i], offset(1e-9));
    }
  }
}
