package io.lowrank.experiment.formats;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the (row id, column id) pairs to predict for {@code lowrank complete --predict}, in the
 * CSV/TSV conventions of {@link TripletFiles} (further fields are ignored). The first line is a
 * header when it repeats the input's header names, or when the input's ids are all integers and
 * one of its two fields is not. Pairs whose row or column id never occurs in the input are
 * <b>cold-start</b> pairs: they are returned separately, never guessed.
 */
public final class PairFiles {
  private PairFiles() {}

  /**
   * One pair to predict.
   *
   * @param line line number in the file
   * @param rowId row id as written
   * @param colId column id as written
   * @param row row index, or -1 when the row id is unknown
   * @param col column index, or -1 when the column id is unknown
   */
  public record Pair(long line, String rowId, String colId, int row, int col) {
    /** True when either id was never seen in the input. */
    public boolean coldStart() {
      return row < 0 || col < 0;
    }
  }

  /** All pairs of the file, in file order. */
  public static List<Pair> read(Path file, TripletFiles.Data data) throws IOException {
    return read(file, data.rowIndex(), data.colIndex(), data.header(), data.integerIds());
  }

  /**
   * All pairs of the file, with ids looked up in {@code rows} and {@code cols}; a first line equal
   * to {@code header} (or text over integer ids) is taken as a header.
   */
  public static List<Pair> read(Path file, Map<String, Integer> rows, Map<String, Integer> cols, List<String> header,
      boolean integerIds) throws IOException {
    char delimiter = TripletFiles.sniffDelimiter(file);
    List<Pair> out = new ArrayList<>();
    TripletFiles.forEachRecord(file, delimiter, (rec, line, first) -> {
      if (rec.size() < 2) {
        throw TripletFiles.bad(file, line, "has " + rec.size() + " field but 2 are needed (row id, column id)", rec,
            "give one pair per line");
      }
      String r = rec.get(0);
      String c = rec.get(1);
      if (first) {
        boolean sameHeader = header != null && header.size() >= 2 && header.get(0).equalsIgnoreCase(r)
            && header.get(1).equalsIgnoreCase(c);
        boolean textOverIntegers = integerIds && (!TripletFiles.isInteger(r) || !TripletFiles.isInteger(c));
        if (sameHeader || textOverIntegers) {
          return;
        }
      }
      TripletFiles.id(file, line, r, "row", rec);
      TripletFiles.id(file, line, c, "column", rec);
      out.add(new Pair(line, r, c, rows.getOrDefault(r, -1), cols.getOrDefault(c, -1)));
    });
    if (out.isEmpty()) {
      throw new BadInputException(file + " has no pairs to predict; give one line per pair: row id, column id");
    }
    return out;
  }

  /** A one-line description of the cold-start pairs (first few), for messages. */
  public static String describeColdStart(Path file, List<Pair> cold) {
    StringBuilder s = new StringBuilder();
    int shown = 0;
    for (Pair p : cold) {
      if (shown == 3) {
        s.append(", ...");
        break;
      }
      if (shown > 0) {
        s.append(", ");
      }
      s.append(String.format(Locale.ROOT, "line %d (%s%s)", p.line(),
          p.row() < 0 ? "row id '" + TripletFiles.field(p.rowId()) + "'" : "",
          p.col() < 0 ? (p.row() < 0 ? " and " : "") + "column id '" + TripletFiles.field(p.colId()) + "'" : ""));
      shown++;
    }
    return String.format(Locale.ROOT, "%s has %d pair%s with ids never seen in the input: %s", file, cold.size(),
        cold.size() == 1 ? "" : "s", s);
  }
}
