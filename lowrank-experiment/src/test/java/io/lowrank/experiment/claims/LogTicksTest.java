package io.lowrank.experiment.claims;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Short log axes get labelled ticks inside their range (claim 7B's κ panel spans 66 to 400). */
class LogTicksTest {
  @Test
  void atLeastFourTicksInsideTheRange() {
    assertThat(ClaimSupport.ticks125(66, 400)).containsExactly(70, 100, 200, 300);
    assertThat(ClaimSupport.ticks125(1, 1e4)).containsExactly(1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000);
    assertThat(ClaimSupport.ticks125(110, 130)).isEmpty(); // no m x 10^k tick fits: automatic ticks then
    for (double v : ClaimSupport.ticks125(3.3, 47)) {
      assertThat(v).isBetween(3.3, 47.0);
    }
  }
}
