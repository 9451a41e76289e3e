package io.lowrank.bench.ratings;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores matrix completion on a ratings train/test split (made by {@link RatingsSplit}): the three
 * baselines {@link BiasOnly}, {@link FunkSvd} and {@link BiasedAls}, and optionally the
 * predictions of {@code lowrank complete}, by the RMSE of {@link Scorer} (clipped to the training
 * rating range) over all test entries.
 *
 * <p>Each baseline chooses its hyper-parameters on an inner validation split of the training set
 * ({@link RatingsSplit#testMask} with {@link RatingsSplit#INNER_SEED}; the test set is never looked
 * at), then is refitted with them on the whole training set and scored once on the test set. The
 * iterative methods record the validation RMSE at every epoch (sweep) count of their grid during one
 * run per remaining grid point, which equals separate runs of each length since the runs are
 * deterministic. A method's wall seconds cover its grid, its refit and its scoring, on one thread.
 *
 * <pre>
 * java -cp lowrank-bench/target/benchmarks.jar io.lowrank.bench.ratings.RatingsBenchmark \
 *     --dataset NAME --train train.csv --test test.csv [--lowrank-dir DIR --lowrank-seconds S] \
 *     [--out DIR] [--methods bias,funk,als] [--quick]
 * </pre>
 *
 * prints one markdown table row per method (data set, method, RMSE, chosen hyper-parameters,
 * wall seconds) on stdout, and with {@code --out} writes {@code NAME-results.jsonl} and every grid
 * point's validation RMSE in {@code NAME-grid.csv}. {@code --quick} uses a tiny grid (a smoke run,
 * not for quoting).
 */
public final class RatingsBenchmark {
  /** Seed of the baselines' random starts and SGD orders. */
  public static final long MODEL_SEED = 20261204L;

  /** Hyper-parameter grids of the three baselines. */
  record Grid(double[] biasLambdas, int[] funkRanks, double[] funkRegs, double[] funkRates, int[] funkEpochs,
      int[] alsRanks, double[] alsLambdas, int[] alsSweeps) {
    static final Grid FULL = new Grid(new double[] {0.5, 1, 2, 5, 10, 15, 25, 50}, new int[] {10, 50, 100},
        new double[] {0.02, 0.05, 0.1}, new double[] {0.005, 0.01}, new int[] {20, 25, 30, 35, 40, 45, 50, 55, 60},
        new int[] {10, 50, 100}, new double[] {0.05, 0.1, 0.2, 0.5}, new int[] {5, 10, 15});
    static final Grid QUICK = new Grid(new double[] {2, 10}, new int[] {10}, new double[] {0.05},
        new double[] {0.01}, new int[] {10, 20}, new int[] {10}, new double[] {0.1}, new int[] {3, 6});
  }

  /** One scored method. */
  record Result(String dataset, String method, double rmse, String params, double validationRmse, double seconds) {
    String markdownRow() {
      return String.format(Locale.ROOT, "| %s | %s | %.4f | %s | %.1f |", dataset, method, rmse, params, seconds);
    }

    String json() {
      return String.format(Locale.ROOT,
          "{\"dataset\": \"%s\", \"method\": \"%s\", \"test_rmse\": %.6f, \"params\": \"%s\", "
              + "\"validation_rmse\": %s, \"seconds\": %.3f}",
          esc(dataset), esc(method), rmse, esc(params),
          Double.isNaN(validationRmse) ? "null" : String.format(Locale.ROOT, "%.6f", validationRmse), seconds);
    }
  }

  /** A train/test pair indexed in the training set's id tables, with its scorer and inner split. */
  static final class Data {
    final Ratings train;
    final Ratings test;
    final Ratings innerTrain;
    final Ratings validation;
    final Scorer scorer;
    final Ratings.Ids userIds = new Ratings.Ids();
    final Ratings.Ids itemIds = new Ratings.Ids();

