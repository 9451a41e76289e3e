package io.lowrank.cli;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.lowrank.experiment.completion.CompletionResult;
import io.lowrank.experiment.completion.InpaintNuclear;
import io.lowrank.experiment.completion.Inpainting;
import io.lowrank.experiment.formats.AtomicFiles;
import io.lowrank.experiment.formats.BadInputException;
import io.lowrank.experiment.formats.Images;
import io.lowrank.experiment.output.Json;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.spec.SpecFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * rest by rank-free completion (docs/math.md §9), and by two baselines on the same pixels
 * (nuclear-norm regularised completion with lambda chosen on the same held-out pixels, and the mean
 * of the observed pixels); writes the reconstructions, the mask, a labelled side-by-side panel, the
 * PSNR of each method against the original (psnr.csv), the nuclear-norm path (nuclear_path.csv) and
 * summary.json (docs/inpaint.md).
 */
@Command(name = "inpaint", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    sortOptions = false, usageHelpAutoWidth = true,
    description = {"Reconstruct an image from a random subset of its pixels by rank-free matrix completion (GD on "
        + "a wide factor pair from a small start, validation early stopping) and report the PSNR, next to "
        + "nuclear-norm completion and mean fill on the same pixels. Colour images are converted to grey (BT.601 "
        + "luma) unless --per-channel is given.",
        "Exit status: 0 done, 1 the fit diverged, 2 bad input, 70 internal error."})
public final class InpaintCommand implements Callable<Integer> {
  static final String RECONSTRUCTED = "reconstructed.png";
  static final String NUCLEAR = "nuclear.png";
  static final String MASK = "mask.png";
  static final String OBSERVED = "observed.png";
  static final String MEAN_FILLED = "mean_filled.png";
  static final String PANEL = "panel.png";
  static final String PSNR_CSV = "psnr.csv";
  static final String NUCLEAR_PATH_CSV = "nuclear_path.csv";
  /** The methods, in the order of the panel, psnr.csv and summary.json's {@code exact}. */
  static final String LOWRANK = "lowrank";
  static final String NUCLEAR_NORM = "nuclear";
  static final String MEAN_FILL = "mean_fill";

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

