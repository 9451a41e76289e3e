package io.lowrank.bench.ratings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The fixed train/test split of the ratings benchmark (docs/ratings-benchmark.md).
 *
 * <ol>
 *   <li>The entries, in file order, are shuffled by a Fisher-Yates shuffle driven by
 *       {@code new SplittableRandom(seed)} (default {@link #SEED} = 20261202); the first
 *       {@code round(fraction * n)} of the shuffled order (default fraction 0.1) are the test set,
 *       the rest the training set.</li>
 *   <li><b>Cold-start repair</b>: the test entries are then visited in file order, and one whose user
 *       or item has no training entry (at that point) is moved to the training set. So every test pair
 *       is predictable from the training set, and the test set is slightly smaller than
 *       {@code fraction * n} (the count moved is reported).</li>
 * </ol>
 *
 * <p>The split depends only on the file's entries, their order, the seed and the fraction: the same
 * input and seed give byte-identical files on every machine. The same procedure, with seed
 * {@link #INNER_SEED}, makes the inner validation split of the training set on which the baselines
 * choose their hyper-parameters (the test set is never used for that).
 *
 * <pre>
 * java -cp lowrank-bench/target/benchmarks.jar io.lowrank.bench.ratings.RatingsSplit INPUT.csv OUTDIR [--seed S] [--test-fraction F]
 * </pre>
 *
 * writes {@code OUTDIR/train.csv} and {@code OUTDIR/test.csv} (user, item, rating with the input's
 * header names; rating text unchanged, further columns dropped, file order kept) and
 * {@code OUTDIR/test_pairs.csv} (user, item of the test entries, same order), and prints one line
 * of counts.
 */
public final class RatingsSplit {
  /** Seed of the train/test split. */
  public static final long SEED = 20261202L;
  /** Seed of the inner validation split of the training set (hyper-parameter choice). */
  public static final long INNER_SEED = 20261203L;
  /** Fraction of the entries in the test (and inner validation) set before the cold-start repair. */
  public static final double FRACTION = 0.1;

  private RatingsSplit() {}

  /**
   * The split of entries {@code (user[t], item[t])}: {@code true} marks a test entry. Every user and
   * item of a test entry has at least one training entry.
   */
  static boolean[] testMask(int[] user, int[] item, int users, int items, double fraction, long seed) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("the test fraction must be in (0, 1), got " + fraction);
    }
    int n = user.length;
    int[] order = new int[n];
    for (int t = 0; t < n; t++) {
      order[t] = t;
    }
    SplittableRandom rng = new SplittableRandom(seed);
    for (int t = n - 1; t > 0; t--) {
      int s = rng.nextInt(t + 1);
      int x = order[t];
      order[t] = order[s];
      order[s] = x;
    }
    boolean[] test = new boolean[n];
    long nTest = Math.round(fraction * n);
    for (int t = 0; t < nTest; t++) {
      test[order[t]] = true;
    }
    int[] userTrain = new int[users];
    int[] itemTrain = new int[items];
    for (int t = 0; t < n; t++) {
      if (!test[t]) {
        userTrain[user[t]]++;
        itemTrain[item[t]]++;
      }
    }
    for (int t = 0; t < n; t++) {
      if (test[t] && (userTrain[user[t]] == 0 || itemTrain[item[t]] == 0)) {
        test[t] = false;
        userTrain[user[t]]++;
        itemTrain[item[t]]++;
      }
    }
    return test;
  }

  /** {@link #testMask(int[], int[], int, int, double, long)} of indexed ratings. */
  static boolean[] testMask(Ratings r, double fraction, long seed) {
    return testMask(r.user, r.item, r.users, r.items, fraction, seed);
  }

  /** Counts of a split written by {@link #split}. */
  record Counts(int entries, int users, int items, int train, int test, int moved) {}

  /** Splits {@code input} into {@code outDir}/train.csv, test.csv and test_pairs.csv. */
  static Counts split(Path input, Path outDir, long seed, double fraction) throws IOException {
    RatingsCsv csv = RatingsCsv.read(input);
    Ratings r = csv.index(new Ratings.Ids(), new Ratings.Ids());
    boolean[] test = testMask(r, fraction, seed);
    int nTest = 0;
    for (boolean b : test) {
      nTest += b ? 1 : 0;
    }
    Files.createDirectories(outDir);
    csv.write(outDir.resolve("train.csv"), test, false, true);
    csv.write(outDir.resolve("test.csv"), test, true, true);
    csv.write(outDir.resolve("test_pairs.csv"), test, true, false);
    int moved = (int) Math.round(fraction * r.size()) - nTest;
    return new Counts(r.size(), r.users, r.items, r.size() - nTest, nTest, moved);
  }

  public static void main(String[] args) {
    if (args.length < 2 || args.length % 2 != 0) {
      System.err.println("usage: RatingsSplit INPUT.csv OUTDIR [--seed S] [--test-fraction F]");
      System.exit(2);
    }
    long seed = SEED;
    double fraction = FRACTION;
    for (int k = 2; k + 1 < args.length; k += 2) {
      switch (args[k]) {
        case "--seed" -> seed = Long.parseLong(args[k + 1]);
        case "--test-fraction" -> fraction = Double.parseDouble(args[k + 1]);
        default -> {
          System.err.println("RatingsSplit: unknown option " + args[k] + " (accepted: --seed S, --test-fraction F)");
          System.exit(2);
        }
      }
    }
    try {
      Counts c = split(Path.of(args[0]), Path.of(args[1]), seed, fraction);
      System.out.println(String.format(Locale.ROOT,
          "{\"input\": \"%s\", \"seed\": %d, \"test_fraction\": %s, \"entries\": %d, \"users\": %d, \"items\": %d, "
              + "\"train\": %d, \"test\": %d, \"moved_to_train\": %d}",
          args[0].replace("\\", "\\\\").replace("\"", "\\\""), seed, fraction, c.entries(), c.users(), c.items(),
          c.train(), c.test(), c.moved()));
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      System.err.println("RatingsSplit: error: " + e.getMessage());
      System.exit(2);
    }
  }
}
