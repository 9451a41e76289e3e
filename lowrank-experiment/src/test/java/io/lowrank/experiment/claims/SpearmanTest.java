package io.lowrank.experiment.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowrank.experiment.stats.Stats;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class SpearmanTest {
  @Test
  void monotoneIsOneReversedIsMinusOneConstantIsUndefined() {
    double[] x = {1, 2, 3, 4, 5};
    assertThat(Stats.spearman(x, new double[] {1, 8, 27, 64, 125})).isEqualTo(1.0);
    assertThat(Stats.spearman(x, new double[] {5, 4, 3, 2, 1})).isEqualTo(-1.0);
    assertThat(Stats.spearman(x, new double[] {7, 7, 7, 7, 7})).isNaN();
    assertThat(Stats.spearman(new double[] {1}, new double[] {2})).isNaN();
  }

  /** Ties take their average rank: ranks (1, 2.5, 2.5, 4) against (1, 2, 3, 4) give 0.9487 (textbook value). */
  @Test
  void tiesTakeTheirAverageRank() {
    double rho = Stats.spearman(new double[] {1, 2, 2, 3}, new double[] {1, 2, 3, 4});
    assertThat(rho).isCloseTo(3 / Math.sqrt(10), Offset.offset(1e-12));
  }
}
