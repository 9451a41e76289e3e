package io.lowrank.spark;

import io.lowrank.experiment.run.RunResult;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.spec.SpecFiles;
import io.lowrank.random.Seeds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/** Test data: a planted low-rank ratings file with string ids, and ratings run specs on it. */
final class PlantedRatings {
  private PlantedRatings() {}

  /**
   * Writes {@code count} distinct entries of an n1 x n2 rank-r matrix plus noise (ids "user i",
   * "item-j") as CSV; the entries are a seeded random subset.
   */
  static Path write(Path file, int n1, int n2, int r, int count, long seed) throws IOException {
    SplittableRandom rng = Seeds.rng(seed);
    double[] a = new double[n1 * r];
    double[] b = new double[n2 * r];
    Seeds.gaussian(rng, 1.0, a, 0, a.length);
    Seeds.gaussian(rng, 1.0, b, 0, b.length);
    int[] cells = new int[n1 * n2];
    for (int c = 0; c < cells.length; c++) {
      cells[c] = c;
    }
    for (int c = cells.length - 1; c > 0; c--) { // Fisher-Yates
      int o = rng.nextInt(c + 1);
      int t = cells[c];
      cells[c] = cells[o];
      cells[o] = t;
    }
    StringBuilder s = new StringBuilder("user,item,rating\n");
    for (int q = 0; q < count; q++) {
      int i = cells[q] / n2;
      int j = cells[q] % n2;
      double v = 3.0 + 0.1 * rng.nextGaussian();
      for (int t = 0; t < r; t++) {
        v += a[i * r + t] * b[j * r + t] / Math.sqrt(r);
      }
      s.append("user ").append(i).append(",item-").append(j).append(',')
          .append(String.format(Locale.ROOT, "%.4f", v)).append('\n');
    }
    Files.writeString(file, s);
    return file;
  }

  /** A ratings run of {@code iterations} iterations on {@code file}, early stopping on 10 % unless {@code holdOut} is 0. */
  static RunSpec spec(Path file, int iterations, double holdOut, int width) {
    String yaml = String.format(Locale.ROOT, """
        problem: {model: ratings, path: '%s', centring: biases, bias_lambda: 5}
        width: %d
        stop: {iterations: %d, tolerance: 0, early_stopping: {hold_out: %s, patience: 100000, every: 5}}
        seed: 7
        """, file.toString().replace("'", "''"), width, iterations, holdOut);
    return SpecFiles.parse(yaml, "test spec").bind();
  }

  /** The factors as raw bits, so that equality means bit-identical. */
  static long[] bits(RunResult r) {
    double[] l = r.factors().left().data();
    double[] rr = r.factors().right().data();
    long[] out = new long[l.length + rr.length];
    for (int i = 0; i < l.length; i++) {
      out[i] = Double.doubleToRawLongBits(l[i]);
    }
    for (int i = 0; i < rr.length; i++) {
      out[l.length + i] = Double.doubleToRawLongBits(rr[i]);
    }
    return out;
  }
}
