package io.lowrank.cli;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.lowrank.experiment.completion.Centring;
import io.lowrank.experiment.completion.CompletionResult;
import io.lowrank.experiment.completion.CompletionSpec;
import io.lowrank.experiment.completion.Inpainting;
import io.lowrank.experiment.io.BadInputException;
import io.lowrank.experiment.io.Images;
import io.lowrank.experiment.io.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lowrank inpaint IMAGE --observe 0.3}: keeps a random subset of the pixels and fills the
 * rest by rank-free completion (MATH.md §5), writing the reconstruction, the mask and the PSNR
 * against the original and against filling with the mean of the observed pixels.
 */
@Command(name = "inpaint", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    sortOptions = false, usageHelpAutoWidth = true,
    description = {"Reconstruct an image from a random subset of its pixels by rank-free matrix",
        "completion (GD on a wide factor pair from a small start, validation early stopping)",
        "and report the PSNR. Colour images are converted to grey (BT.601 luma) unless",
        "--per-channel is given.",
        "Exit codes: 0 done, 2 bad input, 70 internal error."})
public final class InpaintCommand implements Callable<Integer> {
  static final String RECONSTRUCTED = "reconstructed.png";
  static final String MASK = "mask.png";
  static final String OBSERVED = "observed.png";
  static final String MEAN_FILLED = "mean_filled.png";

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "IMAGE", description = "the image (PNG, JPEG, GIF or BMP).")
  Path image;

  @Option(names = "--observe", paramLabel = "F", defaultValue = "0.3", description = "fraction of pixels observed, 0 < F < 1. Default: ${DEFAULT-VALUE}.")
  double observe;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "inpaint-out", description = "output directory (created if missing). Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(names = "--per-channel", description = "complete each colour channel separately and write a colour image (default: convert to grey).")
  boolean perChannel;

  @Option(names = "--width", paramLabel = "R'", description = "factor width r'. Default: min(height, width, 100).")
  Integer width;

  @Option(names = "--alpha", paramLabel = "A", defaultValue = "1e-3", description = "initial scale of the factors. Default: ${DEFAULT-VALUE}.")
  double alpha;

  @Option(names = "--step-fraction", paramLabel = "C", defaultValue = "0.25", description = "c in mu = c / ||A*(y)||. Default: ${DEFAULT-VALUE}.")
  double stepFraction;

  @Option(names = "--hold-out", paramLabel = "F", defaultValue = "0.1", description = "fraction of the observed pixels held out for early stopping. Default: ${DEFAULT-VALUE}.")
  double holdOut;

  @Option(names = "--patience", paramLabel = "T", defaultValue = "200", description = "stop after T iterations without validation progress. Default: ${DEFAULT-VALUE}.")
  int patience;

  @Option(names = "--iters", paramLabel = "T", defaultValue = "5000", description = "maximum number of iterations per channel. Default: ${DEFAULT-VALUE}.")
  int iters;

  @Option(names = "--centring", paramLabel = "none|mean|biases", defaultValue = "biases", description = "baseline removed before fitting (row and column means of the image for biases). Default: ${DEFAULT-VALUE}.")
  Centring centring;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1", description = "master seed (mask, hold-out, initial factors). Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--json", description = "print the summary as JSON on stdout.")
  boolean json;

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Summary(String command, String lowrankVersion, String image, int width, int height, int channels,
      double observe, int observedPixels, double psnrDb, double meanFillPsnrDb, List<Channel> perChannel,
      String out, List<String> files, double totalS) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Channel(int chosenIteration, int iterations, String termination, int numericalRank, double validationRmse,
      int factorWidth, double fitS) {}

  @Override
  public Integer call() throws IOException {
    OptionChecks.require(observe > 0 && observe < 1, "--observe", observe, "0 < --observe < 1, e.g. 0.3");
    OptionChecks.require(holdOut > 0 && holdOut < 1, "--hold-out", holdOut, "0 < --hold-out < 1, e.g. 0.1");
    OptionChecks.positive(alpha, "--alpha", "1e-3");
    OptionChecks.positive(stepFraction, "--step-fraction", "0.25");
    OptionChecks.intRange(patience, 1, Integer.MAX_VALUE - 1, "--patience", "an integer >= 1");
    OptionChecks.intRange(iters, 0, Integer.MAX_VALUE - 1, "--iters", "an integer >= 0");
    if (width != null) {
      OptionChecks.intRange(width, 1, Integer.MAX_VALUE - 8, "--width", "an integer >= 1");
    }
    if (Files.isDirectory(image)) {
      throw new BadInputException("IMAGE " + image + " is a directory; accepted: a PNG, JPEG, GIF or BMP file");
    }
    long start = System.nanoTime();
    Images.Picture pic = Images.read(image);
    if (!perChannel) {
      pic = pic.toGrey();
    }
    if (width != null) {
      OptionChecks.require(width <= Math.min(pic.width(), pic.height()), "--width", width,
          "1 <= --width <= min(height, width) = " + Math.min(pic.width(), pic.height()));
    }
    CompleteOutputs.prepareDirectory(out);
    CompletionSpec completion = new CompletionSpec(width == null ? 0 : width, alpha, stepFraction, holdOut, patience,
        iters, 5, centring, 0.0, seed);
    PrintWriter stderr = spec.commandLine().getErr();
    ProgressObserver progress = ProgressObserver.forConsole("lowrank inpaint", iters, stderr);
    Inpainting.Result r = Inpainting.run(pic.planes(), pic.height(), pic.width(), observe, completion, List.of(progress));
    Images.writePng(out.resolve(RECONSTRUCTED), new Images.Picture(pic.width(), pic.height(), r.reconstructed()));
    Images.writePng(out.resolve(MEAN_FILLED), new Images.Picture(pic.width(), pic.height(), r.meanFilled()));
    double[] mask = new double[r.mask().length];
    double[][] observed = new double[pic.planes().length][mask.length];
    for (int p = 0; p < mask.length; p++) {
      mask[p] = r.mask()[p] ? 1.0 : 0.0;
      for (int c = 0; c < observed.length; c++) {
        observed[c][p] = r.mask()[p] ? pic.planes()[c][p] : 0.0;
      }
    }
    Images.writePng(out.resolve(MASK), new Images.Picture(pic.width(), pic.height(), new double[][] {mask}));
    Images.writePng(out.resolve(OBSERVED), new Images.Picture(pic.width(), pic.height(), observed));
    List<Channel> channels = r.channels().stream().map(InpaintCommand::channel).toList();
    List<String> files = List.of(RECONSTRUCTED, MASK, OBSERVED, MEAN_FILLED, CompleteOutputs.SUMMARY);
    Summary summary = new Summary("inpaint", Main.version(), image.toString(), pic.width(), pic.height(),
        pic.planes().length, observe, r.observed(), r.psnr(), r.meanFillPsnr(), channels, out.toString(), files,
        (System.nanoTime() - start) * 1e-9);
    Json.write(out.resolve(CompleteOutputs.SUMMARY), summary);
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.print(json ? Json.toJson(summary) : human(summary));
    stdout.flush();
    return Main.EXIT_OK;
  }

  private static Channel channel(CompletionResult c) {
    return new Channel(c.chosenIteration(), c.solve().iterations(), c.solve().termination().name(), c.numericalRank(),
        c.validationRmse(), c.width(), c.fitNanos() * 1e-9);
  }

  private static String human(Summary s) {
    StringBuilder b = new StringBuilder();
    line(b, "image", String.format(Locale.ROOT, "%s: %d x %d, %s", s.image(), s.width(), s.height(),
        s.channels() == 1 ? "grey" : s.channels() + " channels"));
    line(b, "observed", String.format(Locale.ROOT, "%d of %d pixels (%s)", s.observedPixels(), s.width() * s.height(),
        OptionChecks.compact(s.observe())));
    line(b, "PSNR", String.format(Locale.ROOT, "%.2f dB  (mean fill: %.2f dB)", s.psnrDb(), s.meanFillPsnrDb()));
    for (int c = 0; c < s.perChannel().size(); c++) {
      Channel ch = s.perChannel().get(c);
      line(b, s.perChannel().size() == 1 ? "fit" : "channel " + (c + 1), String.format(Locale.ROOT,
          "chosen iteration %d of %d, numerical rank %d, validation RMSE %.4f, width %d, %.1f s", ch.chosenIteration(),
          ch.iterations(), ch.numericalRank(), ch.validationRmse(), ch.factorWidth(), ch.fitS()));
    }
    line(b, "written", s.out() + ": " + String.join(", ", s.files()));
    return b.toString();
  }

  private static void line(StringBuilder b, String label, String value) {
    b.append(String.format(Locale.ROOT, "%-10s %s\n", label, value));
  }
}
