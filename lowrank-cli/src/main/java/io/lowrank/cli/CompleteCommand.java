package io.lowrank.cli;

import io.lowrank.experiment.completion.ColdStart;
import io.lowrank.experiment.completion.Completer;
import io.lowrank.experiment.completion.CompletionModel;
import io.lowrank.experiment.completion.CompletionResult;
import io.lowrank.experiment.completion.Ratings;
import io.lowrank.experiment.formats.BadInputException;
import io.lowrank.experiment.formats.InputFiles;
import io.lowrank.experiment.formats.PairFiles;
import io.lowrank.experiment.formats.SortedIds;
import io.lowrank.experiment.formats.TripletFiles;
import io.lowrank.experiment.output.Json;
import io.lowrank.experiment.output.OutputSize;
import io.lowrank.experiment.run.Workloads;
import io.lowrank.experiment.spec.ProblemSpec;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.spec.SpecFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lowrank complete INPUT}: rank-free matrix completion of observed (row, column, value)
 * triples by gradient descent on a wide factor pair from a small start, with validation early
 * stopping (docs/math.md §9). Thin: options become a ratings {@link RunSpec}, the library runs it,
 * {@link CompleteOutputs} writes the files.
 */
@Command(name = "complete", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    sortOptions = false, usageHelpAutoWidth = true,
    description = {"Complete a partially observed matrix (e.g. ratings) from (row id, column id, value) triples "
        + "(CSV/TSV with optional header, or MatrixMarket .mtx) without choosing a rank: GD on a wide factor pair "
        + "from a small start, stopped early on held-out entries. With --save-model the fit is kept; --load-model "
        + "predicts and recommends from it without refitting.",
        "Exit status: 0 done, 1 the fit diverged, 2 bad input, 70 internal error."})
