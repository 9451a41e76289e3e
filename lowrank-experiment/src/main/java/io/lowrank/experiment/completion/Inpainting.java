package io.lowrank.experiment.completion;

import io.lowrank.experiment.formats.ObservedEntries;
import io.lowrank.experiment.formats.TripletFiles;
import io.lowrank.experiment.spec.ProblemSpec;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.linalg.Check;
import io.lowrank.random.Seeds;
import io.lowrank.solver.Observer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Image inpainting as rank-free completion: each channel of an h x w image (values in [0, 1]) is a
 * matrix; a random subset of pixels (Bernoulli(observe), the same for every channel, drawn from
 * seed stream OPERATOR) is observed and the rest is filled by {@link RankFreeCompletion}. Observed
 * pixels are kept as they are; filled pixels are clipped to [0, 1].
 */
public final class Inpainting {
  private Inpainting() {}

  /**
   * The outcome.
   *
   * @param reconstructed one h x w plane per channel, row-major
   * @param meanFilled the baseline: missing pixels set to the mean of the observed pixels of their channel
   * @param mask true where the pixel was observed
   * @param psnr PSNR (dB, peak 1) of {@code reconstructed} against the original over all pixels
   * @param meanFillPsnr PSNR of {@code meanFilled}
   * @param channels the completion result of each channel
   */
  public record Result(double[][] reconstructed, double[][] meanFilled, boolean[] mask, double psnr,
      double meanFillPsnr, List<CompletionResult> channels) {

    /** True when some channel's completion diverged (its missing pixels were mean-filled). */
    public boolean failed() {
      return channels.stream().anyMatch(CompletionResult::failed);
    }

    /** Number of observed pixels. */
    public int observed() {
      int k = 0;
      for (boolean b : mask) {
        k += b ? 1 : 0;
      }
      return k;
    }
  }

  /** The observed-pixel mask: each pixel independently with probability {@code observe}. */
  public static boolean[] mask(int height, int width, double observe, long seed) {
    SplittableRandom rng = Seeds.rng(Seeds.derive(seed, Seeds.Stream.OPERATOR));
    boolean[] m = new boolean[height * width];
    for (int p = 0; p < m.length; p++) {
      m[p] = rng.nextDouble() < observe;
    }
    return m;
  }

  /**
   * Inpaints {@code planes} (each h x w, row-major, values in [0, 1]) from the pixels kept by a
   * random mask of density {@code observe}.
   */
  public static Result run(double[][] planes, int height, int width, double observe, RunSpec spec,
      List<? extends Observer> observers) {
    if (!(spec.problem() instanceof ProblemSpec.Ratings ratings)) {
      throw new IllegalArgumentException("inpainting runs a ratings problem (the observed pixels), not "
          + spec.model().id());
    }
    Check.positive(height, "image height");
    Check.positive(width, "image width");
    if (!(observe > 0 && observe < 1)) {
      throw new IllegalArgumentException("the observed fraction must be strictly between 0 and 1, got " + observe);
    }
    boolean[] mask = mask(height, width, observe, spec.seed());
    int count = 0;
    for (boolean b : mask) {
      count += b ? 1 : 0;
    }
    Check.shape(count >= 2, "only %d pixel(s) observed out of %d; raise the observed fraction", count, mask.length);
    int[] rows = new int[count];
    int[] cols = new int[count];
    int k = 0;
    for (int p = 0; p < mask.length; p++) {
      if (mask[p]) {
        rows[k] = p / width;
        cols[k] = p % width;
        k++;
      }
    }
    double[][] out = new double[planes.length][];
    double[][] meanFill = new double[planes.length][];
    List<CompletionResult> results = new ArrayList<>();
    double se = 0.0;
    double seMean = 0.0;
    for (int c = 0; c < planes.length; c++) {
      double[] plane = planes[c];
      Check.shape(plane.length == height * width, "channel %d has %d pixels, expected %d x %d", c, plane.length,
          height, width);
      double[] values = new double[count];
      double mean = 0.0;
      for (int e = 0; e < count; e++) {
        values[e] = plane[rows[e] * width + cols[e]];
        mean += values[e];
      }
      mean /= count;
      String name = ratings.path() + (planes.length == 1 ? "" : "#channel" + (c + 1));
      TripletFiles.Data data = new TripletFiles.Data(null, "image", null, ids(height), ids(width),
          ObservedEntries.of(height, width, rows, cols, values), count, 0);
      RunSpec channel = spec.withProblem(new ProblemSpec.Ratings(name, ratings.duplicates(), ratings.centring(),
          ratings.biasLambda()));
      CompletionResult r = RankFreeCompletion.run(channel, data, observers);
      results.add(r);
      double[] rec = new double[plane.length];
      double[] mf = new double[plane.length];
      for (int p = 0; p < plane.length; p++) {
        if (mask[p]) {
          rec[p] = plane[p];
          mf[p] = plane[p];
        } else if (r.failed()) {
          rec[p] = mean;
          mf[p] = mean;
        } else {
          rec[p] = Math.max(0.0, Math.min(1.0, r.predict(p / width, p % width)));
          mf[p] = mean;
        }
        se += (rec[p] - plane[p]) * (rec[p] - plane[p]);
        seMean += (mf[p] - plane[p]) * (mf[p] - plane[p]);
      }
      out[c] = rec;
      meanFill[c] = mf;
    }
    long total = (long) planes.length * height * width;
    return new Result(out, meanFill, mask, psnr(se / total), psnr(seMean / total), List.copyOf(results));
  }

  /** "0", "1", ... as the ids of image rows or columns. */
  private static String[] ids(int count) {
    String[] out = new String[count];
    for (int i = 0; i < count; i++) {
      out[i] = Integer.toString(i);
    }
    return out;
  }

  /** PSNR in dB for peak value 1: 10 log10(1 / mse). */
  public static double psnr(double mse) {
    return 10.0 * Math.log10(1.0 / mse);
  }
}
