package io.lowrank.spark;

import io.lowrank.experiment.formats.BadInputException;
import io.lowrank.experiment.formats.SortedIds;
import io.lowrank.experiment.formats.TripletFiles;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * Ratings read by Spark's own readers (docs/spark.md, "Input at scale"): CSV/TSV (a file, or a
 * directory of part files) and Parquet (a {@code .parquet} file or a directory of them). The text
 * is parsed and checked on the executors with lowrank's rules (ids non-empty and printable, values
 * finite decimals, a first line that reads like a header is one); the driver receives only the
 * distinct ids and, per partition in partition order, the entries as (row index, column index,
 * value) arrays: 16 bytes per entry instead of the text. Ids are numbered in sorted order
 * ({@link SortedIds}), which no partitioning can change, so the result is
 * {@code SortedIds.of(TripletFiles.read(file))} of the same file, whatever the cluster.
 */
final class SparkRatingsReader {
  private SparkRatingsReader() {}

  /** One partition's entries, mapped to indices, in reading order. */
  record Block(int[] row, int[] col, double[] value) implements Serializable {}

  /** One partition's distinct ids and number of entries. */
  record Ids(HashSet<String> rows, HashSet<String> cols, long entries) implements Serializable {}

  /**
   * Reads {@code input} on the cluster of {@code sc}.
   *
   * @throws BadInputException for a malformed record (with an excerpt), an unsupported layout, or
   *     a policy for repeated pairs that needs a reading order a directory of files does not fix
   */
  static TripletFiles.Data read(JavaSparkContext sc, Path input, TripletFiles.Duplicates policy,
      TripletFiles.SizeCheck check) {
    boolean directory = Files.isDirectory(input);
    String name = input.getFileName() == null ? "" : input.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".mtx")) {
      throw new BadInputException(input + " is a MatrixMarket file, which Spark cannot read; accepted: CSV/TSV or "
          + "Parquet with --reader spark, or lowrank's own reader (no --reader spark) for .mtx");
    }
    if (!directory && !Files.isRegularFile(input)) {
      throw new BadInputException(input + " does not exist; accepted: a CSV/TSV or Parquet file, or a directory of them");
    }
    if (directory && policy != TripletFiles.Duplicates.ERROR && partFiles(input).size() > 1) {
      throw new BadInputException(input + " is a directory of several files, whose reading order Spark does not fix, so "
          + "--duplicates " + policy.name().toLowerCase(Locale.ROOT) + " could merge repeated pairs differently on "
          + "another cluster; accepted: --duplicates error, or one input file");
    }
    boolean parquet = name.endsWith(".parquet") || (directory && partFiles(input).stream()
        .anyMatch(p -> p.getFileName().toString().endsWith(".parquet")));
    SparkSession spark = SparkSession.builder().config(sc.getConf()).getOrCreate();
    String where = input.toString();
    try {
      Dataset<Row> df;
      List<String> header = null;
      String format;
      if (parquet) {
        df = spark.read().parquet(where);
        StructField[] fields = df.schema().fields();
        if (fields.length < 3) {
          throw new BadInputException(input + " has " + fields.length + " column" + (fields.length == 1 ? "" : "s")
              + " but 3 are needed (row id, column id, value); accepted: a Parquet table whose first three columns are "
              + "the row id, the column id and the value");
        }
        if (!(fields[2].dataType() instanceof NumericType)) {
          throw new BadInputException(input + " has the value column '" + TripletFiles.field(fields[2].name()) + "' of type "
              + fields[2].dataType().simpleString() + "; accepted: a numeric third column (double, float, int, long, "
              + "decimal)");
        }
        header = List.of(fields[0].name(), fields[1].name(), fields[2].name());
        df = df.select(str(fields[0].name()), str(fields[1].name()), str(fields[2].name()));
        format = "parquet";
      } else {
        String first = firstLine(sc, where);
        if (first == null) {
          throw new BadInputException(input + " has no data rows; give one line per observed entry: row id, column id, value");
        }
        char delimiter = first.indexOf('\t') >= 0 ? '\t' : ',';
        df = csv(spark, delimiter, false).load(where);
        if (df.columns().length < 3) {
          throw new BadInputException(input + " has " + df.columns().length + " field" + (df.columns().length == 1 ? "" : "s")
              + " but 3 are needed (row id, column id, value): \"" + TripletFiles.excerpt(first) + "\"; separate the "
              + "fields with " + (delimiter == '\t' ? "tabs" : "commas"));
        }
        Row head = df.first();
        if (head.getString(0) != null && head.getString(1) != null && head.getString(2) != null
            && TripletFiles.isHeader(head.getString(0), head.getString(1), head.getString(2))) {
          header = List.of(head.getString(0), head.getString(1), head.getString(2));
          df = csv(spark, delimiter, true).load(where);
        }
        String[] c = df.columns();
        df = df.select(functions.col(quoted(c[0])), functions.col(quoted(c[1])), functions.col(quoted(c[2])));
        format = delimiter == '\t' ? "tsv" : "csv";
      }
      JavaRDD<Row> rows = df.javaRDD();
      List<Ids> seen = rows.mapPartitions(it -> List.of(ids(where, it)).iterator()).collect();
      Set<String> rowSet = new HashSet<>();
      Set<String> colSet = new HashSet<>();
      long entries = 0;
      for (Ids s : seen) {
        rowSet.addAll(s.rows());
        colSet.addAll(s.cols());
        entries += s.entries();
      }
      if (entries == 0) {
        throw new BadInputException(input + " has no data rows" + (header != null ? " (only a header)" : "")
            + "; give one line per observed entry: row id, column id, value");
      }
      if (entries > Integer.MAX_VALUE - 8) {
        throw new BadInputException(input + " has " + entries + " entries; accepted: at most " + (Integer.MAX_VALUE - 8));
      }
      check.check(rowSet.size(), colSet.size(), entries, input + " (read by Spark)");
      String[] rowIds = SortedIds.sort(rowSet);
      String[] colIds = SortedIds.sort(colSet);
      Broadcast<HashMap<String, Integer>> rowAt = sc.broadcast(index(rowIds));
      Broadcast<HashMap<String, Integer>> colAt = sc.broadcast(index(colIds));
      List<Block> blocks;
      try {
        blocks = rows.mapPartitions(it -> List.of(block(where, it, rowAt.value(), colAt.value())).iterator()).collect();
      } finally {
        rowAt.destroy();
        colAt.destroy();
      }
      int n = (int) entries;
      int[] r = new int[n];
      int[] cc = new int[n];
      double[] v = new double[n];
      int at = 0;
      for (Block b : blocks) { // partition order
        System.arraycopy(b.row(), 0, r, at, b.row().length);
        System.arraycopy(b.col(), 0, cc, at, b.col().length);
        System.arraycopy(b.value(), 0, v, at, b.value().length);
        at += b.row().length;
      }
      return TripletFiles.fromIndices(input, format, header, rowIds, colIds, r, cc, v, n, policy);
    } catch (BadInputException e) {
      throw e;
    } catch (Exception e) { // Spark throws its checked exceptions undeclared
      RuntimeException u = SparkFailures.unwrap(e);
      if (u instanceof BadInputException) {
        throw u;
      }
      throw new BadInputException("Spark cannot read " + input + ": " + SparkFailures.firstLine(u) + "; accepted: a "
          + "CSV/TSV or Parquet file, or a directory of them");
    }
  }

  /** Spark's CSV reader with lowrank's conventions: every field a string, quotes doubled inside quotes, fields trimmed. */
  private static DataFrameReader csv(SparkSession spark, char delimiter, boolean header) {
    return spark.read().format("csv").option("sep", String.valueOf(delimiter)).option("header", header)
        .option("quote", "\"").option("escape", "\"").option("ignoreLeadingWhiteSpace", true)
        .option("ignoreTrailingWhiteSpace", true).option("mode", "PERMISSIVE").option("inferSchema", false);
  }

  private static Column str(String column) {
    return functions.col(quoted(column)).cast("string");
  }

  private static String quoted(String column) {
    return "`" + column.replace("`", "``") + "`";
  }

  /** The first non-blank line of the input (its first file's), or null. */
  private static String firstLine(JavaSparkContext sc, String where) {
    List<String> one = sc.textFile(where).filter(l -> !l.isBlank()).take(1);
    return one.isEmpty() ? null : one.get(0);
  }

  /** The data files of a directory (Spark's own markers such as _SUCCESS and hidden files left out). */
  private static List<Path> partFiles(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> {
        String n = p.getFileName().toString();
        return Files.isRegularFile(p) && !n.startsWith("_") && !n.startsWith(".");
      }).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static HashMap<String, Integer> index(String[] ids) {
    HashMap<String, Integer> m = new HashMap<>(ids.length * 2);
    for (int k = 0; k < ids.length; k++) {
      m.put(ids[k], k);
    }
    return m;
  }

  /** Checks every record of a partition and gathers its distinct ids (executor side). */
  static Ids ids(String where, Iterator<Row> it) {
    HashSet<String> rows = new HashSet<>();
    HashSet<String> cols = new HashSet<>();
    long count = 0;
    while (it.hasNext()) {
      Row row = it.next();
      count++;
      rows.add(id(where, row, 0, "row"));
      cols.add(id(where, row, 1, "column"));
      value(where, row);
    }
    return new Ids(rows, cols, count);
  }

  /** A partition's entries as indices (executor side). */
  static Block block(String where, Iterator<Row> it, Map<String, Integer> rowAt,
      Map<String, Integer> colAt) {
    List<Row> all = new ArrayList<>();
    it.forEachRemaining(all::add);
    int n = all.size();
    int[] r = new int[n];
    int[] c = new int[n];
    double[] v = new double[n];
    for (int k = 0; k < n; k++) {
      Row row = all.get(k);
      r[k] = rowAt.get(row.getString(0));
      c[k] = colAt.get(row.getString(1));
      v[k] = value(where, row);
    }
    return new Block(r, c, v);
  }

  private static String id(String where, Row row, int field, String what) {
    String text = TripletFiles.id(row.getString(field), what, (problem, fix) -> bad(where, row, problem, fix));
    if (text.indexOf('\uFFFD') >= 0) { // Spark's text decoding replaces bytes that are not UTF-8 by U+FFFD
      throw bad(where, row, "has a " + what + " id that is not UTF-8 text (U+FFFD)",
          "convert the file to UTF-8 (e.g. iconv -f latin1 -t utf-8)");
    }
    return text;
  }

  private static double value(String where, Row row) {
    String text = row.getString(2);
    if (text == null || text.isEmpty()) {
      throw bad(where, row, "has no value (too few fields or an empty third field)",
          "give every entry a row id, a column id and a value");
    }
    return TripletFiles.parseValue(text, (problem, fix) -> bad(where, row, problem, fix));
  }

  /**
   * A one-line error with a short excerpt of the record (not its position: which partition holds a
   * record depends on the cluster, and Spark's readers do not count lines).
   */
  private static BadInputException bad(String where, Row row, String problem, String fix) {
    String[] f = new String[Math.min(3, row.length())];
    for (int k = 0; k < f.length; k++) {
      f[k] = row.isNullAt(k) ? "" : row.getString(k);
    }
    return new BadInputException(String.format(Locale.ROOT, "%s: a record %s: \"%s\"; %s", where, problem,
        TripletFiles.excerpt(String.join(",", Arrays.asList(f))), fix));
  }
}
