package io.lowrank.operator;

/**
 * The inner loops of {@link Arithmetic#FLOAT} passes over float rows (float32 storage, or a tile
 * of decoded bf16 or int8 rows): dots of rows with a float vector and multiply-adds of rows into a
 * float accumulator, with the sums widened to double at fixed points. Rows as in
 * {@link RowKernels}: a row of length {@code np} starts at {@code off}, the next at {@code off + np}.
 *
 * <p><b>The order of operations is part of the contract</b>, so that the plain and the vector
 * implementations are bit-identical:
 * <ul>
 *   <li>dot: with np32 = np - np % 32, the entries below np32 are taken in chunks of
 *       {@value #CHUNK} (the last one shorter). In each chunk 32 float lane sums
 *       f_l = fma(a[p], w[p], f_l) over p = l, l + 32, ... (float fused multiply-add, from 0f);
 *       at the end of the chunk D_l += (double) f_l (32 double sums, from 0.0). Then
 *       t_j = (D_j + D_{j+8}) + (D_{j+16} + D_{j+24}) (j = 0..7) and
 *       d = {@link RowKernels#combine}(t_0..t_7). The entries from np32 on: f = fma(a[p], w[p], f)
 *       in float from 0f, and d = d + (double) f. A dot of four rows is four such dots.
 *   <li>multiply-add of four rows into a float accumulator: g[p] = fma(a3[p], v3, fma(a2[p], v2,
 *       fma(a1[p], v1, fma(a0[p], v0, g[p])))) in float; of one row: g[p] = fma(a0[p], v0, g[p]).
 *   <li>flush: g[p] = g[p] + (double) f[p] and f[p] = 0f.
 * </ul>
 * Widening a float to double is exact, so the only roundings are the float ones inside a chunk
 * (at most CHUNK / 32 = 16 per lane) and inside the caller's flush interval, and the double sums
 * after.
 * Implementations are stateless and thread-safe.
 */
abstract class FloatRowKernels {
  /** Float lanes of the dot-product order. */
  static final int LANES = 32;
  /** Entries of one dot-product chunk (float accumulation length per lane: CHUNK / LANES = 16). */
  static final int CHUNK = 512;

  /** The plain-Java implementation (always available; the reference in tests). */
  static FloatRowKernels plain() {
    return Plain.INSTANCE;
  }

  /**
   * The vector implementation when {@code rowKernels} is the AVX-512 one (it uses the same vector
   * shapes, so the two never mix widths in one JVM), the plain one otherwise.
   */
  static FloatRowKernels matching(RowKernels rowKernels) {
    return "vector512".equals(rowKernels.name()) ? Vector512.INSTANCE : plain();
  }

  /** The AVX-512 kernels, loaded reflectively on first use (the plain ones if they cannot load). */
  private static final class Vector512 {
    static final FloatRowKernels INSTANCE = load();

