package io.lowrank.operator;

/**
 * The inner loops of the packed sensing operators: dot products of stored rows with a dense
 * vector, and multiply-adds of stored rows into an accumulator. Rows are stored in one array
 * ({@code double[]} or {@code float[]}); a row of length {@code np} starts at {@code off} and the
 * next row at {@code off + np}. Float entries are widened to double exactly; all arithmetic is in
 * double.
 *
 * <p><b>The order of operations is part of the contract</b>, so that every implementation (plain
 * Java, {@code jdk.incubator.vector}) returns bit-identical results:
 * <ul>
 *   <li>dot: eight lane sums acc_l = fma(a[p], w[p], acc_l) over p = l, l + 8, ... below
 *       np8 = np - np % 8, each started at 0.0; then t_j = acc_j + acc_{j+4} (j = 0..3),
 *       d = (t_0 + t_1) + (t_2 + t_3); then d = fma(a[p], w[p], d) for p = np8 .. np-1.
 *   <li>multiply-add of four rows: g[p] = fma(a3[p], v3, fma(a2[p], v2, fma(a1[p], v1,
 *       fma(a0[p], v0, g[p])))); of one row: g[p] = fma(a0[p], v0, g[p]).
 * </ul>
 * The fused multiply-add needs hardware FMA to be fast (x86-64 since Haswell, every AArch64).
 * Implementations are stateless and thread-safe.
 */
abstract class RowKernels {
  /** The lane count of the dot-product order above. */
  static final int LANES = 8;

  private static final RowKernels BEST = select();

  /** The fastest available implementation: the vector one when jdk.incubator.vector is present. */
  static RowKernels best() {
    return BEST;
  }

  /** The plain-Java implementation (always available; the reference in tests). */
  static RowKernels plain() {
    return PlainRowKernels.INSTANCE;
  }

  private static RowKernels select() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return plain();
    }
    try {
      Class<?> probe = Class.forName("io.lowrank.operator.VectorWidth");
      int bits = (int) probe.getDeclaredMethod("preferredBits").invoke(null);
      String name = bits >= 512 && !Boolean.getBoolean(FORCE_256) ? "io.lowrank.operator.VectorRowKernels512"
          : "io.lowrank.operator.VectorRowKernels";
      return (RowKernels) Class.forName(name).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return plain();
    }
  }

  /**
   * System property that makes AVX-512 machines use the 256-bit vector kernels (so tests can check
   * both widths against the plain ones; results are identical anyway).
   */
  static final String FORCE_256 = "lowrank.vector256";

  /** "plain", "vector" (256-bit) or "vector512": for benchmark reports. */
  abstract String name();

  /** out[j] = dot of row j (j = 0..3, rows at off + j np) with w, in the contract's order. */
  abstract void dot4(double[] a, int off, int np, double[] w, double[] out);

  abstract void dot4(float[] a, int off, int np, double[] w, double[] out);

  /** The dot of one row with w, in the contract's order. */
  abstract double dot1(double[] a, int off, int np, double[] w);

  abstract double dot1(float[] a, int off, int np, double[] w);

  /** g += v0 row0 + v1 row1 + v2 row2 + v3 row3 (rows at off + j np), in the contract's order. */
  abstract void axpy4(double[] a, int off, int np, double v0, double v1, double v2, double v3, double[] g);

  abstract void axpy4(float[] a, int off, int np, double v0, double v1, double v2, double v3, double[] g);

  /**
   * {@link #dot4} of one group of four rows with four vectors: out_k[j] = dot of row j with w_k,
   * each in the contract's order. Implementations may load each row vector once for the four
   * members; {@code lanes} (length >= 128) is scratch for the lane sums. The default calls
   * {@link #dot4} four times.
   */
  void dot4x4(double[] a, int off, int np, double[] w0, double[] w1, double[] w2, double[] w3, double[] out0,
      double[] out1, double[] out2, double[] out3, double[] lanes) {
    dot4(a, off, np, w0, out0);
    dot4(a, off, np, w1, out1);
    dot4(a, off, np, w2, out2);
    dot4(a, off, np, w3, out3);
  }

  void dot4x4(float[] a, int off, int np, double[] w0, double[] w1, double[] w2, double[] w3, double[] out0,
      double[] out1, double[] out2, double[] out3, double[] lanes) {
    dot4(a, off, np, w0, out0);
    dot4(a, off, np, w1, out1);
    dot4(a, off, np, w2, out2);
    dot4(a, off, np, w3, out3);
  }

  /**
   * {@link #axpy4} of one group of four rows into four accumulators: g_k += sum_j v[4k + j] row j,
   * each in the contract's order. The default calls {@link #axpy4} four times.
   */
  void axpy4x4(double[] a, int off, int np, double[] v, double[] g0, double[] g1, double[] g2, double[] g3) {
    axpy4(a, off, np, v[0], v[1], v[2], v[3], g0);
    axpy4(a, off, np, v[4], v[5], v[6], v[7], g1);
    axpy4(a, off, np, v[8], v[9], v[10], v[11], g2);
    axpy4(a, off, np, v[12], v[13], v[14], v[15], g3);
  }

  void axpy4x4(float[] a, int off, int np, double[] v, double[] g0, double[] g1, double[] g2, double[] g3) {
    axpy4(a, off, np, v[0], v[1], v[2], v[3], g0);
    axpy4(a, off, np, v[4], v[5], v[6], v[7], g1);
    axpy4(a, off, np, v[8], v[9], v[10], v[11], g2);
    axpy4(a, off, np, v[12], v[13], v[14], v[15], g3);
  }

  /** g += v row (row at off). */
  abstract void axpy1(double[] a, int off, int np, double v, double[] g);

  abstract void axpy1(float[] a, int off, int np, double v, double[] g);

  /**
   * out[t] = the float with upper bits a[off + t] (bfloat16 widened exactly), t = 0..len-1. Plain
   * loop; implementations may vectorise it (the result is exact either way).
   */
  void decode(short[] a, int off, int len, float[] out) {
    for (int t = 0; t < len; t++) {
      out[t] = Float.intBitsToFloat(a[off + t] << 16);
    }
  }

  /** out[t] = a[off + t] as a float (exact), t = 0..len-1. */
  void decode(byte[] a, int off, int len, float[] out) {
    for (int t = 0; t < len; t++) {
      out[t] = a[off + t];
    }
  }

  /** The contract's combination of the eight lane sums. */
  static double combine(double l0, double l1, double l2, double l3, double l4, double l5, double l6, double l7) {
    double t0 = l0 + l4;
    double t1 = l1 + l5;
    double t2 = l2 + l6;
    double t3 = l3 + l7;
    return (t0 + t1) + (t2 + t3);
  }
}
