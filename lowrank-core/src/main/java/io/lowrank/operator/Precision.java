package io.lowrank.operator;

import java.util.Locale;

/**
 * Storage precision of a generated measurement operator's stored entries (docs/math.md §2,
 * "Storage precisions"). Arithmetic is always in double: stored entries are widened exactly when
 * read. FLOAT64 stores the Gaussian draws x; the others store a rounding q(x) of them, and the
 * operator <em>is</em> the stored one (y is measured with it), so each precision defines an exact
 * sensing problem with a slightly different sub-Gaussian ensemble:
 * <ul>
 *   <li>FLOAT32: x rounded to the nearest float (relative perturbation at most 2^-24);
 *   <li>BF16: x rounded to the nearest float, then to the nearest bfloat16 (8 significand bits,
 *       relative perturbation at most 2^-8), ties to even at both steps;
 *   <li>INT8: per stored row i, s_i = max_p |x_ip| / 127 and q_ip = rint(x_ip / s_i) in
 *       [-127, 127] (nearest integer, ties to even); the entry is s_i q_ip (absolute perturbation
 *       at most s_i / 2, about 0.015 standard deviations for rows of thousands of entries).
 * </ul>
 * A stored row is one A_i: a packed GOE matrix, an asymmetric matrix, or a rank-one vector a_i
 * (rank-one keeps its m n rounded values in double: the ensemble is quantised, the storage is not).
 * Only generated operators may be stored below FLOAT64: for an operator read from a file, rounding
 * it would change the user's data.
 */
public enum Precision {
  /** 8-byte entries (the default; the paper claims use it). */
  FLOAT64(8),
  /** 4-byte entries, double accumulation. */
  FLOAT32(4),
  /** 2-byte bfloat16 entries (the upper half of a float), double accumulation. */
  BF16(2),
  /** 1-byte integer entries with one double scale per stored row, double accumulation. */
  INT8(1);

  private final int bytes;

  Precision(int bytes) {
    this.bytes = bytes;
  }

  /** Bytes per stored entry (INT8 also stores one 8-byte scale per row). */
  public int bytesPerEntry() {
    return bytes;
  }

  /** The lower-case name used on command lines and in files: "float64", "float32", "bf16" or "int8". */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** What one stored entry is, for messages: "doubles", "floats", "bfloat16 values" or "bytes". */
  public String entryName() {
    return switch (this) {
      case FLOAT64 -> "doubles";
      case FLOAT32 -> "floats";
      case BF16 -> "bfloat16 values";
      case INT8 -> "bytes";
    };
  }

  /** The precision named {@code label} (case-insensitive). */
  public static Precision fromLabel(String label) {
    for (Precision p : values()) {
      if (p.label().equalsIgnoreCase(label)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown precision '" + label + "'; accepted: float64, float32, bf16 or int8");
  }
}