    Data(RatingsCsv trainCsv, RatingsCsv testCsv) {
      train = trainCsv.index(userIds, itemIds);
      test = testCsv.indexKnown(userIds, itemIds, "test");
      boolean[] val = RatingsSplit.testMask(train, RatingsSplit.FRACTION, RatingsSplit.INNER_SEED);
      innerTrain = train.subset(val, false);
      validation = train.subset(val, true);
      scorer = Scorer.rangeOf(train);
    }
  }

  private final Data data;
  private final String dataset;
  private final Grid grid;
  private final List<String> gridLines = new ArrayList<>();

  RatingsBenchmark(String dataset, Data data, Grid grid) {
    this.dataset = dataset;
    this.data = data;
    this.grid = grid;
  }

  List<String> gridLines() {
    return gridLines;
  }

  private void gridPoint(String method, String params, double validationRmse) {
    gridLines.add(String.format(Locale.ROOT, "%s,%s,\"%s\",%.6f", dataset, method, params, validationRmse));
  }

  /** Bias-only: (lambdaUser, lambdaItem) from the grid squared. */
  Result biasOnly() {
    long t0 = System.nanoTime();
    double best = Double.POSITIVE_INFINITY;
    double bestU = 0;
    double bestI = 0;
    for (double lu : grid.biasLambdas()) {
      for (double li : grid.biasLambdas()) {
        double v = data.scorer.rmse(BiasOnly.fit(data.innerTrain, lu, li), data.validation);
        gridPoint("bias-only", fmt("lambda_user=%s lambda_item=%s", lu, li), v);
        if (v < best) {
          best = v;
          bestU = lu;
          bestI = li;
        }
      }
    }
    BiasOnly model = BiasOnly.fit(data.train, bestU, bestI);
    double rmse = data.scorer.rmse(model, data.test);
    return new Result(dataset, "bias-only", rmse, fmt("lambda_user=%s, lambda_item=%s", bestU, bestI), best,
        seconds(t0));
  }

  /** Funk-SVD: rank x reg x learning rate, epochs read off at the grid's epoch counts. */
  Result funkSvd() {
    long t0 = System.nanoTime();
    double best = Double.POSITIVE_INFINITY;
    int bestK = 0;
    double bestReg = 0;
    double bestLr = 0;
    int bestEpochs = 0;
    int maxEpochs = max(grid.funkEpochs());
    for (int k : grid.funkRanks()) {
      for (double reg : grid.funkRegs()) {
        for (double lr : grid.funkRates()) {
          FunkSvd m = new FunkSvd(data.innerTrain, k, lr, reg, MODEL_SEED);
          while (m.epochs() < maxEpochs) {
            m.epoch();
            if (contains(grid.funkEpochs(), m.epochs())) {
              double v = data.scorer.rmse(m, data.validation);
              gridPoint("funk-svd", fmt("k=%d reg=%s lr=%s epochs=%d", k, reg, lr, m.epochs()), v);
              if (v < best) {
                best = v;
                bestK = k;
                bestReg = reg;
                bestLr = lr;
                bestEpochs = m.epochs();
              }
            }
          }
        }
      }
    }
    FunkSvd model = new FunkSvd(data.train, bestK, bestLr, bestReg, MODEL_SEED);
    for (int e = 0; e < bestEpochs; e++) {
      model.epoch();
    }
    double rmse = data.scorer.rmse(model, data.test);
    return new Result(dataset, "Funk-SVD (SGD)", rmse,
        fmt("k=%d, reg=%s, lr=%s, epochs=%d", bestK, bestReg, bestLr, bestEpochs), best, seconds(t0));
  }

