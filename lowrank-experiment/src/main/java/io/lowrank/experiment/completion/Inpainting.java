package io.lowrank.experiment.completion;

import io.lowrank.experiment.formats.BadInputException;
import io.lowrank.experiment.formats.Images;
import io.lowrank.experiment.formats.ObservedEntries;
import io.lowrank.experiment.formats.TripletFiles;
import io.lowrank.experiment.run.Baseline;
import io.lowrank.experiment.run.RunResult;
import io.lowrank.experiment.run.Runner;
import io.lowrank.experiment.run.Workload;
import io.lowrank.experiment.spec.Centring;
import io.lowrank.experiment.spec.ProblemSpec;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.spec.StopSpec;
import io.lowrank.linalg.Check;
import io.lowrank.linalg.Mat;
import io.lowrank.operator.EntrySampling;
import io.lowrank.random.Seeds;
import io.lowrank.solver.Observer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Image inpainting as rank-free completion: each channel of an h x w image (values in [0, 1]) is a
 * matrix; a random subset of pixels (Bernoulli(observe), the same for every channel, drawn from
 * seed stream OPERATOR) is observed and the rest is filled by {@link RankFreeCompletion}: GD from
 * a small start, stopped at the iteration T with the smallest error on the held-out pixels, then
 * <b>refitted</b> on every observed pixel (centring baseline fitted on all of them, the same start
 * and T iterations), which gives each image row and column about 1 / (1 - hold_out) more pixels
 * and lowers the error of its factor row (docs/inpaint.md, "Stripes"). Observed pixels are kept
 * as they are; filled pixels are clipped to [0, 1].
 *
 * <p>Two baselines are filled from the same pixels: the mean of the observed pixels of the
 * channel, and nuclear-norm regularised completion ({@link InpaintNuclear}) on the same training
 * pixels, centring baseline and factor width as the low-rank fit, its lambda chosen on the same
 * held-out pixels and refitted on every observed pixel likewise (docs/inpaint.md).
 *
 * <p><b>PSNR</b> = 10 log10(1 / MSE) (peak 1) over all pixels and channels of the reconstruction
 * as an 8-bit image ({@link Images#quantise}, what {@link Images#writePng} stores) against the
 * original as read, so the numbers are those of the written PNGs. It is +infinity when the 8-bit
 * reconstruction equals the original ({@link Result#exact(double)}).
 */
public final class Inpainting {
  private Inpainting() {}

  /**
   * Relative RMS below which the centred training pixels count as fitted exactly by the centring
   * baseline (the factor model would have nothing to learn; as {@code RankFreeCompletion}'s test).
   */
  static final double EXPLAINED = 1e-6;

  /**
   * The outcome.
   *
   * @param reconstructed one h x w plane per channel, row-major: observed pixels kept, the rest
   *     filled by the low-rank fit and clipped to [0, 1]
   * @param meanFilled the baseline: missing pixels set to the mean of the observed pixels of their channel
   * @param nuclearReconstructed the nuclear-norm baseline, as {@code reconstructed}; null when it was not run
   * @param mask true where the pixel was observed
   * @param psnr PSNR (dB, peak 1) of {@code reconstructed} against the original (+infinity when exact)
   * @param meanFillPsnr PSNR of {@code meanFilled}
   * @param nuclearPsnr PSNR of {@code nuclearReconstructed} (NaN when it was not run)
   * @param channels the completion result of each channel, the early-stopped fit on the training
   *     pixels (empty when no pixel is missing)
   * @param refits the refit of each channel on every observed pixel, whose predictions fill
   *     {@code reconstructed}; null for a channel that was not refitted (chosen iteration 0, or its
   *     fit failed), which is then filled by its early-stopped fit
   * @param nuclear the nuclear-norm fit of each channel, refitted (empty when not run)
   */
  public record Result(double[][] reconstructed, double[][] meanFilled, double[][] nuclearReconstructed, boolean[] mask,
      double psnr, double meanFillPsnr, double nuclearPsnr, List<CompletionResult> channels, List<Refit> refits,
      List<InpaintNuclear.Result> nuclear) {

    /**
     * True when some channel's completion or refit diverged (its missing pixels were mean-filled).
     */
    public boolean failed() {
      return channels.stream().anyMatch(CompletionResult::failed)
          || refits.stream().anyMatch(f -> f != null && f.diverged());
    }

    /** Number of observed pixels. */
    public int observed() {
      int k = 0;
      for (boolean b : mask) {
        k += b ? 1 : 0;
      }
      return k;
    }

    /** Number of missing (filled) pixels. */
    public int missing() {
      return mask.length - observed();
    }

    /** True for a PSNR of an exact reconstruction (+infinity: the 8-bit image equals the original). */
    public static boolean exact(double psnr) {
      return psnr == Double.POSITIVE_INFINITY;
    }
  }

  /**
   * The low-rank fit of one channel refitted on every observed pixel: prediction(i, j) =
   * baseline(i, j) + L_i . R_j.
   *
   * @param left L after {@code iterations} steps (n1 x r'), null when the refit diverged
   * @param right R likewise (n2 x r')
   * @param baseline the centring baseline fitted on every observed pixel
   * @param iterations the steps taken (the early-stopped fit's chosen iteration, unless it diverged)
   * @param diverged true when the refit diverged
   * @param stepSize the step size mu
   * @param seconds wall time
   */
  public record Refit(Mat left, Mat right, Baseline baseline, int iterations, boolean diverged, double stepSize,
      double seconds) {

    /** The prediction at (i, j). */
    public double predict(int i, int j) {
      double z = baseline.at(i, j);
      double[] l = left.data();
      double[] r = right.data();
      int k = left.cols();
      for (int t = 0; t < k; t++) {
        z += l[i * k + t] * r[j * k + t];
      }
      return z;
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
   * random mask of density {@code observe}, with both baselines.
   */
  public static Result run(double[][] planes, int height, int width, double observe, RunSpec spec,
      List<? extends Observer> observers) {
    return run(planes, height, width, observe, spec, observers, true);
  }

  /**
   * As {@link #run(double[][], int, int, double, RunSpec, List)}; {@code nuclear == false} skips
   * the nuclear-norm baseline (its fields are then null, NaN and empty).
   *
   * @throws BadInputException when fewer than 2 pixels are observed while some are missing, or when
   *     the centring baseline fits every training pixel exactly but not the held-out ones (too few
   *     observed pixels per row and column, e.g. an image of one row)
   */
  public static Result run(double[][] planes, int height, int width, double observe, RunSpec spec,
      List<? extends Observer> observers, boolean nuclear) {
    if (!(spec.problem() instanceof ProblemSpec.Ratings ratings)) {
      throw new IllegalArgumentException("inpainting runs a ratings problem (the observed pixels), not "
          + spec.model().id());
    }
    Check.positive(height, "image height");
    Check.positive(width, "image width");
    if (!(observe > 0 && observe < 1)) {
      throw new IllegalArgumentException("the observed fraction must be strictly between 0 and 1, got " + observe);
    }
    if (spec.stop().validation() == null) {
      throw new BadInputException("inpainting chooses its number of iterations and the nuclear-norm lambda on held-out "
          + "pixels, but the hold-out is 0; accepted: a hold-out between 0 and 1, e.g. --hold-out 0.1 (every observed "
          + "pixel is fitted anyway: the fit is refitted on all of them)");
    }
    for (int c = 0; c < planes.length; c++) {
      Check.shape(planes[c].length == height * width, "channel %d has %d pixels, expected %d x %d", c,
          planes[c].length, height, width);
    }
    boolean[] mask = mask(height, width, observe, spec.seed());
    int count = 0;
    for (boolean b : mask) {
      count += b ? 1 : 0;
    }
    if (count == mask.length) {
      return allObserved(planes, mask, nuclear);
    }
    if (count < 2) {
      throw new BadInputException(String.format(Locale.ROOT, "only %d of the %d pixels of the %d x %d image %s "
          + "observed at the observed fraction %s; accepted: a larger observed fraction (--observe) or a larger image "
          + "(the fit needs 2 observed pixels: one to fit, one to validate)", count, mask.length, width, height,
          count == 1 ? "is" : "are", observe));
    }
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
    double[][] convex = nuclear ? new double[planes.length][] : null;
    List<CompletionResult> results = new ArrayList<>();
    List<Refit> refits = new ArrayList<>();
    List<InpaintNuclear.Result> nuclearResults = new ArrayList<>();
    double se = 0.0;
    double seMean = 0.0;
    double seNuclear = 0.0;
    for (int c = 0; c < planes.length; c++) {
      double[] plane = planes[c];
      Baseline nuclearBaseline = null;
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
      Runner runner = new Runner(1);
      runner.workloads().register(name, data);
      Split split = split(runner.workloads().of(channel));
      boolean explained = explained(split, values, width, height,
          planes.length == 1 ? "" : " (channel " + (c + 1) + ")", ratings.centring());
      CompletionResult r = RankFreeCompletion.run(channel, data, observers);
      results.add(r);
      RunSpec all = channel.withStop(new StopSpec(Math.max(0, r.chosenIteration()), channel.stop().tolerance(),
          channel.stop().timeLimit(), null, StopSpec.EarlyStopping.off()));
      Workload allPixels = runner.workloads().of(all);
      Refit refit = r.failed() || r.chosenIteration() <= 0 ? null : refit(runner, all, allPixels, observers);
      refits.add(refit);
      boolean filled = !r.failed() && (refit == null || !refit.diverged());
      InpaintNuclear.Result z = null;
      if (nuclear && filled) {
        Split every = split(allPixels);
        if (explained) {
          Arrays.fill(split.values(), 0.0); // round-off of the baseline fit: the nuclear-norm answer is Z = 0
          Arrays.fill(every.values(), 0.0);
        }
        int w = RunSpec.ratingsWidth(channel.width(), height, width);
        InpaintNuclear.Config config = InpaintNuclear.Config.defaults(w, Seeds.derive(channel.seed(),
            Seeds.Stream.INIT), channel.threads());
        z = InpaintNuclear.fit(height, width, split.rows(), split.cols(), split.values(), split.vRows(), split.vCols(),
            split.vValues(), config);
        z = InpaintNuclear.refit(z, height, width, every.rows(), every.cols(), every.values(), split.rows().length,
            config);
        nuclearResults.add(z);
        nuclearBaseline = every.baseline();
      }
      double[] rec = new double[plane.length];
      double[] mf = new double[plane.length];
      double[] nz = nuclear ? new double[plane.length] : null;
      for (int p = 0; p < plane.length; p++) {
        int i = p / width;
        int j = p % width;
        if (mask[p]) {
          rec[p] = plane[p];
          mf[p] = plane[p];
          if (nz != null) {
            nz[p] = plane[p];
          }
          continue;
        }
        rec[p] = !filled ? mean : clip(refit != null ? refit.predict(i, j) : r.predict(i, j));
        mf[p] = mean;
        if (nz != null) {
          nz[p] = z == null ? mean : clip(nuclearBaseline.at(i, j) + z.predict(i, j));
        }
      }
      se += squaredError(rec, plane);
      seMean += squaredError(mf, plane);
      if (nz != null) {
        seNuclear += squaredError(nz, plane);
        convex[c] = nz;
      }
      out[c] = rec;
      meanFill[c] = mf;
    }
    long total = (long) planes.length * height * width;
    return new Result(out, meanFill, convex, mask, psnr(se / total), psnr(seMean / total),
        nuclear ? psnr(seNuclear / total) : Double.NaN, List.copyOf(results),
        java.util.Collections.unmodifiableList(refits), List.copyOf(nuclearResults));
  }

  /** Runs the refit spec (no hold-out, the chosen number of iterations) on its workload. */
  private static Refit refit(Runner runner, RunSpec all, Workload w, List<? extends Observer> observers) {
    long start = System.nanoTime();
    RunResult run = runner.run(all, w, observers);
    boolean diverged = run.diverged() || run.factors() == null;
    return new Refit(diverged ? null : run.factors().left(), diverged ? null : run.factors().right(), w.baseline(),
        run.solve().iterations(), diverged, run.stepSize(), (System.nanoTime() - start) * 1e-9);
  }

  /** Every pixel observed: nothing to fill, every reconstruction is the original. */
  private static Result allObserved(double[][] planes, boolean[] mask, boolean nuclear) {
    double[][] copy = new double[planes.length][];
    double se = 0.0;
    long total = 0;
    for (int c = 0; c < planes.length; c++) {
      copy[c] = planes[c].clone();
      se += squaredError(copy[c], planes[c]);
      total += planes[c].length;
    }
    double psnr = psnr(se / total);
    return new Result(copy, copy, nuclear ? copy : null, mask, psnr, psnr, nuclear ? psnr : Double.NaN, List.of(),
        List.of(), List.of());
  }

  /** The training and held-out pixels of a channel (centred, in pixel units) and its centring baseline. */
  private record Split(int[] rows, int[] cols, double[] values, int[] vRows, int[] vCols, double[] vValues,
      Baseline baseline) {}

  /**
   * The training pixels (centred, in pixel units), the held-out ones (empty when there are none)
   * and the centring baseline of a workload the {@link Runner} built (seed stream SPLIT, the
   * baseline fitted on the training pixels), as the low-rank fit sees them.
   */
  private static Split split(Workload w) {
    EntrySampling train = (EntrySampling) w.problem().operator();
    double unit = train.measure(1.0);
    double[] y = w.problem().y();
    int m = train.size();
    int[] r = new int[m];
    int[] c = new int[m];
    double[] v = new double[m];
    for (int e = 0; e < m; e++) {
      r[e] = train.row(e);
      c[e] = train.col(e);
      v[e] = y[e] / unit;
    }
    EntrySampling held = (EntrySampling) w.validationOperator();
    if (held == null) {
      return new Split(r, c, v, new int[0], new int[0], new double[0], w.baseline());
    }
    int mv = held.size();
    int[] vr = new int[mv];
    int[] vc = new int[mv];
    for (int e = 0; e < mv; e++) {
      vr[e] = held.row(e);
      vc[e] = held.col(e);
    }
    return new Split(r, c, v, vr, vc, w.validationY().clone(), w.baseline());
  }

  /**
   * True when the centring baseline fits the training pixels of a channel exactly (relative RMS
   * below {@link #EXPLAINED}); refuses a channel whose training pixels the centring baseline fits
   * exactly while the held-out
   * ones it does not: then the factor model sees all-zero data (step c / ||A*(y)|| undefined) and
   * the held-out pixels show that the baseline is not the answer. A channel whose held-out pixels
   * are fitted too (a constant image) is left to the pipeline, which answers with the baseline.
   */
  private static boolean explained(Split s, double[] values, int width, int height, String channel,
      Centring centring) {
    double raw = 0.0;
    for (double v : values) {
      raw += v * v;
    }
    double train = 0.0;
    for (double v : s.values) {
      train += v * v;
    }
    double held = 0.0;
    for (double v : s.vValues) {
      held += v * v;
    }
    double floor = EXPLAINED * EXPLAINED * raw;
    if (!(train > floor) && held > floor) {
      int n = s.values().length;
      throw new BadInputException(String.format(Locale.ROOT, "the %d x %d image%s has %d observed pixel%s for "
          + "training, and the centring baseline (%s) fits %s exactly, so the low-rank part has nothing to learn from "
          + "(too few observed pixels per row and column); accepted: an image with more rows and columns or a larger "
          + "--observe%s", width, height, channel, n, n == 1 ? "" : "s", centring.name().toLowerCase(Locale.ROOT),
          n == 1 ? "it" : "every one of them",
          n > 1 && centring != Centring.MEAN ? ", or --centring mean" : ""));
    }
    return !(train > floor);
  }

  private static double clip(double v) {
    return Math.max(0.0, Math.min(1.0, v));
  }

  /** Sum over pixels of (quantise(rec) - original)^2. */
  private static double squaredError(double[] rec, double[] original) {
    double s = 0.0;
    for (int p = 0; p < rec.length; p++) {
      double d = Images.quantise(rec[p]) - original[p];
      s += d * d;
    }
    return s;
  }

  /** "0", "1", ... as the ids of image rows or columns. */
  private static String[] ids(int count) {
    String[] out = new String[count];
    for (int i = 0; i < count; i++) {
      out[i] = Integer.toString(i);
    }
    return out;
  }

  /** PSNR in dB for peak value 1: 10 log10(1 / mse) (+infinity for mse = 0). */
  public static double psnr(double mse) {
    return 10.0 * Math.log10(1.0 / mse);
  }
}
