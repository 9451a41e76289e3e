package io.lowrank.experiment.spec;

/** Checks of spec values; each failure is a {@link SpecException} naming the key. */
final class Valid {
  private Valid() {}

  static int intRange(Integer v, int lo, int hi, String key, String accepted) {
    if (v == null || v < lo || v > hi) {
      throw SpecException.invalid(key, v, accepted);
    }
    return v;
  }

  static double range(Double v, double lo, double hi, String key, String accepted) {
    if (v == null || !(v >= lo && v <= hi) || Double.isNaN(v)) {
      throw SpecException.invalid(key, v, accepted);
    }
    return v;
  }

  static double positive(Double v, String key, String example) {
    if (v == null || !(v > 0) || !Double.isFinite(v)) {
      throw SpecException.invalid(key, v, "a finite number > 0, e.g. " + example);
    }
    return v;
  }

  static double nonNegative(Double v, String key, String example) {
    if (v == null || !(v >= 0) || !Double.isFinite(v)) {
      throw SpecException.invalid(key, v, "a finite number >= 0, e.g. " + example);
    }
    return v;
  }

  /** Open interval (0, 1). */
  static double fraction(Double v, String key, String example) {
    if (v == null || !(v > 0 && v < 1)) {
      throw SpecException.invalid(key, v, "a number strictly between 0 and 1, e.g. " + example);
    }
    return v;
  }

  static void require(boolean ok, String key, String reason) {
    if (!ok) {
      throw new SpecException(key, reason);
    }
  }

  static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }
}
