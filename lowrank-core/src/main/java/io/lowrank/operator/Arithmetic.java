package io.lowrank.operator;

import java.util.Locale;

/**
 * The arithmetic of a packed sensing operator's passes (docs/math.md §2, "Arithmetic"). The stored
 * entries are the operator either way; arithmetic only changes how the passes round.
 * <ul>
 *   <li>DOUBLE (the default): every stored entry is widened exactly and all products and sums are
 *       in double; a float32 operator's passes then round like the float64 ones (claims 1-8 hold
 *       to the same tolerances, the noiseless error reaches 1e-13).
 *   <li>FLOAT: for float32, bf16 and int8 storage, the passes multiply and add in float lanes over
 *       short blocks and widen each block sum to double ({@link FloatRowKernels}): the weighted
 *       vector and the multiply-add coefficients are rounded to float, a dot product accumulates
 *       32 float lanes over chunks of 512 entries (16 products per lane),
 *       a multiply-add accumulates 32 rows in a float vector, and
 *       those partial sums are added in double. Each dot is then within (32 + 2) 2^-24 times the
 *       sum of its absolute products of the DOUBLE result, and each multiply-add sum within
 *       (32 + 2) 2^-24 times its own (tested), so the noiseless floor is near 1e-6 instead of
 *       1e-13. Measured on AVX-512 (docs/performance.md, "Float arithmetic"), it is not faster than
 *       DOUBLE: the passes are bound by loads and memory streaming, not by arithmetic. It is what
 *       numpy, JAX and PyTorch do with float32 arrays, kept for side-by-side comparisons.
 * </ul>
 */
public enum Arithmetic {
  /** Widen every stored entry to double; products and sums in double (the default). */
  DOUBLE,
  /** Float lanes over short blocks, block sums widened to double (float32, bf16 and int8 storage). */
  FLOAT;

  /** "double" or "float", as on command lines and in files. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The arithmetic named {@code label} (case-insensitive). */
  public static Arithmetic fromLabel(String label) {
    for (Arithmetic a : values()) {
      if (a.label().equalsIgnoreCase(label)) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown arithmetic '" + label + "'; accepted: double or float");
  }
}
