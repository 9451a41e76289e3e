package io.lowrank.experiment.formats;

import io.lowrank.linalg.Memory;
import io.lowrank.operator.EntryOrder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads observed entries (row id, column id, value) for completion, streaming (one record at a
 * time; only the entries are kept):
 * <ul>
 *   <li><b>CSV/TSV triples</b> (commons-csv): the delimiter is a tab when the first line has one,
 *       else a comma; fields may be quoted ({@code "a,b"}, doubled quotes inside); a first line
 *       whose third field is not a number is a header; further columns (e.g. a timestamp) are
 *       ignored. Ids are strings (integers are ids too), numbered in order of first appearance
 *       and mapped back on output.</li>
 *   <li><b>MatrixMarket</b> ({@code .mtx}): {@code coordinate real|integer|pattern general|symmetric},
 *       1-based indices; the ids are the 1-based indices as text; symmetric files are mirrored.</li>
 * </ul>
 * Every problem is a {@link BadInputException} with the file, the line number and the line's
 * content: too few fields, a value that is not a number, NaN or infinite values, no data rows,
 * duplicated (row, column) pairs (see {@link Duplicates}), and input whose entries alone would not
 * fit the heap (checked as the arrays grow, with the estimate).
 */
public final class TripletFiles {
  private static final int MAX_SHOWN = 80;

  private TripletFiles() {}

  /** How a ratings file is laid out. */
  public enum Layout {
    /** (row id, column id, value) triples, CSV/TSV or MatrixMarket (by the .mtx extension). */
    TRIPLES,
    /** A dense matrix, one line per row, empty or NaN for missing values ({@link DenseFiles}). */
    DENSE
  }

  /** Reads a ratings file of either layout. */
  public static Data read(Path file, Duplicates policy, Layout layout) throws IOException {
    return read(file, policy, layout, SizeCheck.NONE);
  }

