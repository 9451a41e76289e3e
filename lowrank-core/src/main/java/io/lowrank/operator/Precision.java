package io.lowrank.operator;

import java.util.Locale;

/**
 * Storage precision of a measurement operator's stored entries. Arithmetic is always in double:
 * FLOAT32 entries are rounded once when the operator is made and widened exactly when read, so
 * FLOAT32 halves the bytes streamed per pass at the cost of a relative perturbation of the
 * operator of at most 2^-24 per entry.
 */
public enum Precision {
  /** 8-byte entries (the default; the paper claims use it). */
  FLOAT64(8),
  /** 4-byte entries, double accumulation. */
  FLOAT32(4);

  private final int bytes;

  Precision(int bytes) {
    this.bytes = bytes;
  }

  /** Bytes per stored entry. */
  public int bytesPerEntry() {
    return bytes;
  }

  /** The lower-case name used on command lines and in files: "float64" or "float32". */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The precision named {@code label} ("float64" or "float32", case-insensitive). */
  public static Precision fromLabel(String label) {
    for (Precision p : values()) {
      if (p.label().equalsIgnoreCase(label)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown precision '" + label + "'; accepted: float64 or float32");
  }
}
