package io.lowrank.cli;

import io.lowrank.experiment.formats.BadInputException;

/**
 * Validation of option values with messages of the form
 * {@code --width 41 is invalid; accepted: 1 <= --width <= n = 40}, which the error handler prints
 * after {@code lowrank <command>: error: }.
 */
final class OptionChecks {
  private OptionChecks() {}

  /** Throws unless {@code ok}. */
  static void require(boolean ok, String option, Object value, String accepted) {
    if (!ok) {
      throw new BadInputException(option + " " + show(value) + " is invalid; accepted: " + accepted);
    }
  }

  /** {@code lo <= value <= hi}. */
  static int intRange(int value, int lo, int hi, String option, String accepted) {
    require(value >= lo && value <= hi, option, value, accepted);
    return value;
  }

  /** A finite number > 0. */
  static double positive(double value, String option, String example) {
    require(value > 0 && Double.isFinite(value), option, value, "a finite number > 0, e.g. " + example);
    return value;
  }

  /** A finite number >= 0. */
  static double nonNegative(double value, String option, String example) {
    require(value >= 0 && Double.isFinite(value), option, value, "a finite number >= 0, e.g. " + example);
    return value;
  }

  /** Throws when an option was given together with one it contradicts. */
  static void conflict(boolean given, String option, String why) {
    if (given) {
      throw new BadInputException(option + " " + why);
    }
  }

  /** Integers without ".0", doubles as Java prints them. */
  static String show(Object value) {
    if (value instanceof Double d && Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString(d.longValue());
    }
    return String.valueOf(value);
  }

  /** A short, locale-independent rendering: 100, 0.253642, 1e+08 style via %.6g without padding zeros. */
  static String compact(double v) {
    if (Double.isFinite(v) && v == Math.rint(v) && Math.abs(v) < 1e7) {
      return Long.toString((long) v);
    }
    String s = String.format(java.util.Locale.ROOT, "%.6g", v);
    String mantissa = s;
    String exponent = "";
    int e = s.indexOf('e');
    if (e >= 0) {
      mantissa = s.substring(0, e);
      exponent = s.substring(e);
    }
    if (mantissa.contains(".")) {
      mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return mantissa + exponent;
  }
}