  /**
   * summary.json. PSNRs are null when the reconstruction is exact (the 8-bit image equals the
   * original; the method is then listed in {@code exact}).
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Summary(String command, String lowrankVersion, String image, int width, int height, int channels,
      double observe, int observedPixels, int missingPixels, double psnrDb, double nuclearPsnrDb,
      double meanFillPsnrDb, List<String> exact, List<Channel> perChannel, List<Nuclear> nuclear, String out,
      List<String> files, double totalS) {}

  /**
   * One channel's low-rank fit: the early-stopped run on the training pixels (chosen iteration,
   * iterations run, termination, rank, validation RMSE) and its refit on every observed pixel
   * ({@code refit_iterations}, 0 when not refitted).
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Channel(int chosenIteration, int iterations, String termination, int numericalRank, double validationRmse,
      int factorWidth, double fitS, int refitIterations, double refitS) {}

  /**
   * The nuclear-norm baseline of one channel (docs/inpaint.md): {@code lambda} is that of the refit
   * on every observed pixel, {@code lambda_fraction} the chosen stage's lambda / lambda_max.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Nuclear(double lambda, double lambdaMax, double lambdaFraction, int chosenStage, int stages, int iterations,
      int refitIterations, int numericalRank, double validationRmse, double dualRatio, int factorWidth, double fitS) {}

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
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true"); // the panel's text is drawn without a display
    }
    long start = System.nanoTime();
    Images.Picture pic = Images.read(image);
    if (!perChannel) {
      pic = pic.toGrey();
    }
    OutputDirs.prepare(out, "--out");
    OutputDirs.requireSpace(out, 6L * 3 * pic.width() * pic.height() + 9L * pic.width() * pic.height()
        + OutputDirs.REPORT_BYTES, "--out"); // six PNGs (the panel is three times as wide) and summary, uncompressed
    PrintWriter stderr = spec.commandLine().getErr();
    ProgressObserver progress = ProgressObserver.forConsole("lowrank inpaint", completion.stop().iterations(), stderr);
    Inpainting.Result r = Inpainting.run(pic.planes(), pic.height(), pic.width(), observe, completion, List.of(progress));
    if (io.lowrank.solver.StopRequest.isRequested()) { // an interrupted fit or refit is no reconstruction
      stderr.println("lowrank inpaint: interrupted; no image was written (rerun the command to start again)");
      stderr.flush();
      return Main.EXIT_INTERRUPTED;
    }
    if (r.failed()) {
      String knob = "--step-fraction (now " + OptionChecks.compact(completion.method().stepFraction()) + ")";
      for (int c = 0; c < r.channels().size(); c++) {
        CompletionResult ch = r.channels().get(c);
        Inpainting.Refit f = r.refits().get(c);
        String where = r.channels().size() > 1 ? " in channel " + (c + 1) : "";
        if (ch.failed()) {
          return Divergence.report(stderr, "inpaint", ch.solve(), where, ch.stepSize(), knob);
        } else if (f != null && f.diverged()) {
          return Divergence.report(stderr, "inpaint", f.iterations(), 0.0, " of the refit" + where, f.stepSize(), knob);
        }
      }
      throw new IllegalStateException("a failed inpainting run with no failed channel");
    }
    int w = pic.width();
    int h = pic.height();
    Images.Picture reconstructed = new Images.Picture(w, h, r.reconstructed());
    Images.Picture nuclear = new Images.Picture(w, h, r.nuclearReconstructed());
    Images.Picture meanFilled = new Images.Picture(w, h, r.meanFilled());
    Images.writePng(out.resolve(RECONSTRUCTED), reconstructed);
    Images.writePng(out.resolve(NUCLEAR), nuclear);
    Images.writePng(out.resolve(MEAN_FILLED), meanFilled);
    double[] mask = new double[r.mask().length];
    double[][] observed = new double[pic.planes().length][mask.length];
    for (int p = 0; p < mask.length; p++) {
      mask[p] = r.mask()[p] ? 1.0 : 0.0;
      for (int c = 0; c < observed.length; c++) {
        observed[c][p] = r.mask()[p] ? pic.planes()[c][p] : 0.0;
      }
    }
    Images.writePng(out.resolve(MASK), new Images.Picture(w, h, new double[][] {mask}));
    Images.writePng(out.resolve(OBSERVED), new Images.Picture(w, h, observed));
    Images.writePng(out.resolve(PANEL), InpaintPanel.render(List.of(
        new InpaintPanel.Tile("original", "reference", Images.toImage(pic)),
        new InpaintPanel.Tile("observed", String.format(Locale.ROOT, "%.1f %% of pixels",
            100.0 * r.observed() / r.mask().length), InpaintPanel.observed(pic, r.mask())),
        new InpaintPanel.Tile("lowrank", psnrText(r.psnr()), Images.toImage(reconstructed)),
        new InpaintPanel.Tile("nuclear norm", psnrText(r.nuclearPsnr()), Images.toImage(nuclear)),
        new InpaintPanel.Tile("mean fill", psnrText(r.meanFillPsnr()), Images.toImage(meanFilled)))));
    writePsnr(out.resolve(PSNR_CSV), r);
    List<String> files = new ArrayList<>(List.of(RECONSTRUCTED, NUCLEAR, MASK, OBSERVED, MEAN_FILLED, PANEL, PSNR_CSV));
    if (!r.nuclear().isEmpty()) {
      writeNuclearPath(out.resolve(NUCLEAR_PATH_CSV), r.nuclear());
      files.add(NUCLEAR_PATH_CSV);
    }
    files.add(CompleteOutputs.SUMMARY);
    List<String> exact = new ArrayList<>();
    double[] psnrs = {r.psnr(), r.nuclearPsnr(), r.meanFillPsnr()};
    String[] methods = {LOWRANK, NUCLEAR_NORM, MEAN_FILL};
    for (int m = 0; m < methods.length; m++) {
      if (Inpainting.Result.exact(psnrs[m])) {
        exact.add(methods[m]);
      }
    }
    List<Channel> channels = new ArrayList<>();
    for (int c = 0; c < r.channels().size(); c++) {
      channels.add(channel(r.channels().get(c), r.refits().get(c)));
    }
    List<Nuclear> convex = r.nuclear().stream().map(InpaintCommand::nuclear).toList();
    Summary summary = new Summary("inpaint", Main.version(), image.toString(), w, h, pic.planes().length, observe,
        r.observed(), r.missing(), r.psnr(), r.nuclearPsnr(), r.meanFillPsnr(), exact, channels, convex,
        out.toString(), files, (System.nanoTime() - start) * 1e-9);
    Json.write(out.resolve(CompleteOutputs.SUMMARY), summary);
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.print(run.json ? Json.toJson(summary) : human(summary));
    stdout.flush();
    return Main.EXIT_OK;
  }

  /**
   * The options as the ratings spec of every channel. The command's defaults: centring by the mean
   * of the observed pixels (row and column offsets, each fitted to the ~w p pixels of its row or
   * column, put their estimation error on whole rows and columns as stripes: docs/inpaint.md,
   * "Stripes"), and bias regularisation 0 for {@code --centring biases} (image rows and columns are full).
   */
  RunSpec toSpec() {
    SpecFiles.Source source = SpecFiles.Source.empty("");
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("model", "ratings");
    problem.put("path", image.toString());
    source.option("problem", problem, "IMAGE", image.toString());
    source.preset("problem.centring", "mean");
    source.preset("problem.bias_lambda", 0.0);
    fit.applyTo(source);
    run.applyTo(source);
    source.option("threads", run.threads, "--threads");
    run.applySets(source);
    return SenseCommand.defaultThreads(source.bind(), run.threads == null && !source.has("threads"));
  }

