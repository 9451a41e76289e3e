package io.lowrank.random;

import java.util.SplittableRandom;

/**
 * Explicit, splittable seeds. A run has one master seed; every concern (truth, operator, noise,
 * initialisation, data split) draws from its own derived stream, so that changing one parameter
 * (say alpha) never resamples the measurements. No global random state exists anywhere.
 */
public final class Seeds {
  private Seeds() {}

  /** The independent concerns of one run. */
  public enum Stream {
    TRUTH, OPERATOR, NOISE, INIT, SPLIT
  }

  /** The seed of {@code stream} under the master seed. */
  public static long derive(long master, Stream stream) {
    return mix(master, 0x5EED_0000L + stream.ordinal());
  }

  /** A well-mixed seed for item {@code index} of a family seeded by {@code seed} (SplitMix64). */
  public static long mix(long seed, long index) {
    long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A generator for the given seed. */
  public static SplittableRandom rng(long seed) {
    return new SplittableRandom(seed);
  }

  /** Fills {@code out[offset .. offset+length)} with N(0, scale^2) draws. */
  public static void gaussian(SplittableRandom rng, double scale, double[] out, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      out[i] = scale * rng.nextGaussian();
    }
  }
}
