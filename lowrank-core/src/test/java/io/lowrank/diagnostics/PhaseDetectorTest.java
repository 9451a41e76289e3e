package io.lowrank.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.lowrank.diagnostics.PhaseBoundaries;
import io.lowrank.diagnostics.PhaseDetector;
import io.lowrank.diagnostics.PhaseThresholds;
import org.junit.jupiter.api.Test;

/** The detector on synthetic traces whose boundaries, rate and floor are known by construction. */
class PhaseDetectorTest {
  private final PhaseDetector detector = new PhaseDetector(PhaseThresholds.defaults());

  /**
   * Trace of 600 iterations recorded every 2: power distance 1e-4 growing x1.2 per iteration (crosses
   * 0.05 at t = 36 since 1e-4 * 1.2^34.1 = 0.05 -> first recorded t = 36); signal growing x1.1 from
   * 1e-6 (signal^2 >= 0.25 first at t = 138); error decaying by 0.95 per iteration from t = 138
   * down to a floor of 1e-7.
   */
  @Test
  void findsKnownBoundariesRateAndFloor() {
    int count = 301;
    double[] t = new double[count];
    double[] power = new double[count];
    double[] signal = new double[count];
    double[] error = new double[count];
    double[] align = new double[count];
    for (int i = 0; i < count; i++) {
      t[i] = 2 * i;
      power[i] = Math.min(1.0, 1e-4 * Math.pow(1.2, t[i]));
      signal[i] = Math.min(1.0, 1e-6 * Math.pow(1.1, t[i]));
      error[i] = t[i] < 138 ? 1.0 : Math.max(1e-7, Math.pow(0.95, t[i] - 138));
      align[i] = 1.0 / (1 + t[i]);
    }
    PhaseBoundaries b = detector.detect(t, power, signal, 0.5 * 0.5, error, align, null);
    assertThat(b.t1()).isEqualTo(36);
    int expectedT2 = 2 * (int) Math.ceil(Math.log(0.5 / 1e-6) / Math.log(1.1) / 2); // 138
    assertThat(b.t2()).isEqualTo(expectedT2);
    assertThat(b.ordered()).isTrue();
    assertThat(b.rate()).isCloseTo(0.95, offset(1e-9));
    assertThat(b.floor()).isEqualTo(1e-7);
    assertThat(b.alignmentAtT1()).isEqualTo(1.0 / 37);
    assertThat(b.truthAngleAtT1()).isNaN();
  }

  @Test
  void reportsMissingBoundariesAsMinusOne() {
    double[] t = {0, 1, 2, 3};
    double[] flat = {0.01, 0.01, 0.01, 0.01};
    PhaseBoundaries b = detector.detect(t, flat, flat, 0.25, new double[] {1, 1, 1, 1}, null, null);
    assertThat(b.t1()).isEqualTo(-1);
    assertThat(b.t2()).isEqualTo(-1);
    assertThat(b.ordered()).isFalse();
    assertThat(b.rate()).isNaN();
  }

  /**
   * A trace cut while the error still falls linearly (x0.95 per iteration to the end) has no floor:
   * the median of its final window would sit above its final error. Once the error levels off (here
   * at 1e-7 over the final tenth) the floor is reported, and it is never above the final error.
   */
  @Test
  void reportsAFloorOnlyOnceTheErrorHasFlattened() {
    int count = 101;
    double[] t = new double[count];
    double[] power = new double[count];
    double[] signal = new double[count];
    double[] falling = new double[count];
    double[] flattened = new double[count];
    for (int i = 0; i < count; i++) {
      t[i] = i;
      power[i] = 1e-3 * Math.pow(1.2, i);
      signal[i] = Math.min(1, 1e-3 * Math.pow(1.3, i));
      falling[i] = Math.pow(0.95, i);
      flattened[i] = Math.max(1e-7, Math.pow(0.8, i));
    }
    PhaseBoundaries cut = detector.detect(t, power, signal, 0.25, falling, null, null);
    assertThat(cut.floor()).isNaN();
    assertThat(cut.floorReached()).isFalse();
    assertThat(cut.rate()).as("the rate is still fitted, on every point after T2").isCloseTo(0.95, offset(1e-9));
    PhaseBoundaries flat = detector.detect(t, power, signal, 0.25, flattened, null, null);
    assertThat(flat.floor()).isEqualTo(1e-7);
    PhaseBoundaries lenient = new PhaseDetector(new PhaseThresholds(0.05, 0.5, 0.1, 10, 1e3))
        .detect(t, power, signal, 0.25, falling, null, null);
    assertThat(lenient.floor()).as("flatness is a parameter; a floor is capped at the final error")
        .isEqualTo(falling[count - 1]);
  }

  @Test
  void thresholdsAreParameters() {
    double[] t = {0, 1, 2, 3, 4};
    double[] power = {0, 0.02, 0.04, 0.08, 0.2};
    double[] signal = {0, 0, 0, 0, 1};
    double[] error = {1, 1, 1, 1, 1};
    assertThat(detector.detect(t, power, signal, 0.25, error, null, null).t1()).isEqualTo(3);
    PhaseDetector strict = new PhaseDetector(new PhaseThresholds(0.01, 0.5, 0.1, 10));
    assertThat(strict.detect(t, power, signal, 0.25, error, null, null).t1()).isEqualTo(1);
  }
}
