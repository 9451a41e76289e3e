package io.lowrank.bench.ratings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import org.junit.jupiter.api.Test;

class BiasOnlyTest {
  @Test
  void recoversPlantedBiasesAndReachesTheNoiseLevel() {
    double noise = 0.1;
    Planted p = new Planted(300, 200, 0, 0.5, noise, 0.2, 1);
    BiasOnly m = BiasOnly.fit(p.train, 1, 1);
    // biases are identified up to a shared shift (b_u + a, c_i - a): compare centred values
    double bm = mean(m.userBias);
    double pb = mean(p.userBias);
    double cm = mean(m.itemBias);
    double pc = mean(p.itemBias);
    double worst = 0;
    for (int u = 0; u < p.userBias.length; u++) {
      worst = Math.max(worst, Math.abs((m.userBias[u] - bm) - (p.userBias[u] - pb)));
    }
    for (int i = 0; i < p.itemBias.length; i++) {
      worst = Math.max(worst, Math.abs((m.itemBias[i] - cm) - (p.itemBias[i] - pc)));
    }
    // each bias is the mean of about 36 noisy residuals: error ~ 0.1 / 6, worst of 500 below 0.08
    assertThat(worst).isLessThan(0.08);
    double rmse = Planted.noClip().rmse(m, p.test);
    assertThat(rmse).isBetween(0.9 * noise, 1.15 * noise);
  }

  @Test
  void theBiasesSolveTheirClosedFormEquations() {
    Planted p = new Planted(80, 60, 2, 0.5, 0.3, 0.3, 2);
    double lu = 3;
    double li = 7;
    BiasOnly m = BiasOnly.fit(p.train, lu, li);
    double[] su = new double[80];
    double[] si = new double[60];
    int[] nu = p.train.userCounts();
    int[] ni = p.train.itemCounts();
    for (int t = 0; t < p.train.size(); t++) {
      int u = p.train.user[t];
      int i = p.train.item[t];
      su[u] += p.train.value[t] - m.mu - m.itemBias[i];
      si[i] += p.train.value[t] - m.mu - m.userBias[u];
    }
    for (int u = 0; u < 80; u++) {
      assertThat(m.userBias[u] * (lu + nu[u])).isCloseTo(su[u], offset(1e-6));
    }
    for (int i = 0; i < 60; i++) {
      assertThat(m.itemBias[i] * (li + ni[i])).isCloseTo(si[i], offset(1e-6));
    }
    assertThat(m.mu).isCloseTo(p.train.mean(), offset(1e-12));
  }

  @Test
  void moreRegularisationShrinksTheBiases() {
    Planted p = new Planted(100, 80, 0, 0.5, 0.2, 0.2, 3);
    double small = norm(BiasOnly.fit(p.train, 0.5, 0.5).userBias);
    double large = norm(BiasOnly.fit(p.train, 100, 100).userBias);
    assertThat(large).isLessThan(0.8 * small);
  }

  static double mean(double[] a) {
    double s = 0;
    for (double x : a) {
      s += x;
    }
    return s / a.length;
  }

  static double norm(double[] a) {
    double s = 0;
    for (double x : a) {
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
