package io.lowrank.spark.dist.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The Spark MLlib ALS baseline of {@code scripts/bench-spark.sh}: on a fixed train/test split
 * (train.csv and test.csv of {@code RatingsSplit}: user,item,rating with a header), fits
 * {@code ALS} for every rank x regParam of the grid (maxIter 20, checkpoint interval 10 with a
 * checkpoint directory, seed 20261204, explicit feedback) and prints one JSON line per fit: rank,
 * regParam, test RMSE (predictions clipped to the training rating range, as the ratings
 * benchmark's Scorer does) and the fit's wall seconds. ALS needs integer ids: user and item ids
 * are mapped to their index in sorted order. Not a unit test: a benchmark main.
 *
 * <p>{@code java -cp ... MllibAls TRAIN TEST CHECKPOINT_DIR [master] [ranks] [regs]}
 */
public final class MllibAls {
  private MllibAls() {}

  record Entry(String user, String item, double rating) {}

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: MllibAls TRAIN TEST CHECKPOINT_DIR [master] [ranks] [regs]");
      System.exit(2);
    }
    List<Entry> train = read(Path.of(args[0]));
    List<Entry> test = read(Path.of(args[1]));
    String master = args.length > 3 ? args[3] : "local[2]";
    int[] ranks = args.length > 4 ? ints(args[4]) : new int[] {10, 50};
    double[] regs = args.length > 5 ? doubles(args[5]) : new double[] {0.05, 0.1, 0.2};
    Map<String, Integer> users = index(train, true);
    Map<String, Integer> items = index(train, false);
    double lo = train.stream().mapToDouble(Entry::rating).min().orElseThrow();
    double hi = train.stream().mapToDouble(Entry::rating).max().orElseThrow();
    SparkSession spark = SparkSession.builder().master(master).appName("mllib-als-baseline")
        .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4").getOrCreate();
    spark.sparkContext().setCheckpointDir(args[2]);
    StructType schema = new StructType().add("user", DataTypes.IntegerType).add("item", DataTypes.IntegerType)
        .add("rating", DataTypes.DoubleType);
    Dataset<Row> trainDf = spark.createDataFrame(rows(train, users, items), schema).cache();
    Dataset<Row> testDf = spark.createDataFrame(rows(test, users, items), schema).cache();
    trainDf.count();
    testDf.count();
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    for (int rank : ranks) {
      for (double reg : regs) {
        long start = System.nanoTime();
        ALSModel model = new ALS().setRank(rank).setRegParam(reg).setMaxIter(20).setCheckpointInterval(10)
            .setSeed(20261204L).setUserCol("user").setItemCol("item").setRatingCol("rating")
            .setColdStartStrategy("nan").fit(trainDf);
        List<Row> pred = model.transform(testDf).select("rating", "prediction").collectAsList();
        double seconds = (System.nanoTime() - start) * 1e-9;
        double sse = 0;
        int missing = 0;
        for (Row r : pred) {
          double p = r.getFloat(1);
          if (!Double.isFinite(p)) {
            missing++;
            continue;
          }
          double e = Math.min(hi, Math.max(lo, p)) - r.getDouble(0);
          sse += e * e;
        }
        if (missing > 0 || pred.size() != test.size()) {
          throw new IllegalStateException(missing + " NaN predictions of " + pred.size() + " (test has " + test.size()
              + " pairs, all of them warm)");
        }
        out.printf(Locale.ROOT, "{\"method\":\"mllib-als\",\"rank\":%d,\"regParam\":%s,\"test_rmse\":%.6f,"
            + "\"fit_s\":%.3f}%n", rank, reg, Math.sqrt(sse / pred.size()), seconds);
      }
    }
    spark.stop();
  }

  static List<Entry> read(Path file) throws IOException {
    List<Entry> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(",");
      out.add(new Entry(f[0], f[1], Double.parseDouble(f[2])));
    }
    return out;
  }

  /** Ids in sorted order, to their index. */
  static Map<String, Integer> index(List<Entry> entries, boolean users) {
    TreeSet<String> ids = new TreeSet<>();
    for (Entry e : entries) {
      ids.add(users ? e.user() : e.item());
    }
    Map<String, Integer> out = new TreeMap<>();
    for (String id : ids) {
      out.put(id, out.size());
    }
    return out;
  }

  static List<Row> rows(List<Entry> entries, Map<String, Integer> users, Map<String, Integer> items) {
    List<Row> out = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      Integer u = users.get(e.user());
      Integer i = items.get(e.item());
      if (u == null || i == null) {
        throw new IllegalStateException("test pair (" + e.user() + ", " + e.item() + ") is cold: the split repairs those");
      }
      out.add(RowFactory.create(u, i, e.rating()));
    }
    return out;
  }

  static int[] ints(String s) {
    return java.util.Arrays.stream(s.split(",")).mapToInt(Integer::parseInt).toArray();
  }

  static double[] doubles(String s) {
    return java.util.Arrays.stream(s.split(",")).mapToDouble(Double::parseDouble).toArray();
  }
}