    private static FloatRowKernels load() {
      try {
        return (FloatRowKernels) Class.forName("io.lowrank.operator.VectorFloatRowKernels").getDeclaredConstructor()
            .newInstance();
      } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
        return plain();
      }
    }
  }

  /** "plain" or "vector512". */
  abstract String name();

  /**
   * out[j] = dot of row j (j = 0..3) with w, in the contract's order: four dots, one row after the
   * other (rows read as one stream each are read faster from memory than four rows interleaved,
   * measured here: 1.45 vs 2.3 ms per 50 MB float pass).
   */
  final void dot4(float[] a, int off, int np, float[] w, double[] out) {
    out[0] = dot1(a, off, np, w);
    out[1] = dot1(a, off + np, np, w);
    out[2] = dot1(a, off + 2 * np, np, w);
    out[3] = dot1(a, off + 3 * np, np, w);
  }

  /** The dot of one row with w, in the contract's order. */
  abstract double dot1(float[] a, int off, int np, float[] w);

  /** g += v0 row0 + v1 row1 + v2 row2 + v3 row3 in float, in the contract's order. */
  abstract void axpy4(float[] a, int off, int np, float v0, float v1, float v2, float v3, float[] g);

  /** g += v row in float. */
  abstract void axpy1(float[] a, int off, int np, float v, float[] g);

  /** g[p] += (double) f[p], then f[p] = 0f, p = 0..np-1. */
  void flush(float[] f, double[] g, int np) {
    for (int p = 0; p < np; p++) {
      g[p] += f[p];
      f[p] = 0f;
    }
  }

  /** out[p] = (float) w[p], p = 0..np-1 (round to nearest). */
  static void round(double[] w, float[] out, int np) {
    for (int p = 0; p < np; p++) {
      out[p] = (float) w[p];
    }
  }

  /** The plain-Java kernels: scalar float fused multiply-adds in the contract's lanes. */
  static final class Plain extends FloatRowKernels {
    static final Plain INSTANCE = new Plain();

    private Plain() {}

    @Override
    String name() {
      return "plain";
    }

    @Override
    double dot1(float[] a, int off, int np, float[] w) {
      double d0 = 0;
      double d1 = 0;
      double d2 = 0;
      double d3 = 0;
      double d4 = 0;
      double d5 = 0;
      double d6 = 0;
      double d7 = 0;
      double d8 = 0;
      double d9 = 0;
      double d10 = 0;
      double d11 = 0;
      double d12 = 0;
      double d13 = 0;
      double d14 = 0;
      double d15 = 0;
      double d16 = 0;
      double d17 = 0;
      double d18 = 0;
      double d19 = 0;
      double d20 = 0;
      double d21 = 0;
      double d22 = 0;
      double d23 = 0;
      double d24 = 0;
      double d25 = 0;
      double d26 = 0;
      double d27 = 0;
      double d28 = 0;
      double d29 = 0;
      double d30 = 0;
      double d31 = 0;
      int np32 = np - np % LANES;
      int p = 0;
      while (p < np32) {
        int end = Math.min(p + CHUNK, np32);
        float f0 = 0f;
        float f1 = 0f;
        float f2 = 0f;
        float f3 = 0f;
        float f4 = 0f;
        float f5 = 0f;
        float f6 = 0f;
        float f7 = 0f;
        float f8 = 0f;
        float f9 = 0f;
        float f10 = 0f;
        float f11 = 0f;
        float f12 = 0f;
        float f13 = 0f;
        float f14 = 0f;
        float f15 = 0f;
        float f16 = 0f;
        float f17 = 0f;
        float f18 = 0f;
        float f19 = 0f;
        float f20 = 0f;
        float f21 = 0f;
        float f22 = 0f;
        float f23 = 0f;
        float f24 = 0f;
        float f25 = 0f;
        float f26 = 0f;
        float f27 = 0f;
        float f28 = 0f;
        float f29 = 0f;
        float f30 = 0f;
        float f31 = 0f;
        for (; p < end; p += LANES) {
          int q = off + p;
          f0 = Math.fma(a[q], w[p], f0);
          f1 = Math.fma(a[q + 1], w[p + 1], f1);
          f2 = Math.fma(a[q + 2], w[p + 2], f2);
          f3 = Math.fma(a[q + 3], w[p + 3], f3);
          f4 = Math.fma(a[q + 4], w[p + 4], f4);
          f5 = Math.fma(a[q + 5], w[p + 5], f5);
          f6 = Math.fma(a[q + 6], w[p + 6], f6);
          f7 = Math.fma(a[q + 7], w[p + 7], f7);
          f8 = Math.fma(a[q + 8], w[p + 8], f8);
          f9 = Math.fma(a[q + 9], w[p + 9], f9);
          f10 = Math.fma(a[q + 10], w[p + 10], f10);
          f11 = Math.fma(a[q + 11], w[p + 11], f11);
          f12 = Math.fma(a[q + 12], w[p + 12], f12);
          f13 = Math.fma(a[q + 13], w[p + 13], f13);
          f14 = Math.fma(a[q + 14], w[p + 14], f14);
          f15 = Math.fma(a[q + 15], w[p + 15], f15);
          f16 = Math.fma(a[q + 16], w[p + 16], f16);
          f17 = Math.fma(a[q + 17], w[p + 17], f17);
          f18 = Math.fma(a[q + 18], w[p + 18], f18);
          f19 = Math.fma(a[q + 19], w[p + 19], f19);
          f20 = Math.fma(a[q + 20], w[p + 20], f20);
          f21 = Math.fma(a[q + 21], w[p + 21], f21);
          f22 = Math.fma(a[q + 22], w[p + 22], f22);
          f23 = Math.fma(a[q + 23], w[p + 23], f23);
          f24 = Math.fma(a[q + 24], w[p + 24], f24);
          f25 = Math.fma(a[q + 25], w[p + 25], f25);
          f26 = Math.fma(a[q + 26], w[p + 26], f26);
          f27 = Math.fma(a[q + 27], w[p + 27], f27);
          f28 = Math.fma(a[q + 28], w[p + 28], f28);
          f29 = Math.fma(a[q + 29], w[p + 29], f29);
          f30 = Math.fma(a[q + 30], w[p + 30], f30);
          f31 = Math.fma(a[q + 31], w[p + 31], f31);
        }
        d0 += f0;
        d1 += f1;
        d2 += f2;
        d3 += f3;
        d4 += f4;
        d5 += f5;
        d6 += f6;
        d7 += f7;
        d8 += f8;
        d9 += f9;
        d10 += f10;
        d11 += f11;
        d12 += f12;
        d13 += f13;
        d14 += f14;
        d15 += f15;
        d16 += f16;
        d17 += f17;
        d18 += f18;
        d19 += f19;
        d20 += f20;
        d21 += f21;
        d22 += f22;
        d23 += f23;
        d24 += f24;
        d25 += f25;
        d26 += f26;
        d27 += f27;
        d28 += f28;
        d29 += f29;
        d30 += f30;
        d31 += f31;
      }
      double d = RowKernels.combine((d0 + d8) + (d16 + d24),
          (d1 + d9) + (d17 + d25),
          (d2 + d10) + (d18 + d26),
          (d3 + d11) + (d19 + d27),
          (d4 + d12) + (d20 + d28),
          (d5 + d13) + (d21 + d29),
          (d6 + d14) + (d22 + d30),
          (d7 + d15) + (d23 + d31));
      float t = 0f;
      for (; p < np; p++) {
        t = Math.fma(a[off + p], w[p], t);
      }
      return d + t;
    }

    @Override
    void axpy4(float[] a, int off, int np, float v0, float v1, float v2, float v3, float[] g) {
      int o1 = off + np;
      int o2 = o1 + np;
      int o3 = o2 + np;
      for (int p = 0; p < np; p++) {
        g[p] = Math.fma(a[o3 + p], v3, Math.fma(a[o2 + p], v2, Math.fma(a[o1 + p], v1, Math.fma(a[off + p], v0, g[p]))));
      }
    }

    @Override
    void axpy1(float[] a, int off, int np, float v, float[] g) {
      for (int p = 0; p < np; p++) {
        g[p] = Math.fma(a[off + p], v, g[p]);
      }
    }
  }
}
