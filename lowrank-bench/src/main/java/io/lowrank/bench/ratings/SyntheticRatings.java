package io.lowrank.bench.ratings;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The synthetic ratings set of scripts/bench-spark.sh (issue 13): at scale 1, 150,000 users x
 * 30,000 items, 2e7 observed entries (2e7 / 150,000 = 133 or 134 per user, items uniform without
 * replacement), planted rank 20 plus noise, split 90/10 as it is generated. Scale s multiplies the
 * users, the items and the entries by s (entries per user unchanged).
 *
 * <p>Rating of (i, j): {@code 3 + 0.8 * (a_i . b_j) / sqrt(20) + 0.3 * e}, with a_i, b_j and e
 * standard Gaussian, written with 3 decimals; about one entry in ten is a test entry. Everything
 * comes from {@code new SplittableRandom(seed)} split per concern (factors, cells, noise, split),
 * so the same scale and seed give byte-identical files on every machine.
 *
 * <pre>
 * java -cp lowrank-bench/target/classes io.lowrank.bench.ratings.SyntheticRatings OUTDIR [--scale S] [--seed N]
 * </pre>
 *
 * writes {@code OUTDIR/train.csv}, {@code OUTDIR/test.csv} ({@code user,item,rating}, integer ids)
 * and {@code OUTDIR/test_pairs.csv}, and prints one JSON line with the counts. Every test user and
 * item has training entries (checked; the generator fails otherwise).
 */
public final class SyntheticRatings {
  static final int USERS = 150_000;
  static final int ITEMS = 30_000;
  static final long ENTRIES = 20_000_000L;
  static final int RANK = 20;
  static final double TEST_FRACTION = 0.1;

  private SyntheticRatings() {}

  /** Counts of what was written. */
  record Counts(int users, int items, long train, long test) {}

  static Counts write(Path dir, double scale, long seed) throws IOException {
    int n1 = (int) Math.round(USERS * scale);
    int n2 = (int) Math.round(ITEMS * scale);
    long m = Math.round(ENTRIES * scale);
    if (n1 < 1 || n2 < RANK || m > (long) n1 * n2 / 2) {
      throw new IllegalArgumentException("scale " + scale + " gives " + n1 + " x " + n2 + " with " + m
          + " entries; accepted: a scale >= 0.001");
    }
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom factors = root.split();
    SplittableRandom cells = root.split();
    SplittableRandom noise = root.split();
    SplittableRandom split = root.split();
    double[] a = gaussian(factors, n1 * RANK);
    double[] b = gaussian(factors, n2 * RANK);
    double scaleAb = 0.8 / Math.sqrt(RANK);
    long base = m / n1;
    long extra = m % n1;
    int[] trainPerItem = new int[n2];
    boolean[] testItem = new boolean[n2];
    long train = 0;
    long test = 0;
    Files.createDirectories(dir);
    try (BufferedWriter tr = Files.newBufferedWriter(dir.resolve("train.csv"));
        BufferedWriter te = Files.newBufferedWriter(dir.resolve("test.csv"));
        BufferedWriter tp = Files.newBufferedWriter(dir.resolve("test_pairs.csv"))) {
      tr.write("user,item,rating\n");
      te.write("user,item,rating\n");
      tp.write("user,item\n");
      HashSet<Integer> chosen = new HashSet<>();
      StringBuilder line = new StringBuilder(40);
      for (int i = 0; i < n1; i++) {
        int count = (int) (base + (i < extra ? 1 : 0));
        chosen.clear();
        for (int t = n2 - count; t < n2; t++) { // Floyd: count distinct items of n2
          int j = cells.nextInt(t + 1);
          chosen.add(chosen.contains(j) ? t : j);
        }
        int[] items = chosen.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(items);
        boolean userHasTrain = false;
        for (int q = 0; q < items.length; q++) {
          int j = items[q];
          double dot = 0;
          for (int k = 0; k < RANK; k++) {
            dot += a[i * RANK + k] * b[j * RANK + k];
          }
          double v = 3 + scaleAb * dot + 0.3 * gaussian(noise);
          boolean isTest = split.nextDouble() < TEST_FRACTION && (userHasTrain || q < items.length - 1);
          line.setLength(0);
          line.append(i).append(',').append(j).append(',').append(String.format(Locale.ROOT, "%.3f", v)).append('\n');
          if (isTest) {
            te.append(line);
            line.setLength(line.lastIndexOf(","));
            tp.append(line).append('\n');
            testItem[j] = true;
            test++;
          } else {
            tr.append(line);
            trainPerItem[j]++;
            userHasTrain = true;
            train++;
          }
        }
      }
    }
    for (int j = 0; j < n2; j++) {
      if (testItem[j] && trainPerItem[j] == 0) {
        throw new IllegalStateException("item " + j + " has test entries but no training entry; use another seed");
      }
    }
    return new Counts(n1, n2, train, test);
  }

  private static double[] gaussian(SplittableRandom rng, int n) {
    double[] x = new double[n];
    for (int k = 0; k < n; k++) {
      x[k] = gaussian(rng);
    }
    return x;
  }

  /** A standard Gaussian by Box-Muller from two uniforms (the JDK's nextGaussian is not specified across versions). */
  private static double gaussian(SplittableRandom rng) {
    double u = 1.0 - rng.nextDouble();
    double v = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length % 2 != 1) {
      System.err.println("usage: SyntheticRatings OUTDIR [--scale S] [--seed N]");
      System.exit(2);
    }
    double scale = 1.0;
    long seed = 20261204L;
    for (int k = 1; k + 1 < args.length; k += 2) {
      switch (args[k]) {
        case "--scale" -> scale = Double.parseDouble(args[k + 1]);
        case "--seed" -> seed = Long.parseLong(args[k + 1]);
        default -> {
          System.err.println("SyntheticRatings: unknown option " + args[k] + " (accepted: --scale S, --seed N)");
          System.exit(2);
        }
      }
    }
    Counts c = write(Path.of(args[0]), scale, seed);
    System.out.println(String.format(Locale.ROOT, "{\"set\": \"synthetic\", \"scale\": %s, \"seed\": %d, \"users\": %d, "
        + "\"items\": %d, \"rank\": %d, \"train\": %d, \"test\": %d}", scale, seed, c.users(), c.items(), RANK, c.train(),
        c.test()));
  }
}