  /** ALS with biases: rank x lambda, sweeps read off at the grid's sweep counts. */
  Result als() {
    long t0 = System.nanoTime();
    double best = Double.POSITIVE_INFINITY;
    int bestK = 0;
    double bestLambda = 0;
    int bestSweeps = 0;
    int maxSweeps = max(grid.alsSweeps());
    for (int k : grid.alsRanks()) {
      for (double lambda : grid.alsLambdas()) {
        BiasedAls m = new BiasedAls(data.innerTrain, k, lambda, MODEL_SEED);
        while (m.sweeps() < maxSweeps) {
          m.sweep();
          if (contains(grid.alsSweeps(), m.sweeps())) {
            double v = data.scorer.rmse(m, data.validation);
            gridPoint("als", fmt("k=%d lambda=%s sweeps=%d", k, lambda, m.sweeps()), v);
            if (v < best) {
              best = v;
              bestK = k;
              bestLambda = lambda;
              bestSweeps = m.sweeps();
            }
          }
        }
      }
    }
    BiasedAls model = new BiasedAls(data.train, bestK, bestLambda, MODEL_SEED);
    for (int s = 0; s < bestSweeps; s++) {
      model.sweep();
    }
    double rmse = data.scorer.rmse(model, data.test);
    return new Result(dataset, "ALS with biases", rmse, fmt("k=%d, lambda=%s (x n), sweeps=%d", bestK, bestLambda,
        bestSweeps), best, seconds(t0));
  }

