package io.lowrank.experiment.claims;

import io.lowrank.linalg.Check;

/**
 * How much work the claims may do: {@code quick} shortens horizons and sweeps (for CI and a first
 * look, about a minute on 2 cores); {@code seeds} is the number of independent instances per
 * configuration.
 */
public record Budget(boolean quick, int seeds) {
  public Budget {
    Check.inRange(seeds, 1, 1000, "seeds");
  }

  /** The full run: 5 seeds. */
  public static Budget full() {
    return new Budget(false, 5);
  }

  /** The quick run: 3 seeds and shorter horizons. */
  public static Budget quickRun() {
    return new Budget(true, 3);
  }

  /** Seeds 1..seeds. */
  public long[] seedList() {
    long[] s = new long[seeds];
    for (int i = 0; i < seeds; i++) {
      s[i] = i + 1;
    }
    return s;
  }
}