  private static Channel channel(CompletionResult c, Inpainting.Refit f) {
    return new Channel(c.chosenIteration(), c.solve().iterations(), c.solve().termination().name(), c.numericalRank(),
        c.validationRmse(), c.width(), c.fitNanos() * 1e-9, f == null ? 0 : f.iterations(),
        f == null ? 0.0 : f.seconds());
  }

  private static Nuclear nuclear(InpaintNuclear.Result n) {
    double chosen = n.chosenStage() < 0 ? 0.0 : n.stages().get(n.chosenStage()).lambda();
    return new Nuclear(n.lambda(), n.lambdaMax(), n.lambdaMax() > 0 ? chosen / n.lambdaMax() : Double.NaN,
        n.chosenStage() + 1, n.stages().size(), n.iterations(), n.refitIterations(), n.rank(), n.validationRmse(),
        n.dualRatio(), n.left().cols(), n.nanos() * 1e-9);
  }

  /** "23.84 dB", or "exact" when the 8-bit reconstruction equals the original (never "Infinity"). */
  static String psnr(double db) {
    if (Inpainting.Result.exact(db)) {
      return "exact";
    }
    return Double.isFinite(db) ? String.format(Locale.ROOT, "%.2f dB", db) : "n/a";
  }

  private static String psnrText(double db) {
    return Inpainting.Result.exact(db) ? "exact" : "PSNR " + psnr(db);
  }

  /** psnr.csv: method,psnr_db,exact (psnr_db empty when exact). */
  private static void writePsnr(Path file, Inpainting.Result r) throws IOException {
    double[] psnrs = {r.psnr(), r.nuclearPsnr(), r.meanFillPsnr()};
    String[] methods = {LOWRANK, NUCLEAR_NORM, MEAN_FILL};
    AtomicFiles.write(file, os -> {
      Writer wr = new java.io.OutputStreamWriter(os, StandardCharsets.UTF_8);
      wr.write("method,psnr_db,exact\n");
      for (int m = 0; m < methods.length; m++) {
        boolean exact = Inpainting.Result.exact(psnrs[m]);
        wr.write(methods[m] + "," + (Double.isFinite(psnrs[m]) ? Double.toString(psnrs[m]) : "") + "," + exact + "\n");
      }
      wr.flush();
    });
  }