  /**
   * Reads a ratings file of either layout; {@code check} sees the input's size as soon as it is
   * known (a MatrixMarket size line; for CSV/TSV an estimate of the entries from the file size and
   * its first lines), before the entries are read, so that an input too large for what the caller
   * will do with it is refused in well under a second rather than after parsing.
   */
  public static Data read(Path file, Duplicates policy, Layout layout, SizeCheck check) throws IOException {
    if (layout == Layout.DENSE) {
      return DenseFiles.read(file);
    }
    if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mtx")) {
      return MatrixMarket.read(file, policy, check);
    }
    estimateEntries(file, check);
    return readDelimited(file, policy);
  }

  /** What a reader's caller checks once the size of an input is known (e.g. the memory of the fit it will run). */
  @FunctionalInterface
  public interface SizeCheck {
    /** No check beyond the reader's own (the entries and ids it keeps). */
    SizeCheck NONE = (rows, cols, entries, source) -> { };

    /**
     * @param rows the declared number of rows, or 0 when not known before reading
     * @param cols the declared number of columns, or 0
     * @param entries the declared (or estimated) number of entries
     * @param source where the numbers come from, for messages, e.g. "big.mtx line 2"
     * @throws IllegalArgumentException (or {@link BadInputException}) to refuse the input
     */
    void check(long rows, long cols, long entries, String source);
  }

  /** Bytes the reader holds at its peak for {@code entries} entries (its arrays grow by doubling). */
  public static long readingBytes(long entries) {
    long capacity = 1024;
    while (capacity < entries) {
      capacity *= 2;
    }
    return capacity * Builder.BYTES_PER_ENTRY;
  }

  /** Bytes of the first lines sampled to estimate the entries of a delimited file. */
  static final int SAMPLE_BYTES = 1 << 20;

  /**
   * Estimates the entries of a delimited file larger than {@link #SAMPLE_BYTES} from the mean
   * length of its first lines and refuses it at once when the entries alone would not fit the heap;
   * then gives the estimate to {@code check}.
   */
  static void estimateEntries(Path file, SizeCheck check) throws IOException {
    long size = java.nio.file.Files.size(file);
    if (size <= SAMPLE_BYTES) {
      return;
    }
    byte[] head = new byte[SAMPLE_BYTES];
    int read;
    try (var in = java.nio.file.Files.newInputStream(file)) {
      read = in.readNBytes(head, 0, head.length);
    }
    int lines = 0;
    for (int k = 0; k < read; k++) {
      if (head[k] == '\n') {
        lines++;
      }
    }
    if (lines < 2) {
      return; // one enormous line: the parser's own limits report it
    }
    long estimate = (long) (size * ((double) lines / read));
    String source = String.format(Locale.ROOT, "%s (%s, about %d entries estimated from its first %d lines)", file,
        Memory.human(size), estimate, lines);
    Memory.require(readingBytes(estimate), estimate, "reading " + source, "use a smaller input");
    check.check(0, 0, estimate, source);
  }

  /** What to do with a (row, column) pair that appears more than once. */
  public enum Duplicates {
    /** Refuse the input, naming both lines (the default: duplicates usually mean a join gone wrong). */
    ERROR,
    /** Keep the mean of the values. */
    MEAN,
    /** Keep the value of the last line. */
    LAST
  }

  /**
   * A parsed input.
   *
   * @param file where it came from
   * @param format "csv", "tsv" or "mtx"
   * @param header the header's field names, or null
   * @param rowIds row id of each row index
   * @param colIds column id of each column index
   * @param entries the observed entries (0-based, sorted)
   * @param records data records read (before merging duplicates)
   * @param duplicates records merged into an earlier pair under {@link Duplicates#MEAN} or LAST
   */
  public record Data(Path file, String format, List<String> header, String[] rowIds, String[] colIds,
      ObservedEntries entries, long records, int duplicates) {

    /** Id to index maps (built on demand). */
    public Map<String, Integer> rowIndex() {
      return index(rowIds);
    }

    public Map<String, Integer> colIndex() {
      return index(colIds);
    }

    /** True when every row and column id is an integer. */
    public boolean integerIds() {
      return allIntegers(rowIds) && allIntegers(colIds);
    }

    private static Map<String, Integer> index(String[] ids) {
      Map<String, Integer> m = new HashMap<>(ids.length * 2);
      for (int i = 0; i < ids.length; i++) {
        m.put(ids[i], i);
      }
      return m;
    }
  }

  /** Reads a CSV/TSV or MatrixMarket file (by the {@code .mtx} extension). */
  public static Data read(Path file, Duplicates policy) throws IOException {
    return read(file, policy, Layout.TRIPLES);
  }

  /** The delimiter: a tab when the first non-empty line has one, else a comma. */
  static char sniffDelimiter(Path file) throws IOException {
    try (BufferedReader r = TextFiles.reader(file)) {
      String line;
      while ((line = readLine(file, r)) != null) {
        if (!line.isBlank()) {
          return line.indexOf('\t') >= 0 ? '\t' : ',';
        }
      }
    }
    return ',';
  }

  private static String readLine(Path file, BufferedReader r) throws IOException {
    try {
      return r.readLine();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw notText(file);
    }
  }

  static BadInputException notText(Path file) {
    return TextFiles.notText(file);
  }

  static CSVFormat format(char delimiter) {
    return CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).setTrim(true).get();
  }

  /** What is done with each record of a delimited file. */
  interface RecordHandler {
    /** {@code rec} is on 1-based {@code line}; {@code first} for the file's first record (maybe a header). */
    void accept(CSVRecord rec, long line, boolean first);
  }

  /** Streams the records of a delimited file in order; one that cannot be parsed is a one-line error. */
  static void forEachRecord(Path file, char delimiter, RecordHandler handler) throws IOException {
    try (BufferedReader reader = TextFiles.reader(file);
        CSVParser parser = CSVParser.parse(new StrayQuotes(reader, file, delimiter), format(delimiter))) {
      var it = parser.iterator();
      boolean first = true;
      while (true) {
        CSVRecord rec;
        try {
          if (!it.hasNext()) {
            break;
          }
          rec = it.next();
        } catch (UncheckedIOException | IllegalStateException e) {
          if (e.getCause() instanceof java.nio.charset.CharacterCodingException) {
            throw notText(file);
          }
          throw bad(file, quoteLine(oneLine(e), parser.getCurrentLineNumber() + 1), "has an unbalanced quote", null,
              "a quoted field must end with a quote right before the delimiter or the line end; double a quote "
                  + "inside a quoted field (\"a\"\"b\")");
        }
        handler.accept(rec, parser.getCurrentLineNumber(), first);
        first = false;
      }
    } catch (java.nio.charset.CharacterCodingException e) {
      throw notText(file);
    }
  }

  private static final java.util.regex.Pattern QUOTE_LINE = java.util.regex.Pattern.compile(
      "(?:startline|at line:)\\s*(\\d+)");

  /** The line where commons-csv saw the bad quote start ("startline 7", "at line: 7"), else {@code fallback}. */
  static long quoteLine(String message, long fallback) {
    java.util.regex.Matcher m = QUOTE_LINE.matcher(message);
    return m.find() ? Long.parseLong(m.group(1)) : fallback;
  }

  private static Data readDelimited(Path file, Duplicates policy) throws IOException {
    char delimiter = sniffDelimiter(file);
    Builder b = new Builder(file);
    List<List<String>> header = new ArrayList<>(1);
    forEachRecord(file, delimiter, (rec, line, first) -> {
      if (rec.size() < 3) {
        throw bad(file, line, "has " + rec.size() + " field" + (rec.size() == 1 ? "" : "s")
            + " but 3 are needed (row id, column id, value)", rec, "separate the fields with "
            + (delimiter == '\t' ? "tabs" : "commas"));
      }
      if (first && isHeader(rec)) {
        header.add(List.of(rec.get(0), rec.get(1), rec.get(2)));
        return;
      }
      b.add(id(file, line, rec.get(0), "row", rec), id(file, line, rec.get(1), "column", rec),
          parseValue(file, line, rec.get(2), rec), line);
    });
    return b.build(delimiter == '\t' ? "tsv" : "csv", header.isEmpty() ? null : header.get(0), policy);
  }

  /**
   * The first record is a header when it reads like one: its value field is a name (starts with a
   * letter and is not a number word such as NaN) and neither id field is a number. A first line such
   * as {@code 1,5,4x} is data with a bad value, not a header.
   */
  static boolean isHeader(CSVRecord rec) {
    return isHeader(rec.get(0), rec.get(1), rec.get(2));
  }

  /** {@link #isHeader(CSVRecord)} on the first three fields of a first record. */
  public static boolean isHeader(String rowField, String colField, String valueField) {
    String v = valueField;
    return !v.isEmpty() && Character.isLetter(v.charAt(0)) && !TextFiles.isNonFiniteWord(v)
        && !TextFiles.isDecimal(rowField) && !TextFiles.isDecimal(colField);
  }

  /** An id field: non-empty and free of control characters. */
  static String id(Path file, long line, String text, String what, CSVRecord rec) {
    return id(text, what, (problem, fix) -> bad(file, line, problem, rec, fix));
  }

  /**
   * An id field (row or column, as {@code what} says): non-empty and free of control characters;
   * otherwise what {@code bad} makes of the problem ("has an empty row id") and its fix.
   */
  public static String id(String text, String what, java.util.function.BiFunction<String, String, BadInputException> bad) {
    if (text == null || text.isEmpty()) {
      throw bad.apply("has an empty " + what + " id", "give every entry a row id and a column id");
    }
    int c = TextFiles.controlCharacter(text);
    if (c >= 0) {
      throw bad.apply(String.format(Locale.ROOT, "has a control character (U+%04X) in its %s id", (int) text.charAt(c),
          what), "ids must be printable text");
    }
    return text;
  }

  /**
   * Entries already mapped to indices (a distributed reader's output): entry k is
   * ({@code row[k]}, {@code col[k]}, {@code value[k]}) for k below {@code size}, in reading order;
   * pairs given twice are refused or merged by {@code policy} as for a file ({@link Duplicates#LAST}
   * keeps the latest in reading order), and a repeat is reported as record k + 1 of {@code source}.
   * The arrays are not modified.
   */
  public static Data fromIndices(Path source, String format, List<String> header, String[] rowIds, String[] colIds,
      int[] row, int[] col, double[] value, int size, Duplicates policy) {
    Builder b = new Builder(source);
    b.recordWord = "record";
    b.declareIds(rowIds, colIds);
    for (int k = 0; k < size; k++) {
      b.addIndex(row[k], col[k], value[k], k + 1L);
    }
    return b.build(format, header, policy);
  }

  static double parseValue(Path file, long line, String text, CSVRecord rec) {
    return parseValue(text, (problem, fix) -> bad(file, line, problem, rec, fix));
  }

  /**
   * The value field of an entry (CSV/TSV or MatrixMarket): a finite strict decimal; otherwise what
   * {@code bad} makes of the problem ("has the value ..., which ...") and its fix.
   */
  public static double parseValue(String text, java.util.function.BiFunction<String, String, BadInputException> bad) {
    if (TextFiles.isNonFiniteWord(text)) {
      throw bad.apply("has the value " + field(text) + ", which is not finite",
          "remove the entry or give a finite number (NaN and infinite values cannot be fitted)");
    }
    double v;
    try {
      v = TextFiles.parseDecimal(text);
    } catch (NumberFormatException e) {
      throw bad.apply("has the value '" + field(text) + "', which is not a decimal number",
          "the third field must be a number such as 3.5 or 1e-3");
    }
    if (!Double.isFinite(v)) {
      throw bad.apply("has the value " + field(text) + ", which overflows a double",
          "scale the values to magnitudes below 1e300");
    }
    return v;
  }

  public static boolean allIntegers(String[] ids) {
    for (String s : ids) {
      if (!isInteger(s)) {
        return false;
      }
    }
    return true;
  }

  static boolean isInteger(String s) {
    if (s.isEmpty() || s.length() > 18) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9') && !(i == 0 && c == '-' && s.length() > 1)) {
        return false;
      }
    }
    return true;
  }

  /** A one-line error: {@code FILE line N <problem>: "content"; <fix>}. */
  public static BadInputException bad(Path file, long line, String problem, CSVRecord rec, String fix) {
    String content = rec == null ? "" : ": \"" + excerpt(String.join(",", rec.values())) + "\"";
    return new BadInputException(String.format(Locale.ROOT, "%s line %d %s%s; %s", file, line, problem, content, fix));
  }

  /** A field quoted beside its line's {@link #excerpt}: at most 20 characters, so the two stay within 80. */
  public static String field(String s) {
    return clip(s, 20);
  }

  /** A line quoted in a message: at most 60 characters (a {@link #field} may accompany it). */
  public static String excerpt(String s) {
    return clip(s, 60);
  }

  /** At most 80 characters of user input, for a message that quotes nothing else. */
  public static String shorten(String s) {
    return clip(s, MAX_SHOWN);
  }

  /** {@code s} on one line, at most {@code max} characters (the last three "..." when cut). */
  private static String clip(String s, int max) {
    String t = s.replaceAll("\\R", " ");
    return t.length() <= max ? t : t.substring(0, max - 3) + "...";
  }

  private static String oneLine(Throwable e) {
    Throwable c = e.getCause() != null ? e.getCause() : e;
    String m = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    return m.replaceAll("\\s*\\R\\s*", " ");
  }

  /** Accumulates entries with growable primitive arrays, ids numbered by first appearance. */
  static final class Builder {
    static final int BYTES_PER_ENTRY = 4 + 4 + 8 + 8 + 32;
    /** An id string plus its map entry and list slot, roughly. */
    static final int BYTES_PER_ID = 160;
    private final Path file;
    private final Map<String, Integer> rows = new HashMap<>();
    private final Map<String, Integer> cols = new HashMap<>();
    private final List<String> rowIds = new ArrayList<>();
    private final List<String> colIds = new ArrayList<>();
    private int[] r = new int[1024];
    private int[] c = new int[1024];
    private double[] v = new double[1024];
    private long[] lines = new long[1024];
    private int size;
    /** What a position is called in messages: "line" of a file, "record" of a distributed read. */
    private String recordWord = "line";

    Builder(Path file) {
      this.file = file;
    }

    /** Declares the column ids in this order (dense files: every column exists). */
    void declareColumns(List<String> ids) {
      for (String id : ids) {
        if (cols.containsKey(id)) {
          throw new BadInputException(file + " names the column '" + shorten(id) + "' twice in its header; "
              + "accepted: distinct column names");
        }
        index(cols, colIds, id);
      }
    }

    /** Declares a row id (dense files: a row may have no observed value); a repeated one is refused. */
    void declareRow(String id) {
      if (rows.containsKey(id)) {
        throw new BadInputException(file + " has the row id '" + shorten(id) + "' twice; accepted: distinct row ids");
      }
      index(rows, rowIds, id);
    }

    /** Declares all ids at once, in index order (entries then come by index). */
    void declareIds(String[] rowNames, String[] colNames) {
      for (String id : rowNames) {
        declareRow(id);
      }
      for (String id : colNames) {
        if (cols.containsKey(id)) {
          throw new BadInputException(file + " has the column id '" + shorten(id) + "' twice; accepted: distinct ids");
        }
        index(cols, colIds, id);
      }
    }

    /** Fixed ids (MatrixMarket: "1".."n"). */
    void declare(int n1, int n2) {
      for (int i = 1; i <= n1; i++) {
        index(rows, rowIds, Integer.toString(i));
      }
      for (int j = 1; j <= n2; j++) {
        index(cols, colIds, Integer.toString(j));
      }
    }

    void add(String rowId, String colId, double value, long line) {
      addIndex(index(rows, rowIds, rowId), index(cols, colIds, colId), value, line);
    }

    void addIndex(int i, int j, double value, long line) {
      if (size == r.length) {
        long next = 2L * size;
        Memory.require(next * BYTES_PER_ENTRY, next, String.format(Locale.ROOT,
            "reading %s (more than %d entries so far)", file, size), "use a smaller input");
        r = Arrays.copyOf(r, (int) next);
        c = Arrays.copyOf(c, (int) next);
        v = Arrays.copyOf(v, (int) next);
        lines = Arrays.copyOf(lines, (int) next);
      }
      r[size] = i;
      c[size] = j;
      v[size] = value;
      lines[size] = line;
      size++;
    }

    private static int index(Map<String, Integer> map, List<String> ids, String id) {
      Integer k = map.get(id);
      if (k == null) {
        k = ids.size();
        map.put(id, k);
        ids.add(id);
      }
      return k;
    }

    Data build(String format, List<String> header, Duplicates policy) {
      if (size == 0) {
        throw new BadInputException(file + " has no data rows" + (header != null ? " (only a header)" : "")
            + "; give one line per observed entry: row id, column id, value");
      }
      int n1 = rowIds.size();
      int n2 = colIds.size();
      int[] order = EntryOrder.rowMajorOrder(n1, n2, Arrays.copyOf(r, size), Arrays.copyOf(c, size));
      int[] rr = new int[size];
      int[] cc = new int[size];
      double[] vv = new double[size];
      int kept = 0;
      int merged = 0;
      int runLength = 0;
      for (int k = 0; k < size; k++) {
        int e = order[k];
        if (kept > 0 && rr[kept - 1] == r[e] && cc[kept - 1] == c[e]) {
          int prev = order[k - 1];
          if (policy == Duplicates.ERROR) {
            long a = Math.min(lines[prev], lines[e]);
            long b = Math.max(lines[prev], lines[e]);
            throw new BadInputException(String.format(Locale.ROOT,
                "%s %s %d repeats the pair (row %s, column %s) of %s %d; accepted: one value per pair, "
                    + "or --duplicates mean|last to merge them", file, recordWord, b, shorten(rowIds.get(r[e])),
                shorten(colIds.get(c[e])), recordWord, a));
          }
          merged++;
          runLength++;
          if (policy == Duplicates.MEAN) {
            vv[kept - 1] += (v[e] - vv[kept - 1]) / runLength;
          } else if (lines[e] >= lines[prev]) {
            vv[kept - 1] = v[e];
          }
          continue;
        }
        rr[kept] = r[e];
        cc[kept] = c[e];
        vv[kept] = v[e];
        kept++;
        runLength = 1;
      }
      ObservedEntries entries = ObservedEntries.of(n1, n2, Arrays.copyOf(rr, kept), Arrays.copyOf(cc, kept),
          Arrays.copyOf(vv, kept));
      return new Data(file, format, header, rowIds.toArray(new String[0]), colIds.toArray(new String[0]), entries,
          size, merged);
    }
  }
}
