package io.lowrank.cli;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.lowrank.experiment.completion.CompletionResult;
import io.lowrank.experiment.completion.Inpainting;
import io.lowrank.experiment.formats.BadInputException;
import io.lowrank.experiment.formats.Images;
import io.lowrank.experiment.output.Json;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.spec.SpecFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lowrank inpaint IMAGE --observe 0.3}: keeps a random subset of the pixels and fills the
 * rest by rank-free completion (docs/math.md §9), writing the reconstruction, the mask and the PSNR
 * against the original and against filling with the mean of the observed pixels.
 */
@Command(name = "inpaint", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    sortOptions = false, usageHelpAutoWidth = true,
    description = {"Reconstruct an image from a random subset of its pixels by rank-free matrix",
        "completion (GD on a wide factor pair from a small start, validation early stopping)",
        "and report the PSNR. Colour images are converted to grey (BT.601 luma) unless",
        "--per-channel is given.",
        "Exit status: 0 done, 1 the fit diverged, 2 bad input, 70 internal error."})
public final class InpaintCommand implements Callable<Integer> {
  static final String RECONSTRUCTED = "reconstructed.png";
  static final String MASK = "mask.png";
  static final String OBSERVED = "observed.png";
  static final String MEAN_FILLED = "mean_filled.png";

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "IMAGE", description = "the image (PNG, JPEG, GIF or BMP).")
  Path image;

  @Mixin
  RunOptions run = new RunOptions();

  @Mixin
  CompletionOptions fit = new CompletionOptions();

  @Option(names = "--observe", paramLabel = "F", defaultValue = "0.3", description = "fraction of pixels observed, 0 < F < 1. Default: ${DEFAULT-VALUE}.")
  double observe;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "inpaint-out", description = "output directory (created if missing). Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(names = "--per-channel", description = "complete each colour channel separately and write a colour image (default: convert to grey).")
  boolean perChannel;

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
    RunSpec completion = toSpec();
    if (run.printSpec) {
      return SingleRun.printSpec(completion, spec.commandLine().getOut());
    }
    if (Files.isDirectory(image)) {
      throw new BadInputException("IMAGE " + image + " is a directory; accepted: a PNG, JPEG, GIF or BMP file");
    }
    long start = System.nanoTime();
    Images.Picture pic = Images.read(image);
    if (!perChannel) {
      pic = pic.toGrey();
    }
    CompleteOutputs.prepareDirectory(out);
    PrintWriter stderr = spec.commandLine().getErr();
    ProgressObserver progress = ProgressObserver.forConsole("lowrank inpaint", completion.stop().iterations(), stderr);
    Inpainting.Result r = Inpainting.run(pic.planes(), pic.height(), pic.width(), observe, completion, List.of(progress));
    if (r.failed()) {
      CompletionResult bad = r.channels().stream().filter(CompletionResult::failed).findFirst().orElseThrow();
      stderr.println(String.format(Locale.ROOT, "lowrank inpaint: diverged at iteration %d (step size mu = %s); "
          + "reduce --step-fraction", bad.solve().iterations(), OptionChecks.compact(bad.stepSize())));
      stderr.flush();
      return Main.EXIT_DIVERGED;
    }
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
    stdout.print(run.json ? Json.toJson(summary) : human(summary));
    stdout.flush();
    return Main.EXIT_OK;
  }

  /** The options as the ratings spec of every channel (bias regularisation 0: image rows and columns are full). */
  RunSpec toSpec() {
    SpecFiles.Source source = SpecFiles.Source.empty("");
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("model", "ratings");
    problem.put("path", image.toString());
    source.option("problem", problem, "IMAGE", image.toString());
    source.preset("problem.bias_lambda", 0.0);
    fit.applyTo(source);
    run.applyTo(source);
    source.option("threads", run.threads, "--threads");
    run.applySets(source);
    return SenseCommand.defaultThreads(source.bind(), run.threads == null && !source.has("threads"));
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