  /**
   * Scores {@code lowrank complete}'s {@code DIR/predictions.csv} (row_id, column_id, prediction)
   * on the test set; every test pair must have a prediction. The parameters shown are read from
   * {@code DIR/summary.json}.
   */
  Result lowrank(Path dir, double seconds) {
    Map<String, Double> byPair = new HashMap<>();
    Path file = dir.resolve("predictions.csv");
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      var it = lines.iterator();
      boolean first = true;
      while (it.hasNext()) {
        String line = it.next();
        if (line.isBlank()) {
          continue;
        }
        List<String> f = RatingsCsv.split(line, ',');
        if (first) {
          first = false;
          if (f.size() >= 3 && !RatingsCsv.isNumber(f.get(2))) {
            continue;
          }
        }
        if (f.size() < 3) {
          throw new IllegalArgumentException(file + ": line \"" + line + "\" has fewer than 3 fields");
        }
        byPair.put(f.get(0) + "\u0000" + f.get(1), Double.parseDouble(f.get(2)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    double[] pred = new double[data.test.size()];
    for (int t = 0; t < pred.length; t++) {
      String u = data.userIds.name(data.test.user[t]);
      String i = data.itemIds.name(data.test.item[t]);
      Double p = byPair.get(u + "\u0000" + i);
      if (p == null) {
        throw new IllegalArgumentException(file + " has no prediction for the test pair (" + u + ", " + i + ")");
      }
      pred[t] = p;
    }
    double rmse = data.scorer.rmse(pred, data.test);
    String params = "defaults";
    double validation = Double.NaN;
    Path summary = dir.resolve("summary.json");
    if (Files.isRegularFile(summary)) {
      try {
        String json = Files.readString(summary, StandardCharsets.UTF_8);
        params = String.format(Locale.ROOT, "defaults: width=%s, alpha=%s; chose iteration %s of %s, numerical rank %s",
            jsonValue(json, "width"), jsonValue(json, "alpha"), jsonValue(json, "chosen_iteration"),
            jsonValue(json, "iterations"), jsonValue(json, "numerical_rank"));
        String v = jsonValue(json, "validation_rmse");
        validation = RatingsCsv.isNumber(v) ? Double.parseDouble(v) : Double.NaN;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + summary, e);
      }
    }
    return new Result(dataset, "lowrank complete", rmse, params, validation, seconds);
  }

  /** The first value of {@code "key" : value} in a JSON text (a scalar), or "n/a". */
  static String jsonValue(String json, String key) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*([^,\\s}\\]]+)").matcher(json);
    return m.find() ? m.group(1).replace("\"", "") : "n/a";
  }

  private static int max(int[] a) {
    int m = Integer.MIN_VALUE;
    for (int x : a) {
      m = Math.max(m, x);
    }
    return m;
  }

  private static boolean contains(int[] a, int x) {
    for (int y : a) {
      if (y == x) {
        return true;
      }
    }
    return false;
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) * 1e-9;
  }

  private static String fmt(String f, Object... args) {
    Object[] a = args.clone();
    for (int k = 0; k < a.length; k++) {
      if (a[k] instanceof Double d) {
        a[k] = shortNumber(d);
      }
    }
    return String.format(Locale.ROOT, f, a);
  }

  /** 0.5 -> "0.5", 2.0 -> "2", 0.005 -> "0.005". */
  static String shortNumber(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return Double.toString(d);
  }

  private static String esc(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  /** Runs the benchmark; returns the results in table order. */
  static List<Result> run(String dataset, Path train, Path test, Path lowrankDir, double lowrankSeconds,
      List<String> methods, Grid grid, Path out, PrintStream rows) throws IOException {
    Data data = new Data(RatingsCsv.read(train), RatingsCsv.read(test));
    RatingsBenchmark b = new RatingsBenchmark(dataset, data, grid);
    List<Result> results = new ArrayList<>();
    if (lowrankDir != null) {
      results.add(b.lowrank(lowrankDir, lowrankSeconds));
      rows.println(results.get(results.size() - 1).markdownRow());
    }
    for (String m : methods) {
      Result r = switch (m) {
        case "bias" -> b.biasOnly();
        case "funk" -> b.funkSvd();
        case "als" -> b.als();
        default -> throw new IllegalArgumentException("unknown method " + m + "; accepted: bias, funk, als");
      };
      results.add(r);
      rows.println(r.markdownRow());
      rows.flush();
    }
    if (out != null) {
      Files.createDirectories(out);
      try (BufferedWriter w = Files.newBufferedWriter(out.resolve(dataset + "-results.jsonl"), StandardCharsets.UTF_8)) {
        for (Result r : results) {
          w.write(r.json());
          w.newLine();
        }
      }
      try (BufferedWriter w = Files.newBufferedWriter(out.resolve(dataset + "-grid.csv"), StandardCharsets.UTF_8)) {
        w.write("dataset,method,params,validation_rmse");
        w.newLine();
        for (String line : b.gridLines()) {
          w.write(line);
          w.newLine();
        }
      }
    }
    return results;
  }

  public static void main(String[] args) {
    String dataset = null;
    Path train = null;
    Path test = null;
    Path lowrankDir = null;
    double lowrankSeconds = Double.NaN;
    Path out = null;
    List<String> methods = List.of("bias", "funk", "als");
    Grid grid = Grid.FULL;
    try {
      for (int k = 0; k < args.length; k++) {
        String a = args[k];
        if (a.equals("--quick")) {
          grid = Grid.QUICK;
          continue;
        }
        if (k + 1 >= args.length) {
          throw new IllegalArgumentException("option " + a + " needs a value");
        }
        String v = args[++k];
        switch (a) {
          case "--dataset" -> dataset = v;
          case "--train" -> train = Path.of(v);
          case "--test" -> test = Path.of(v);
          case "--lowrank-dir" -> lowrankDir = Path.of(v);
          case "--lowrank-seconds" -> lowrankSeconds = Double.parseDouble(v);
          case "--out" -> out = Path.of(v);
          case "--methods" -> methods = v.isBlank() ? List.of() : List.of(v.split(","));
          default -> throw new IllegalArgumentException("unknown option " + a + "; accepted: --dataset, --train, "
              + "--test, --lowrank-dir, --lowrank-seconds, --out, --methods, --quick");
        }
      }
      if (dataset == null || train == null || test == null) {
        throw new IllegalArgumentException("--dataset, --train and --test are required");
      }
      run(dataset, train, test, lowrankDir, lowrankSeconds, methods, grid, out, System.out);
    } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
      System.err.println("RatingsBenchmark: error: " + e.getMessage());
      System.exit(2);
    }
  }
}
