package io.lowrank.validation;

import io.lowrank.linalg.Check;
import io.lowrank.random.Seeds;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A random hold-out split of m measurements or entries (docs/math.md §9). Drawn from its own seed, by
 * convention {@code Seeds.derive(master, Seeds.Stream.SPLIT)}, so the split does not change with
 * alpha or the width. Both index lists are ascending, so row-sorted entries stay row-sorted.
 *
 * @param train indices kept for training
 * @param validation held-out indices
 */
public record HoldOut(int[] train, int[] validation) {

  /** The default hold-out fraction of docs/math.md §9. */
  public static final double DEFAULT_FRACTION = 0.1;

  /**
   * Holds out round(fraction m) of the indices 0..m-1 (at least 1, leaving at least 1), chosen
   * uniformly by a Fisher-Yates shuffle seeded by {@code seed}.
   */
  public static HoldOut split(int m, double fraction, long seed) {
    Check.inRange(m, 2, Integer.MAX_VALUE - 8, "number of measurements to split");
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("hold-out fraction must be strictly between 0 and 1, got " + fraction);
    }
    int held = (int) Math.max(1, Math.min(m - 1, Math.round(fraction * m)));
    int[] perm = new int[m];
    for (int i = 0; i < m; i++) {
      perm[i] = i;
    }
    SplittableRandom rng = Seeds.rng(seed);
    for (int i = 0; i < held; i++) {
      int j = i + rng.nextInt(m - i);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    int[] validation = Arrays.copyOfRange(perm, 0, held);
    int[] train = Arrays.copyOfRange(perm, held, m);
    Arrays.sort(validation);
    Arrays.sort(train);
    return new HoldOut(train, validation);
  }
}
