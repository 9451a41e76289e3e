package io.lowrank.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowrank.experiment.formats.BadInputException;
import io.lowrank.experiment.formats.ObservedEntries;
import io.lowrank.experiment.formats.SortedIds;
import io.lowrank.experiment.formats.TripletFiles;
import io.lowrank.experiment.formats.TripletFiles.Duplicates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark's CSV/TSV and Parquet readers (issue 13, item 4): the entries and ids they give are those
 * of lowrank's own reader with ids in sorted order, for any number of partitions, files or
 * formats; bad records are refused with one line.
 */
class SparkRatingsReaderTest {
  static SparkEngine spark;
  static SparkSession session;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    spark = SparkEngine.open("local[2]", 2);
    session = SparkSession.builder().config(spark.context().getConf()).getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.close();
  }

  @AfterEach
  void onePartitionPerFile() {
    session.conf().unset("spark.sql.files.maxPartitionBytes");
    session.conf().unset("spark.sql.files.openCostInBytes");
  }

  /** Splits files into partitions of at most {@code bytes} bytes. */
  static void partitionBytes(long bytes) {
    session.conf().set("spark.sql.files.maxPartitionBytes", Long.toString(bytes));
    session.conf().set("spark.sql.files.openCostInBytes", "0");
  }

  static TripletFiles.Data read(Path input, Duplicates policy) {
    return spark.readRatings(input, policy, TripletFiles.SizeCheck.NONE);
  }

  static void assertSame(TripletFiles.Data actual, TripletFiles.Data expected) {
    assertThat(actual.rowIds()).containsExactly(expected.rowIds());
    assertThat(actual.colIds()).containsExactly(expected.colIds());
    assertThat(actual.header()).isEqualTo(expected.header());
    assertThat(actual.records()).isEqualTo(expected.records());
    assertThat(actual.duplicates()).isEqualTo(expected.duplicates());
    ObservedEntries a = actual.entries();
    ObservedEntries e = expected.entries();
    assertThat(a.size()).isEqualTo(e.size());
    for (int k = 0; k < e.size(); k++) {
      assertThat(a.row(k)).as("row of entry %d", k).isEqualTo(e.row(k));
      assertThat(a.col(k)).as("column of entry %d", k).isEqualTo(e.col(k));
      assertThat(Double.doubleToRawLongBits(a.value(k))).as("value of entry %d", k)
          .isEqualTo(Double.doubleToRawLongBits(e.value(k)));
    }
  }

  @Test
  void csvAndTsvGiveLowranksEntriesWithSortedIdsForAnyPartitioning() throws Exception {
    Path csv = PlantedRatings.write(dir.resolve("r.csv"), 70, 40, 3, 1500, 3);
    TripletFiles.Data expected = SortedIds.of(TripletFiles.read(csv, Duplicates.ERROR));
    assertThat(expected.rowIds()[0]).isEqualTo("user 0");
    assertThat(expected.rowIds()[2]).isEqualTo("user 10"); // text order: "user 1", "user 10", ...
    assertThat(expected.format()).isEqualTo("csv");
    for (long bytes : new long[] {1L << 30, 20_000, 7_000}) {
      partitionBytes(bytes);
      TripletFiles.Data got = read(csv, Duplicates.ERROR);
      assertThat(got.format()).isEqualTo("csv");
      assertSame(got, expected);
    }
    // the same entries as TSV without a header, with integer ids: numeric order (2 before 10)
    List<String> lines = new ArrayList<>();
    for (String l : Files.readAllLines(csv).subList(1, 1501)) {
      String[] f = l.split(",");
      lines.add(f[0].substring(5) + "\t" + f[1].substring(5) + "\t" + f[2]);
    }
    Path tsv = Files.write(dir.resolve("r.tsv"), lines);
    TripletFiles.Data local = SortedIds.of(TripletFiles.read(tsv, Duplicates.ERROR));
    assertThat(local.rowIds()).startsWith("0", "1", "2");
    partitionBytes(9_000);
    TripletFiles.Data got = read(tsv, Duplicates.ERROR);
    assertThat(got.format()).isEqualTo("tsv");
    assertSame(got, local);
  }

  @Test
  void aDirectoryOfPartFilesAndParquetReadTheSameEntries() throws Exception {
    Path csv = PlantedRatings.write(dir.resolve("all.csv"), 50, 30, 2, 900, 5);
    TripletFiles.Data expected = SortedIds.of(TripletFiles.read(csv, Duplicates.ERROR));
    List<String> lines = Files.readAllLines(csv);
    Path parts = Files.createDirectories(dir.resolve("parts"));
    for (int p = 0; p < 3; p++) {
      List<String> part = new ArrayList<>(List.of(lines.get(0)));
      part.addAll(lines.subList(1 + 300 * p, 1 + 300 * (p + 1)));
      Files.write(parts.resolve("part-" + p + ".csv"), part);
    }
    Files.writeString(parts.resolve("_SUCCESS"), "");
    assertSame(read(parts, Duplicates.ERROR), expected);

    StructType schema = new StructType().add("user", DataTypes.StringType).add("item", DataTypes.StringType)
        .add("rating", DataTypes.DoubleType);
    List<Row> rows = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) {
      String[] f = l.split(",");
      rows.add(RowFactory.create(f[0], f[1], Double.parseDouble(f[2])));
    }
    Dataset<Row> df = session.createDataFrame(rows, schema).repartition(3);
    Path parquet = dir.resolve("r.parquet");
    df.write().parquet(parquet.toString());
    TripletFiles.Data got = read(parquet, Duplicates.ERROR);
    assertThat(got.format()).isEqualTo("parquet");
    assertThat(got.header()).containsExactly("user", "item", "rating");
    assertThat(got.rowIds()).containsExactly(expected.rowIds());
    assertThat(got.colIds()).containsExactly(expected.colIds());
    assertThat(got.entries().size()).isEqualTo(expected.entries().size());
    for (int k = 0; k < expected.entries().size(); k++) {
      assertThat(got.entries().value(k)).isEqualTo(expected.entries().value(k));
      assertThat(got.entries().col(k)).isEqualTo(expected.entries().col(k));
    }
  }

  @Test
  void parquetIntegerIdsSortByValueAndTheValueColumnMustBeNumeric() throws Exception {
    StructType schema = new StructType().add("u", DataTypes.LongType).add("i", DataTypes.IntegerType)
        .add("r", DataTypes.FloatType);
    List<Row> rows = List.of(RowFactory.create(10L, 3, 1.5f), RowFactory.create(2L, 20, 2.5f),
        RowFactory.create(1L, 3, 4.0f));
    Path p = dir.resolve("ints.parquet");
    session.createDataFrame(rows, schema).coalesce(1).write().parquet(p.toString());
    TripletFiles.Data got = read(p, Duplicates.ERROR);
    assertThat(got.rowIds()).containsExactly("1", "2", "10");
    assertThat(got.colIds()).containsExactly("3", "20");
    assertThat(got.entries().value(0)).isEqualTo(4.0); // (1, 3)
    assertThat(got.entries().value(2)).isEqualTo(1.5); // (10, 3)

    StructType text = new StructType().add("u", DataTypes.StringType).add("i", DataTypes.StringType)
        .add("r", DataTypes.StringType);
    Path s = dir.resolve("text.parquet");
    session.createDataFrame(List.of(RowFactory.create("a", "b", "3")), text).write().parquet(s.toString());
    assertThatThrownBy(() -> read(s, Duplicates.ERROR)).isInstanceOf(BadInputException.class)
        .hasMessage(s + " has the value column 'r' of type string; accepted: a numeric third column (double, float, "
            + "int, long, decimal)");
    Path nulls = dir.resolve("nulls.parquet");
    session.createDataFrame(List.of(RowFactory.create("a", null, 3.0)), new StructType().add("u", DataTypes.StringType)
        .add("i", DataTypes.StringType).add("r", DataTypes.DoubleType)).write().parquet(nulls.toString());
    assertThatThrownBy(() -> read(nulls, Duplicates.ERROR)).isInstanceOf(BadInputException.class)
        .hasMessageContaining(": a record has an empty column id: \"a,,3.0\"; give every entry");
  }

  @Test
  void repeatedPairsFollowThePolicyAsLowranksReaderDoes() throws Exception {
    List<String> lines = new ArrayList<>(List.of("user,item,rating"));
    for (int k = 0; k < 600; k++) {
      lines.add("u" + (k % 17) + ",i" + (k % 23) + "," + (k % 5 + 0.25 * k)); // pairs repeat after 391 lines
    }
    Path f = Files.write(dir.resolve("dup.csv"), lines);
    partitionBytes(2_000);
    for (Duplicates policy : new Duplicates[] {Duplicates.MEAN, Duplicates.LAST}) {
      assertSame(read(f, policy), SortedIds.of(TripletFiles.read(f, policy)));
    }
    assertThatThrownBy(() -> read(f, Duplicates.ERROR)).isInstanceOf(BadInputException.class)
        .hasMessageContaining(f + " record 392 repeats the pair (row u0, column i0) of record 1; accepted: one value per "
            + "pair, or --duplicates mean|last to merge them");
    Path parts = Files.createDirectories(dir.resolve("dups"));
    Files.write(parts.resolve("a.csv"), lines.subList(0, 300));
    Files.write(parts.resolve("b.csv"), lines.subList(300, 600));
    assertThatThrownBy(() -> read(parts, Duplicates.MEAN)).isInstanceOf(BadInputException.class)
        .hasMessage(parts + " is a directory of several files, whose reading order Spark does not fix, so --duplicates "
            + "mean could merge repeated pairs differently on another cluster; accepted: --duplicates error, or one input "
            + "file");
  }

  @Test
  void malformedRecordsAreRefusedWithOneLine() throws Exception {
    String[][] cases = {
        {"u,i,r\na,b,1\nc,d,4x\n", ": a record has the value '4x', which is not a decimal number: \"c,d,4x\"; "
            + "the third field must be a number such as 3.5 or 1e-3"},
        {"a,b,1\nc,d,NaN\n", ": a record has the value NaN, which is not finite: \"c,d,NaN\"; remove the entry"},
        {"a,b,1\nc,d\n", ": a record has no value (too few fields or an empty third field): \"c,d,\"; give every"},
        {"a,b,1\n,d,2\n", ": a record has an empty row id: \",d,2\"; give every entry a row id and a column id"},
        {"a,b\nc,d\n", "has 2 fields but 3 are needed (row id, column id, value): \"a,b\"; separate the fields with commas"},
        {"user,item,rating\n", "has no data rows (only a header); give one line per observed entry"},
        {"\n\n", "has no data rows; give one line per observed entry"},
    };
    int k = 0;
    for (String[] c : cases) {
      Path f = Files.writeString(dir.resolve("bad" + k++ + ".csv"), c[0]);
      assertThatThrownBy(() -> read(f, Duplicates.ERROR)).as(c[0]).isInstanceOf(BadInputException.class)
          .hasMessageStartingWith(f.toString()).hasMessageContaining(c[1])
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
    Path latin1 = Files.write(dir.resolve("latin1.csv"),
        "a,x,1\nb\u00e9,y,2\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> read(latin1, Duplicates.ERROR)).isInstanceOf(BadInputException.class)
        .hasMessageContaining(": a record has a row id that is not UTF-8 text (U+FFFD)");
    Path mtx = Files.writeString(dir.resolve("m.mtx"), "%%MatrixMarket matrix coordinate real general\n1 1 1\n1 1 2\n");
    assertThatThrownBy(() -> read(mtx, Duplicates.ERROR)).hasMessageContaining("is a MatrixMarket file, which Spark "
        + "cannot read");
    assertThatThrownBy(() -> read(dir.resolve("absent.csv"), Duplicates.ERROR)).hasMessageContaining("does not exist");
  }
}
