package io.lowrank.experiment.sweep;

import io.lowrank.diagnostics.Columns;
import io.lowrank.experiment.formats.BadInputException;
import io.lowrank.experiment.run.RunResult;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a run counts as a success: {@code <column> <op> <threshold>}, e.g. {@code test_error < 1e-3},
 * where column is a history column (its last recorded value), {@code min:<column>} (its smallest
 * recorded value) or {@code iterations} (the steps taken), and op one of {@code <, <=, >, >=}. A
 * diverged run, or one whose value is undefined (NaN), is never a success.
 *
 * @param column what is compared
 * @param op the comparison
 * @param threshold the number it is compared with
 */
public record Criterion(String column, String op, double threshold) {
  private static final Pattern FORM = Pattern.compile("\\s*((?:min:)?[a-z][a-z0-9_]*)\\s*(<=|>=|<|>)\\s*(\\S+)\\s*");

  public Criterion {
    if (!op.equals("<") && !op.equals("<=") && !op.equals(">") && !op.equals(">=")) {
      throw new IllegalArgumentException("op must be <, <=, > or >=, got " + op);
    }
  }

  /** Parses {@code text}; {@code where} prefixes messages. */
  public static Criterion parse(String text, String where) {
    Matcher m = FORM.matcher(text);
    String accepted = "accepted: <column> <op> <number>, e.g. test_error < 1e-3 (op <, <=, >, >=; column a history "
        + "column, min:<column> or iterations)";
    if (!m.matches()) {
      throw new BadInputException(where + ": success '" + shorten(text) + "' is invalid; " + accepted);
    }
    double t;
    try {
      t = Double.parseDouble(m.group(3));
    } catch (NumberFormatException e) {
      throw new BadInputException(where + ": success '" + shorten(text) + "': '" + m.group(3) + "' is not a number; "
          + accepted);
    }
    if (!Double.isFinite(t)) {
      throw new BadInputException(where + ": success '" + shorten(text) + "': the threshold must be finite; " + accepted);
    }
    String column = m.group(1);
    String base = column.startsWith("min:") ? column.substring(4) : column;
    if (!base.equals("iterations") && !Columns.known(base)) {
      throw new BadInputException(where + ": success '" + shorten(text) + "': '" + base + "' is not a history column; "
          + "accepted: iterations or one of " + String.join(", ", Columns.TRAJECTORY) + ", sv_<k>");
    }
    return new Criterion(column, m.group(2), t);
  }

  /** The value of {@link #column} in a run (NaN when the run has no such column). */
  public double value(RunResult r) {
    if (column.equals("iterations")) {
      return r.solve().iterations();
    }
    boolean min = column.startsWith("min:");
    String c = min ? column.substring(4) : column;
    if (!r.history().has(c) || r.history().size() == 0) {
      return Double.NaN;
    }
    if (!min) {
      return r.last(c);
    }
    double best = Double.NaN;
    for (double v : r.history().column(c)) {
      if (!Double.isNaN(v) && !(v >= best)) {
        best = v;
      }
    }
    return best;
  }

  /** True when the run satisfies the criterion. */
  public boolean test(RunResult r) {
    if (r.diverged()) {
      return false;
    }
    double v = value(r);
    if (Double.isNaN(v)) {
      return false;
    }
    return switch (op) {
      case "<" -> v < threshold;
      case "<=" -> v <= threshold;
      case ">" -> v > threshold;
      default -> v >= threshold;
    };
  }

  @Override
  public String toString() {
    return column + " " + op + " " + String.format(Locale.ROOT, "%s", threshold);
  }

  private static String shorten(String s) {
    String one = s.replaceAll("\\s+", " ").strip();
    return one.length() > 60 ? one.substring(0, 57) + "..." : one;
  }
}
