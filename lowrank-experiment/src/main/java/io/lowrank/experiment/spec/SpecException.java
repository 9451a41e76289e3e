package io.lowrank.experiment.spec;

import io.lowrank.experiment.formats.BadInputException;

/**
 * An invalid run spec: which key (a dotted path such as {@code problem.n}, relative to the record
 * that threw it until {@link #under} prefixes it), and a one-line reason with what is accepted.
 * Readers of spec files add the file and line ({@link SpecFiles}); the command line translates keys
 * to option names. The message is {@code <key>: <reason>}.
 */
public final class SpecException extends BadInputException {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final String reason;

  public SpecException(String key, String reason) {
    super(key.isEmpty() ? reason : key + ": " + reason);
    this.key = key;
    this.reason = reason;
  }

  /** {@code <key>: <value> is invalid; accepted: <accepted>}. */
  public static SpecException invalid(String key, Object value, String accepted) {
    return new SpecException(key, show(value) + " is invalid; accepted: " + accepted);
  }

  /** The dotted key path ("" for the whole spec). */
  public String key() {
    return key;
  }

  /** The reason without the key. */
  public String reason() {
    return reason;
  }

  /** The same error with its key below {@code prefix} (e.g. "n" under "problem" is "problem.n"). */
  public SpecException under(String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      return this;
    }
    return new SpecException(key.isEmpty() ? prefix : prefix + "." + key, reason);
  }

  /** Integers without ".0"; other values as Java prints them, strings shortened to 80 characters. */
  static String show(Object value) {
    if (value instanceof Double d && Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString(d.longValue());
    }
    String s = String.valueOf(value);
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }
}
