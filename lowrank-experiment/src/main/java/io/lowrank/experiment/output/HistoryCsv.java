package io.lowrank.experiment.output;

import io.lowrank.diagnostics.History;
import io.lowrank.experiment.formats.AtomicFiles;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;

/**
 * A {@link History} as CSV: a header line with the column names, then one line per recorded
 * iteration. {@code iteration} is printed as an integer; every other value in full precision with
 * {@link Double#toString} (locale independent, round-trips exactly), infinities as {@code inf} /
 * {@code -inf} and NaN ("not defined here") as an empty field. Lines end with {@code \n}.
 */
public final class HistoryCsv {
  private HistoryCsv() {}

  /** Writes {@code file} atomically ({@link AtomicFiles}). */
  public static void write(Path file, History history) throws IOException {
    AtomicFiles.writeText(file, w -> write(w, history));
  }

  /** Writes the CSV text to {@code out} (not closed). */
  public static void write(Writer out, History history) throws IOException {
    List<String> names = history.columns();
    out.write(String.join(",", names));
    out.write('\n');
    double[][] columns = new double[names.size()][];
    for (int c = 0; c < columns.length; c++) {
      columns[c] = history.column(names.get(c));
    }
    StringBuilder line = new StringBuilder();
    for (int row = 0; row < history.size(); row++) {
      line.setLength(0);
      for (int c = 0; c < columns.length; c++) {
        if (c > 0) {
          line.append(',');
        }
        double v = columns[c][row];
        if (names.get(c).equals(History.ITERATION) && v == Math.rint(v) && Math.abs(v) < 0x1p53) {
          line.append((long) v);
        } else {
          line.append(format(v));
        }
      }
      line.append('\n');
      out.write(line.toString());
    }
  }

  /**
   * Reads a file written by {@link #write}: the same columns and, value for value, the same doubles
   * (the format round-trips exactly).
   *
   * @throws IOException when the file cannot be read or is not such a file
   */
  public static History read(Path file) throws IOException {
    List<String> lines = java.nio.file.Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
    if (lines.isEmpty()) {
      throw new IOException(file + " is empty");
    }
    List<String> names = List.of(lines.get(0).split(",", -1));
    if (!names.get(0).equals(History.ITERATION)) {
      throw new IOException(file + " does not start with the column " + History.ITERATION);
    }
    History h = new History(names.subList(1, names.size()));
    double[] row = new double[names.size()];
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).split(",", -1);
      if (f.length != row.length) {
        throw new IOException(file + " line " + (i + 1) + " has " + f.length + " fields, expected " + row.length);
      }
      for (int c = 0; c < row.length; c++) {
        row[c] = parse(f[c]);
      }
      h.append(row);
    }
    return h;
  }

  /** The inverse of {@link #format}. */
  public static double parse(String field) {
    return switch (field) {
      case "" -> Double.NaN;
      case "inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(field);
    };
  }

  /** One CSV field: full precision, "" for NaN, "inf"/"-inf" for infinities. */
  public static String format(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    return Double.toString(v);
  }
}
