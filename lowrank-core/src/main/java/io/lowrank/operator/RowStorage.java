package io.lowrank.operator;

import java.util.Objects;

/**
 * The stored rows of a packed sensing operator: {@code rows} rows of length {@code np} in one
 * row-major array of the storage {@link Precision}, and for INT8 one scale per row. Stored values
 * are the operator's entries exactly: a float64 or float32 entry is its value, a bfloat16 entry
 * {@code h} is the float with bits {@code h << 16}, an int8 entry {@code q} of row i is
 * {@code rowScale[i] * q}. The rounding from a draw to each precision is {@link #setRow}'s
 * (documented in {@link Precision}).
 *
 * <p>BF16 and INT8 rows are read by decoding a few rows into a float tile (exact: every bfloat16
 * value and every integer in [-127, 127] is a float) that the float kernels then read from cache;
 * the int8 row scale multiplies the row's dot product and its multiply-add coefficient in double.
 */
final class RowStorage {
  final Precision precision;
  final int rows;
  final int np;
  final double[] a64;
  final float[] a32;
  final short[] a16;
  final byte[] a8;
  final double[] rowScale;

  private RowStorage(Precision precision, int rows, int np, double[] a64, float[] a32, short[] a16, byte[] a8,
      double[] rowScale) {
    this.precision = precision;
    this.rows = rows;
    this.np = np;
    this.a64 = a64;
    this.a32 = a32;
    this.a16 = a16;
    this.a8 = a8;
    this.rowScale = rowScale;
  }

  /** Float64 rows of an explicit array (not copied). */
  static RowStorage of(double[] a, int rows, int np) {
    return new RowStorage(Precision.FLOAT64, rows, np, a, null, null, null, null);
  }

  /** Zeroed rows in {@code precision}; fill them with {@link #setRow}. */
  static RowStorage allocate(Precision precision, int rows, int np) {
    Objects.requireNonNull(precision, "precision");
    int n = Math.multiplyExact(rows, np);
    return switch (precision) {
      case FLOAT64 -> new RowStorage(precision, rows, np, new double[n], null, null, null, null);
      case FLOAT32 -> new RowStorage(precision, rows, np, null, new float[n], null, null, null);
      case BF16 -> new RowStorage(precision, rows, np, null, null, new short[n], null, null);
      case INT8 -> new RowStorage(precision, rows, np, null, null, null, new byte[n], new double[rows]);
    };
  }

  /** Bytes of {@code rows} x {@code np} entries in {@code precision}, row scales included. */
  static long bytes(Precision precision, long rows, long np) {
    return precision.bytesPerEntry() * rows * np + (precision == Precision.INT8 ? 8 * rows : 0);
  }

  /** Stores draw {@code x} (length np) as row i, rounded to this precision. Safe for distinct rows in parallel. */
  void setRow(int i, double[] x) {
    int base = i * np;
    switch (precision) {
      case FLOAT64 -> System.arraycopy(x, 0, a64, base, np);
      case FLOAT32 -> {
        for (int p = 0; p < np; p++) {
          a32[base + p] = (float) x[p];
        }
      }
      case BF16 -> {
        for (int p = 0; p < np; p++) {
          a16[base + p] = bfloat16((float) x[p]);
        }
      }
      case INT8 -> {
        double s = int8Scale(x, 0, np);
        rowScale[i] = s;
        for (int p = 0; p < np; p++) {
          a8[base + p] = int8(x[p], s);
        }
      }
      default -> throw new IllegalStateException(precision.toString());
    }
  }

  /** The int8 scale of draws x[off .. off + len): max |x| / 127. */
  static double int8Scale(double[] x, int off, int len) {
    double max = 0.0;
    for (int p = off; p < off + len; p++) {
      max = Math.max(max, Math.abs(x[p]));
    }
    return max / 127.0;
  }

  /** The integer stored for draw x at scale s: rint(x / s) clamped to [-127, 127] (0 when s = 0). */
  static byte int8(double x, double s) {
    return s == 0.0 ? 0 : (byte) Math.max(-127, Math.min(127, Math.rint(x / s)));
  }

  /**
   * Rounds x[off .. off + len) in place to the values one stored row of {@code precision} holds
   * (for operators that keep their few numbers in double but measure with the rounded ensemble).
   */
  static void roundInPlace(Precision precision, double[] x, int off, int len) {
    switch (precision) {
      case FLOAT64 -> { }
      case FLOAT32 -> {
        for (int p = off; p < off + len; p++) {
          x[p] = (float) x[p];
        }
      }
      case BF16 -> {
        for (int p = off; p < off + len; p++) {
          x[p] = widen(bfloat16((float) x[p]));
        }
      }
      case INT8 -> {
        double s = int8Scale(x, off, len);
        for (int p = off; p < off + len; p++) {
          x[p] = s * int8(x[p], s);
        }
      }
      default -> throw new IllegalStateException(precision.toString());
    }
  }

  /** The bfloat16 nearest to finite {@code f} (ties to even): the upper 16 bits of the rounded float. */
  static short bfloat16(float f) {
    int bits = Float.floatToRawIntBits(f);
    bits += 0x7FFF + ((bits >>> 16) & 1);
    return (short) (bits >>> 16);
  }

  /** The float whose upper 16 bits are {@code h} (exact). */
  static float widen(short h) {
    return Float.intBitsToFloat(h << 16);
  }

  /** Entry p of row i as the operator uses it. */
  double value(int i, int p) {
    int q = i * np + p;
    return switch (precision) {
      case FLOAT64 -> a64[q];
      case FLOAT32 -> a32[q];
      case BF16 -> widen(a16[q]);
      case INT8 -> rowScale[i] * a8[q];
    };
  }

  /** The scale of row i's stored integers (1 for every other precision). */
  double rowScale(int i) {
    return rowScale == null ? 1.0 : rowScale[i];
  }

  /** True for the precisions read through a decoded float tile (BF16, INT8). */
  boolean tiled() {
    return a16 != null || a8 != null;
  }

  /** Decodes rows {@code row .. row + count - 1} into {@code tile[0 .. count np)} (int8: the integers, unscaled). */
  void decode(int row, int count, float[] tile, RowKernels kernels) {
    if (a16 != null) {
      kernels.decode(a16, row * np, count * np, tile);
    } else {
      kernels.decode(a8, row * np, count * np, tile);
    }
  }

  /** Rows {@code indices} (copied, same precision and scales). */
  RowStorage select(int[] indices) {
    RowStorage out = allocate(precision, indices.length, np);
    for (int k = 0; k < indices.length; k++) {
      int from = indices[k] * np;
      int to = k * np;
      switch (precision) {
        case FLOAT64 -> System.arraycopy(a64, from, out.a64, to, np);
        case FLOAT32 -> System.arraycopy(a32, from, out.a32, to, np);
        case BF16 -> System.arraycopy(a16, from, out.a16, to, np);
        case INT8 -> {
          System.arraycopy(a8, from, out.a8, to, np);
          out.rowScale[k] = rowScale[indices[k]];
        }
        default -> throw new IllegalStateException(precision.toString());
      }
    }
    return out;
  }

  /** True when both are the same stored arrays. */
  boolean sameAs(RowStorage other) {
    return a64 == other.a64 && a32 == other.a32 && a16 == other.a16 && a8 == other.a8;
  }
}
