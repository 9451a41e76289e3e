package io.lowrank.bench.ratings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FunkSvdTest {
  @Test
  void fitsAPlantedLowRankPlusBiasesMatrixToNearTheNoiseLevel() {
    double noise = 0.1;
    Planted p = new Planted(300, 200, 3, 0.5, noise, 0.25, 4);
    FunkSvd m = new FunkSvd(p.train, 3, 0.01, 0.01, 5);
    for (int e = 0; e < 150; e++) {
      m.epoch();
    }
    double rmse = Planted.noClip().rmse(m, p.test);
    double biasOnly = Planted.noClip().rmse(BiasOnly.fit(p.train, 1, 1), p.test);
    // the low-rank part has variance about 1: bias-only stays near 1, Funk-SVD near the noise
    assertThat(biasOnly).isGreaterThan(0.8);
    assertThat(rmse).isLessThan(1.5 * noise);
  }

  @Test
  void aWiderFactorisationAlsoFitsWithRegularisation() {
    double noise = 0.1;
    Planted p = new Planted(300, 200, 3, 0.5, noise, 0.25, 6);
    FunkSvd m = new FunkSvd(p.train, 10, 0.01, 0.03, 7);
    for (int e = 0; e < 150; e++) {
      m.epoch();
    }
    assertThat(Planted.noClip().rmse(m, p.test)).isLessThan(2 * noise);
  }

  @Test
  void theSameSeedGivesTheSameModel() {
    Planted p = new Planted(50, 40, 2, 0.5, 0.1, 0.3, 8);
    FunkSvd a = new FunkSvd(p.train, 4, 0.01, 0.02, 9);
    FunkSvd b = new FunkSvd(p.train, 4, 0.01, 0.02, 9);
    for (int e = 0; e < 5; e++) {
      a.epoch();
      b.epoch();
    }
    for (int t = 0; t < p.test.size(); t++) {
      assertThat(a.predict(p.test.user[t], p.test.item[t])).isEqualTo(b.predict(p.test.user[t], p.test.item[t]));
    }
    assertThat(a.epochs()).isEqualTo(5);
  }
}