  /** nuclear_path.csv: channel,stage,lambda,lambda_fraction,iterations,validation_rmse,chosen. */
  private static void writeNuclearPath(Path file, List<InpaintNuclear.Result> fits) throws IOException {
    AtomicFiles.write(file, os -> {
      Writer wr = new java.io.OutputStreamWriter(os, StandardCharsets.UTF_8);
      wr.write("channel,stage,lambda,lambda_fraction,iterations,validation_rmse,chosen\n");
      for (int c = 0; c < fits.size(); c++) {
        InpaintNuclear.Result n = fits.get(c);
        for (int s = 0; s < n.stages().size(); s++) {
          InpaintNuclear.Stage st = n.stages().get(s);
          wr.write((c + 1) + "," + (s + 1) + "," + st.lambda() + "," + st.lambda() / n.lambdaMax() + ","
              + st.iterations() + "," + st.validationRmse() + "," + (s == n.chosenStage()) + "\n");
        }
      }
      wr.flush();
    });
  }

  private static String human(Summary s) {
    StringBuilder b = new StringBuilder();
    line(b, "image", String.format(Locale.ROOT, "%s: %d x %d, %s", s.image(), s.width(), s.height(),
        s.channels() == 1 ? "grey" : s.channels() + " channels"));
    line(b, "observed", String.format(Locale.ROOT, "%d of %d pixels (%s)", s.observedPixels(), s.width() * s.height(),
        OptionChecks.compact(s.observe())));
    String lead;
    if (s.missingPixels() == 0) {
      lead = "exact (no pixel missing: every pixel was observed)";
    } else if (Inpainting.Result.exact(s.psnrDb())) {
      lead = "exact (all missing pixels recovered)";
    } else {
      lead = psnr(s.psnrDb());
    }
    line(b, "PSNR", String.format(Locale.ROOT, "%s  (nuclear norm: %s, mean fill: %s)", lead, psnr(s.nuclearPsnrDb()),
        psnr(s.meanFillPsnrDb())));
    for (int c = 0; c < s.perChannel().size(); c++) {
      Channel ch = s.perChannel().get(c);
      line(b, s.perChannel().size() == 1 ? "fit" : "channel " + (c + 1), String.format(Locale.ROOT,
          "chosen iteration %d of %d, numerical rank %d, validation RMSE %.4f, width %d, %.1f s%s",
          ch.chosenIteration(), ch.iterations(), ch.numericalRank(), ch.validationRmse(), ch.factorWidth(), ch.fitS(),
          ch.refitIterations() == 0 ? "" : String.format(Locale.ROOT, "; refit on all observed pixels %.1f s",
              ch.refitS())));
    }
    for (int c = 0; c < s.nuclear().size(); c++) {
      Nuclear n = s.nuclear().get(c);
      String what = n.chosenStage() == 0
          ? String.format(Locale.ROOT, "Z = 0 (nothing left after centring), %.1f s", n.fitS())
          : String.format(Locale.ROOT, "lambda %.3g lambda_max (stage %d of %d), validation RMSE %.4f; refit on "
              + "all observed pixels: numerical rank %d, %d + %d updates, %.1f s", n.lambdaFraction(), n.chosenStage(),
              n.stages(), n.validationRmse(), n.numericalRank(), n.iterations() - n.refitIterations(),
              n.refitIterations(), n.fitS());
      line(b, s.nuclear().size() == 1 ? "nuclear" : "nuclear " + (c + 1), what);
    }
    line(b, "written", s.out() + ": " + String.join(", ", s.files()));
    return b.toString();
  }

  private static void line(StringBuilder b, String label, String value) {
    b.append(String.format(Locale.ROOT, "%-10s %s\n", label, value));
  }
}
