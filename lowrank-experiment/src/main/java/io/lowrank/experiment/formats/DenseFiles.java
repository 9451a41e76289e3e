package io.lowrank.experiment.formats;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVRecord;

/**
 * A dense matrix with missing values as CSV/TSV (the layout of pandas and fancyimpute): one line per
 * row, one field per column; an empty field, {@code NaN}, {@code nan} or {@code NA} is missing, every
 * other field a strict decimal number. The first line is a header (the column ids) when one of its
 * fields is neither a number nor a missing marker; the first column holds the row ids when its field
 * is text (not a number or missing marker) on every data line. Without them, ids are the 1-based
 * positions. Every line must have as many fields as the first.
 */
public final class DenseFiles {
  private DenseFiles() {}

  /** True for the fields that mean "not observed". */
  static boolean missing(String s) {
    return s.isEmpty() || s.equalsIgnoreCase("nan") || s.equals("NA");
  }

  private static boolean text(String s) {
    return !missing(s) && !TextFiles.isDecimal(s) && !TextFiles.isNonFiniteWord(s);
  }

  /** Reads the observed entries of a dense file; ids as described above. */
  public static TripletFiles.Data read(Path file) throws IOException {
    char delimiter = TripletFiles.sniffDelimiter(file);
    List<CSVRecord> records = new ArrayList<>();
    List<Long> lines = new ArrayList<>();
    TripletFiles.forEachRecord(file, delimiter, (rec, line, first) -> {
      records.add(rec);
      lines.add(line);
    });
    if (records.isEmpty()) {
      throw new BadInputException(file + " has no rows; accepted: a dense matrix, one line per row, empty or NaN "
          + "for missing values");
    }
    CSVRecord first = records.get(0);
    int width = first.size();
    boolean header = false;
    for (String f : first.values()) {
      header |= text(f);
    }
    int from = header ? 1 : 0;
    boolean rowIds = records.size() > from;
    for (int k = from; k < records.size(); k++) {
      rowIds &= records.get(k).size() > 0 && text(records.get(k).get(0));
    }
    int firstCol = rowIds ? 1 : 0;
    if (width - firstCol < 1) {
      throw new BadInputException(file + " has no value columns; accepted: a dense matrix with at least one column");
    }
    TripletFiles.Builder b = new TripletFiles.Builder(file);
    List<String> colIds = new ArrayList<>();
    for (int j = firstCol; j < width; j++) {
      String id = header ? first.get(j) : Integer.toString(j - firstCol + 1);
      colIds.add(TripletFiles.id(file, lines.get(0), id, "column", first));
    }
    b.declareColumns(colIds);
    int rows = 0;
    for (int k = from; k < records.size(); k++) {
      CSVRecord rec = records.get(k);
      long line = lines.get(k);
      if (rec.size() != width) {
        throw TripletFiles.bad(file, line, "has " + rec.size() + " fields but the first line has " + width, rec,
            "give every row the same number of fields (an empty field is a missing value)");
      }
      rows++;
      String rowId = rowIds ? TripletFiles.id(file, line, rec.get(0), "row", rec) : Integer.toString(rows);
      b.declareRow(rowId);
      for (int j = firstCol; j < width; j++) {
        String v = rec.get(j);
        if (missing(v)) {
          continue;
        }
        b.add(rowId, colIds.get(j - firstCol), TripletFiles.parseValue(file, line, v, rec), line);
      }
    }
    if (rows == 0) {
      throw new BadInputException(file + " has no data rows (only a header); accepted: one line per row");
    }
    return b.build("dense", header ? List.copyOf(colIds) : null, TripletFiles.Duplicates.ERROR);
  }
}
