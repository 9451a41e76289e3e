package io.lowrank.linalg;

import java.util.Locale;

/**
 * Argument validation at public boundaries. Every failure is an {@link IllegalArgumentException}
 * whose message names the parameter, the value and the accepted range, so that the command line
 * can print it as a one-line error.
 */
public final class Check {
  private Check() {}

  /** Requires {@code value > 0} and finite. */
  public static double positive(double value, String name) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(fmt("%s must be a positive finite number, got %s", name, value));
    }
    return value;
  }

  /** Requires {@code value >= 0} and finite. */
  public static double nonNegative(double value, String name) {
    if (!(value >= 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(fmt("%s must be a finite number >= 0, got %s", name, value));
    }
    return value;
  }

  /** Requires {@code value >= 1}. */
  public static int positive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(fmt("%s must be >= 1, got %d", name, value));
    }
    return value;
  }

  /** Requires {@code lo <= value <= hi}. */
  public static int inRange(int value, int lo, int hi, String name) {
    if (value < lo || value > hi) {
      throw new IllegalArgumentException(fmt("%s must be between %d and %d, got %d", name, lo, hi, value));
    }
    return value;
  }

  /** Requires {@code lo <= value <= hi} and finite. */
  public static double inRange(double value, double lo, double hi, String name) {
    if (!(value >= lo && value <= hi)) {
      throw new IllegalArgumentException(fmt("%s must be between %s and %s, got %s", name, lo, hi, value));
    }
    return value;
  }

  /** Requires a condition about shapes; the message is formatted with {@link Locale#ROOT}. */
  public static void shape(boolean ok, String format, Object... args) {
    if (!ok) {
      throw new IllegalArgumentException(fmt(format, args));
    }
  }

  /** Requires every entry to be finite; names the first offending index. */
  public static double[] finite(double[] values, String name) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(
            fmt("%s contains a non-finite value (%s) at index %d", name, values[i], i));
      }
    }
    return values;
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