public final class CompleteCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "INPUT", description = "triples: CSV/TSV (row id, column id, value[, ...]) or MatrixMarket coordinate (.mtx). Not with --load-model.")
  Path input;

  @Mixin
  RunOptions run = new RunOptions();

  @Mixin
  CompletionOptions fit = new CompletionOptions();

  @Mixin
  EngineOptions engineOptions = new EngineOptions();

  @Mixin
  CheckpointOptions checkpoint = new CheckpointOptions();

  @Option(names = "--out", paramLabel = "DIR", description = "write factors, predictions, report.html (with figures/) and summary.json into DIR (created if missing).")
  Path out;

  @Option(names = "--validate-every", paramLabel = "K", description = "measure the validation error every K iterations. Default: 5.")
  Integer validateEvery;

  @Option(names = "--bias-lambda", paramLabel = "L", description = "regularisation of the row and column biases. Default: chosen on the held-out entries from 0.5, 1, 2, 5, 10, 20, 50.")
  Double biasLambda;

  @Option(names = "--duplicates", paramLabel = "error|mean|last", description = "a (row, column) pair given twice: refuse, average, or keep the last. Default: error.")
  TripletFiles.Duplicates duplicates;

  @Option(names = "--reader", paramLabel = "lowrank|spark", description = "how INPUT is read: lowrank's own parser in this process, or Spark's CSV/TSV and Parquet readers on the cluster (spark: needs --engine spark; INPUT may then be a .parquet file or a directory of CSV/TSV or Parquet part files; ids are numbered in sorted order; docs/spark.md). Default: lowrank.")
  String reader = "lowrank";

  @Option(names = "--ids", paramLabel = "appearance|sorted", description = "how row and column ids are numbered, which fixes each one's start: in order of first appearance, or sorted (integer ids by value), the order of --reader spark, which then gives the same fit bit for bit. Default: appearance (sorted with --reader spark).")
  String ids;

  @Option(names = "--dense", description = "INPUT is a dense matrix (one line per row, one field per column; empty, NaN or NA = missing), not triples; --out then also writes completed.csv.")
  boolean dense;

  @Option(names = "--refit", negatable = true, defaultValue = "true", fallbackValue = "true", description = "after early stopping chose iteration t*, retrain on all entries (none held out) for t* iterations; --no-refit keeps the early-stopped factors. Default: on.")
  boolean refit = Completer.DEFAULT_REFIT;

  @Option(names = "--save-model", paramLabel = "DIR", description = "save the fitted model (factors, biases, ids, history, spec; docs/math.md §9) into DIR.")
  Path saveModel;

  @Option(names = "--load-model", paramLabel = "DIR", description = "predict (--predict) or recommend (--top-k) from a model saved by --save-model, without fitting.")
  Path loadModel;

  @Option(names = "--warm-start", paramLabel = "DIR", description = "start the fit of INPUT from a saved model's factors (rows and columns matched by id).")
  Path warmStart;

  @Option(names = "--predict", paramLabel = "PAIRS", description = "predict the (row id, column id) pairs of this CSV/TSV into DIR/predictions.csv (needs --out).")
  Path predict;

  @Option(names = "--cold-start", paramLabel = "error|skip|bias-only", defaultValue = "error", converter = ColdStartConverter.class, description = "pairs in --predict with ids never seen: refuse (exit 2), skip them (listed in DIR/cold_start.csv), or predict from the known biases (also listed). Default: ${DEFAULT-VALUE}.")
  ColdStart coldStart;

  @Option(names = "--top-k", paramLabel = "K", defaultValue = "0", description = "write the K best unobserved columns of every row to DIR/top_k.csv (needs --out). Default: off.")
  int topK;

  /** Reads error, skip and bias-only (any case, - or _). */
  static final class ColdStartConverter implements picocli.CommandLine.ITypeConverter<ColdStart> {
    @Override
    public ColdStart convert(String value) {
      String v = value.strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
      for (ColdStart c : ColdStart.values()) {
        if (c.name().equals(v)) {
          return c;
        }
      }
      throw new picocli.CommandLine.TypeConversionException("'" + TripletFiles.shorten(value)
          + "' is not a cold-start policy; accepted: error, skip, bias-only");
    }
  }

  /**
   * Checks --reader and --ids against the engine and the layout before any work; true for Spark's
   * readers.
   */
  private boolean checkReader() {
    if (!List.of("lowrank", "spark").contains(reader)) {
      throw new BadInputException("--reader " + TripletFiles.shorten(reader) + " is not a reader; accepted: lowrank, spark");
    }
    if (ids != null && !List.of("appearance", "sorted").contains(ids)) {
      throw new BadInputException("--ids " + TripletFiles.shorten(ids) + " is not an id order; accepted: appearance, sorted");
    }
    if (!reader.equals("spark")) {
      return false;
    }
    if (!engineOptions.engine.equals("spark")) {
      throw new BadInputException("--reader spark reads on a Spark cluster; accepted: --engine spark --reader spark, "
          + "or no --reader");
    }
    if ("appearance".equals(ids)) {
      throw new BadInputException("--reader spark numbers ids in sorted order; accepted: --ids sorted or no --ids");
    }
    if (dense) {
      throw new BadInputException("--dense files are read by lowrank's own reader; accepted: --dense without --reader "
          + "spark");
    }
    return true;
  }

  /** INPUT for lowrank's own reader: a regular file, and not Parquet (which only Spark's reader reads). */
  private void requireLocalInput() {
    String name = input.getFileName() == null ? "" : input.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    if (name.endsWith(".parquet")) {
      throw new BadInputException(input + " is Parquet, which lowrank's own reader does not read; accepted: "
          + "--engine spark --reader spark, or a CSV/TSV or .mtx file");
    }
    if (Files.isDirectory(input)) {
      throw new BadInputException(input + " is a directory; accepted: a CSV/TSV or .mtx file, or --engine spark "
          + "--reader spark for a directory of CSV/TSV or Parquet part files");
    }
    InputFiles.requireRegular(input, "a CSV/TSV or .mtx file of (row id, column id, value) triples");
  }

  @Override
  public Integer call() throws IOException {
    if (loadModel != null) {
      return fromSavedModel();
    }
    if (input == null) {
      throw new BadInputException("INPUT is missing; accepted: a CSV/TSV or .mtx file of (row id, column id, value) "
          + "triples, or --load-model DIR to predict from a saved model");
    }
    engineOptions.check();
    checkpoint.check();
    RunSpec completion = toSpec();
    if (run.printSpec) {
      return SingleRun.printSpec(completion, spec.commandLine().getOut());
    }
    requireOut();
    boolean sparkReader = checkReader();
    if (sparkReader) {
      if (!Files.exists(input)) {
        throw new BadInputException(input + " does not exist; accepted: a CSV/TSV or Parquet file, or a directory of them");
      }
    } else {
      requireLocalInput();
    }
    OutputDirs.prepare(out, "--out");
    OutputDirs.prepare(saveModel, "--save-model");
    OutputDirs.prepare(checkpoint.dir, "--checkpoint");
    CompletionModel warm = warmStart == null ? null : CompletionModel.load(warmStart);
    long start = System.nanoTime();
    TripletFiles.Duplicates policy = ((ProblemSpec.Ratings) completion.problem()).duplicates();
    Integer givenWidth = warm != null ? Integer.valueOf(warm.width()) : completion.width();
    TripletFiles.SizeCheck sizeCheck = (rows, cols, entries, source) -> Workloads.requireRatingsMemory(rows, cols,
        givenWidth, entries, source);
    io.lowrank.experiment.engine.Engine engine = engineOptions.open(run.workers());
    Completer.Fit f;
    TripletFiles.Data data;
    long parsed;
    List<PairFiles.Pair> pairs;
    PrintWriter stderr = spec.commandLine().getErr();
    try {
      data = sparkReader ? engine.readRatings(input, policy, sizeCheck)
          : TripletFiles.read(input, policy, ((ProblemSpec.Ratings) completion.problem()).layout(), sizeCheck);
      if ("sorted".equals(ids) && !sparkReader) {
        data = SortedIds.of(data);
      }
      parsed = System.nanoTime();
      int n1 = data.rowIds().length;
      int n2 = data.colIds().length;
      int width = RunSpec.ratingsWidth(givenWidth, n1, n2);
      long factors = OutputSize.matrix((long) n1 + n2, width + 1, true) + OutputSize.matrix((long) n1 + n2, width + 1, false);
      OutputDirs.requireSpace(out, OutputSize.run(completion) + factors + OutputDirs.REPORT_BYTES
          + (predict == null ? 0 : 2 * Files.size(predict)), "--out");
      OutputDirs.requireSpace(saveModel, OutputSize.run(completion) + factors, "--save-model");
      pairs = predict == null ? null : pairs(PairFiles.read(predict, data));
      CompletionProgress progress = CompletionProgress.forConsole("lowrank complete", completion.stop().iterations(), stderr);
      checkpoint.noteResume("complete", stderr);
      Completer completer = Completer.of(completion).refit(refit).observedBy(List.of(progress))
          .checkpoints(checkpoint.toCheckpoints());
      if (warm != null) {
        completer = completer.warmStart(warm);
      }
      f = completer.engine(engine).fitDetailed(Ratings.of(data));
    } finally {
      engine.close();
    }
    CompletionResult result = f.first();
    if (f.model() == null) {
      boolean inRefit = !result.failed();
      var solve = inRefit ? f.refit().solve() : result.solve();
      return Divergence.report(stderr, "complete", solve, inRefit ? " of the refit" : "", result.stepSize(),
          "--step-fraction (now " + OptionChecks.compact(completion.method().stepFraction()) + ")");
    }
    CompletionModel model = f.model();
    budgetNote(result, completion, stderr);
    CompleteSummary.Outputs written = null;
    long writeStart = System.nanoTime();
    if (out != null) {
      written = CompleteOutputs.write(out, model, result, pairs, topK, coldStart, input.toString(), Main.version(),
          data.format().equals("dense") ? data : null);
    }
    if (saveModel != null) {
      model.save(saveModel);
    }
    long end = System.nanoTime();
    CompleteSummary summary = CompleteSummary.of(input, data, completion, result, model,
        policy.name().toLowerCase(java.util.Locale.ROOT), written, saveModel, (parsed - start) * 1e-9,
        (end - writeStart) * 1e-9, (end - start) * 1e-9, Main.version());
    if (out != null) {
      Json.write(out.resolve(CompleteOutputs.SUMMARY), summary);
    }
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.print(run.json ? Json.toJson(summary) : summary.humanText());
    stdout.flush();
    coldNote(written, stderr);
    if (result.solve().termination() == io.lowrank.solver.Termination.INTERRUPTED) {
      stderr.println("lowrank complete: interrupted at iteration " + result.solve().iterations() + "; the best iterate "
          + "so far is the model" + (out == null ? "" : " (" + out + ", termination INTERRUPTED in summary.json)")
          + ", without the refit" + checkpoint.resumeHint());
      stderr.flush();
      return Main.EXIT_INTERRUPTED;
    }
    if (f.refit() != null && f.refit().solve().termination() == io.lowrank.solver.Termination.INTERRUPTED) {
      stderr.println("lowrank complete: interrupted at iteration " + f.refit().solve().iterations() + " of the refit's "
          + f.refit().spec().stop().iterations() + "; the model holds the refit's factors so far" + checkpoint.resumeHint());
      stderr.flush();
      return Main.EXIT_INTERRUPTED;
    }
    return Main.EXIT_OK;
  }

  /** Predictions and recommendations from a saved model. */
  private Integer fromSavedModel() throws IOException {
    if (input != null) {
      throw new BadInputException("INPUT and --load-model were both given; accepted: INPUT to fit (with --warm-start "
          + "DIR to start from a saved model), or --load-model DIR alone to predict from a saved model");
    }
    boolean refitGiven = spec.commandLine().getParseResult().hasMatchedOption("--refit");
    for (var e : new java.util.TreeMap<>(java.util.Map.of("--[no-]refit", refitGiven, "--save-model", saveModel != null,
        "--warm-start", warmStart != null, "--print-spec", run.printSpec)).entrySet()) {
      if (e.getValue()) {
        throw new BadInputException(e.getKey() + " has no effect with --load-model, which does not fit; accepted: drop "
            + e.getKey());
      }
    }
    checkpoint.refuseWith("--load-model");
    if (predict == null && topK == 0) {
      throw new BadInputException("--load-model alone has nothing to do; accepted: add --predict PAIRS and/or "
          + "--top-k K, with --out DIR");
    }
    requireOut();
    CompletionModel model = CompletionModel.load(loadModel);
    OutputDirs.prepare(out, "--out");
    List<PairFiles.Pair> pairs = predict == null ? null : pairs(PairFiles.read(predict, model.rowIndexMap(),
        model.colIndexMap(), model.header(), model.integerIds()));
    CompleteSummary.Outputs written = CompleteOutputs.writePredictions(out, model, pairs, topK, coldStart);
    java.util.Map<String, Object> summary = new java.util.LinkedHashMap<>();
    summary.put("command", "complete");
    summary.put("lowrank_version", Main.version());
    summary.put("model", loadModel.toString());
    summary.put("rows", model.rowIds().length);
    summary.put("columns", model.colIds().length);
    summary.put("width", model.width());
    summary.put("numerical_rank", model.numericalRank());
    summary.put("outputs", written);
    Json.write(out.resolve(CompleteOutputs.SUMMARY), summary);
    PrintWriter stdout = spec.commandLine().getOut();
    if (run.json) {
      stdout.print(Json.toJson(summary));
    } else {
      stdout.printf(java.util.Locale.ROOT, "%-17s %s (%d rows x %d columns, width %d, numerical rank %d)%n", "model",
          loadModel, model.rowIds().length, model.colIds().length, model.width(), model.numericalRank());
      stdout.printf(java.util.Locale.ROOT, "%-17s %s: %s%n", "written", out, String.join(", ", written.files()));
    }
    stdout.flush();
    coldNote(written, spec.commandLine().getErr());
    return Main.EXIT_OK;
  }

  private void requireOut() {
    if ((predict != null || topK > 0) && out == null) {
      throw new BadInputException((predict != null ? "--predict" : "--top-k")
          + " writes files but no --out was given; accepted: add --out DIR");
    }
    OptionChecks.intRange(topK, 0, Integer.MAX_VALUE, "--top-k", "an integer >= 0 (0 = off)");
  }

  /** The pairs, refused under the error policy when some are cold. */
  private List<PairFiles.Pair> pairs(List<PairFiles.Pair> pairs) {
    List<PairFiles.Pair> cold = pairs.stream().filter(PairFiles.Pair::coldStart).toList();
    if (!cold.isEmpty() && coldStart == ColdStart.ERROR) {
      throw new BadInputException(PairFiles.describeColdStart(predict, cold)
          + " (cold start: no data to predict from); remove them or pass --cold-start skip or bias-only");
    }
    return pairs;
  }

  /** Says so when the fit used its whole budget while the validation error was still improving. */
  private static void budgetNote(CompletionResult r, RunSpec spec, PrintWriter err) {
    var es = r.run().earlyStop();
    int budget = spec.stop().iterations();
    int patience = spec.stop().validation().patience();
    if (es != null && !es.stopped() && r.solve().iterations() >= budget && budget - r.chosenIteration() < patience) {
      err.println(String.format(java.util.Locale.ROOT, "lowrank complete: note: the fit used its whole budget of %d "
          + "iterations while the validation error was still improving (best at %d); raise --iters to fit further",
          budget, r.chosenIteration()));
      err.flush();
    }
  }

  private void coldNote(CompleteSummary.Outputs written, PrintWriter stderr) {
    if (written != null && written.coldStart() != null && written.coldStart() > 0) {
      stderr.println("lowrank complete: note: " + (coldStart == ColdStart.SKIP ? "skipped " : "predicted from the biases ")
          + written.coldStart() + " cold-start pair(s) of --predict (ids never seen); they are listed in "
          + out.resolve(CompleteOutputs.COLD_START));
      stderr.flush();
    }
  }

  /** Options to a validated ratings spec; unset options keep the spec's defaults. */
  RunSpec toSpec() {
    SpecFiles.Source source = SpecFiles.Source.empty("");
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("model", "ratings");
    problem.put("path", input.toString());
    source.option("problem", problem, "INPUT", input.toString());
    source.option("problem.duplicates", duplicates == null ? null : duplicates.name().toLowerCase(java.util.Locale.ROOT),
        "--duplicates");
    fit.applyTo(source);
    source.option("problem.bias_lambda", biasLambda, "--bias-lambda");
    source.option("problem.layout", dense ? "dense" : null, "--dense");
    source.option("stop.early_stopping.every", validateEvery, "--validate-every");
    run.applyTo(source);
    source.option("threads", run.threads, "--threads");
    run.applySets(source);
    RunSpec bound = SenseCommand.defaultThreads(source.bind(), run.threads == null && !source.has("threads"));
    if (bound.stop().validation() == null) {
      throw new BadInputException("--hold-out 0 leaves no entries to choose the iterate on; accepted: 0 < --hold-out "
          + "< 1, e.g. 0.1 (--refit then fits every entry for the chosen number of iterations)");
    }
    return bound;
  }
}
