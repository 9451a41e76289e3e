package io.lowrank.operator;

import io.lowrank.parallel.Parallelism;
import java.util.function.IntConsumer;

/**
 * The unnormalised fast Walsh–Hadamard transform in place: x ← H x for the Sylvester–Hadamard
 * matrix H of order N = 2^q, H[i][j] = (-1)^popcount(i AND j), so H H = N I. Cost N log2 N
 * additions, no multiplications.
 *
 * <p>The butterflies (x_j, x_{j+h}) ← (x_j + x_{j+h}, x_j - x_{j+h}) of the stages h = 1, 2, ...,
 * N/2 are the same operations on the same values whichever thread runs them, so the result is
 * bit-identical for every thread count. Stages below {@link #BLOCK} run inside blocks of BLOCK
 * entries (32 KiB, in cache) in parallel over blocks; larger stages run in
 * parallel over chunks of butterflies. One instance per caller: it holds the task objects, so a
 * transform allocates nothing.
 */
final class WalshHadamard {
  /** Entries of a cache block (2^12 doubles = 32 KiB). */
  static final int BLOCK = 1 << 12;
  /** Butterflies per task in the large stages. */
  private static final int CHUNK = 1 << 12;

  private final int length;
  private final int block;
  private final IntConsumer blockTask = this::block;
  private final IntConsumer stageTask = this::stageChunk;
  private double[] x;
  private int h;

  /** A transform of order {@code length}, a power of two ≥ 1. */
  WalshHadamard(int length) {
    if (length < 1 || Integer.bitCount(length) != 1) {
      throw new IllegalArgumentException("the Walsh–Hadamard order must be a power of two, got " + length);
    }
    this.length = length;
    this.block = Math.min(BLOCK, length);
  }

  /** The smallest power of two ≥ {@code atLeast} (≥ 1); at most 2^30. */
  static int order(long atLeast) {
    if (atLeast > 1L << 30) {
      throw new IllegalArgumentException("a Walsh–Hadamard transform longer than 2^30 entries is not supported (needs "
          + atLeast + "); reduce n or m");
    }
    int n = 1;
    while (n < atLeast) {
      n <<= 1;
    }
    return n;
  }

  /** x[0..N) ← H x[0..N) (overwritten); the array may be longer than N. */
  void apply(double[] values, Parallelism par) {
    if (values.length < length) {
      throw new IllegalArgumentException("transform input has length " + values.length + ", expected at least " + length);
    }
    this.x = values;
    par.forEach(length / block, blockTask);
    for (h = block; h < length; h <<= 1) {
      par.forEach(length / 2 / Math.min(CHUNK, h), stageTask);
    }
    this.x = null;
  }

  /** All stages h below the block size inside block b. */
  private void block(int b) {
    double[] v = x;
    int from = b * block;
    int to = from + block;
    for (int s = 1; s < block; s <<= 1) {
      for (int i = from; i < to; i += 2 * s) {
        for (int j = i; j < i + s; j++) {
          double a = v[j];
          double c = v[j + s];
          v[j] = a + c;
          v[j + s] = a - c;
        }
      }
    }
  }

  /** Chunk t of the butterflies of stage h (h ≥ block): CHUNK consecutive lower indices of one group. */
  private void stageChunk(int t) {
    double[] v = x;
    int s = h;
    int chunk = Math.min(CHUNK, s);
    long first = (long) t * chunk;
    int group = (int) (first / s);
    int offset = (int) (first % s);
    int from = group * 2 * s + offset;
    for (int j = from; j < from + chunk; j++) {
      double a = v[j];
      double c = v[j + s];
      v[j] = a + c;
      v[j + s] = a - c;
    }
  }
}
