package io.lowrank.cli;

import io.lowrank.experiment.completion.Centring;
import io.lowrank.experiment.completion.CompletionResult;
import io.lowrank.experiment.completion.CompletionSpec;
import io.lowrank.experiment.completion.RankFreeCompletion;
import io.lowrank.experiment.io.BadInputException;
import io.lowrank.experiment.io.Json;
import io.lowrank.experiment.io.PairFiles;
import io.lowrank.experiment.io.TripletFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lowrank complete INPUT}: rank-free matrix completion of observed (row, column, value)
 * triples by gradient descent on a wide factor pair from a small start, with validation early
 * stopping (MATH.md §5). Thin: options become a {@link CompletionSpec}, the library runs it,
 * {@link CompleteOutputs} writes the files.
 */
@Command(name = "complete", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    sortOptions = false, usageHelpAutoWidth = true,
    description = {"Complete a partially observed matrix (e.g. ratings) from (row id, column id, value)",
        "triples (CSV/TSV with optional header, or MatrixMarket .mtx) without choosing a rank:",
        "GD on a wide factor pair from a small start, stopped early on held-out entries.",
        "Exit codes: 0 done, 2 bad input, 70 internal error."})
public final class CompleteCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "INPUT", description = "triples: CSV/TSV (row id, column id, value[, ...]) or MatrixMarket coordinate (.mtx).")
  Path input;

  @Option(names = "--out", paramLabel = "DIR", description = "write factors, summary.json and predictions into DIR (created if missing).")
  Path out;

  @Option(names = "--width", paramLabel = "R'", description = "factor width r'. Default: min(rows, columns, 100).")
  Integer width;

  @Option(names = "--alpha", paramLabel = "A", defaultValue = "1e-3", description = "initial scale: L_0 = A G_L / sqrt(r'), R_0 = A G_R / sqrt(r'). Default: ${DEFAULT-VALUE}.")
  double alpha;

  @Option(names = "--step-fraction", paramLabel = "C", defaultValue = "0.25", description = "c in the step size mu = c / ||A*(y)||. Default: ${DEFAULT-VALUE}.")
  double stepFraction;

  @Option(names = "--hold-out", paramLabel = "F", defaultValue = "0.1", description = "fraction of the entries held out for validation, 0 < F < 1. Default: ${DEFAULT-VALUE}.")
  double holdOut;

  @Option(names = "--patience", paramLabel = "T", defaultValue = "200", description = "stop after T iterations without validation progress. Default: ${DEFAULT-VALUE}.")
  int patience;

  @Option(names = "--iters", paramLabel = "T", defaultValue = "5000", description = "maximum number of iterations. Default: ${DEFAULT-VALUE}.")
  int iters;

  @Option(names = "--validate-every", paramLabel = "K", defaultValue = "5", description = "measure the validation error every K iterations. Default: ${DEFAULT-VALUE}.")
  int validateEvery;

  @Option(names = "--centring", paramLabel = "none|mean|biases", defaultValue = "biases", description = "baseline removed before fitting: none, the global mean, or mean + row and column biases. Default: ${DEFAULT-VALUE}.")
  Centring centring;

  @Option(names = "--bias-lambda", paramLabel = "L", defaultValue = "5", description = "regularisation of the row and column biases. Default: ${DEFAULT-VALUE}.")
  double biasLambda;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1", description = "master seed (hold-out split and initial factors use derived streams). Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--duplicates", paramLabel = "error|mean|last", defaultValue = "error", description = "a (row, column) pair given twice: refuse, average, or keep the last. Default: ${DEFAULT-VALUE}.")
  TripletFiles.Duplicates duplicates;

  @Option(names = "--predict", paramLabel = "PAIRS", description = "predict the (row id, column id) pairs of this CSV/TSV into DIR/predictions.csv (needs --out).")
  Path predict;

  @Option(names = "--cold-start", paramLabel = "error|skip", defaultValue = "error", description = "pairs in --predict with ids never seen: refuse (exit 2), or skip them and list them in DIR/cold_start.csv. Default: ${DEFAULT-VALUE}.")
  ColdStart coldStart;

  @Option(names = "--top-k", paramLabel = "K", defaultValue = "0", description = "write the K best unobserved columns of every row to DIR/top_k.csv (needs --out). Default: off.")
  int topK;

  @Option(names = "--json", description = "print the summary as JSON on stdout instead of the human summary.")
  boolean json;

  /** What to do with cold-start pairs. */
  enum ColdStart { ERROR, SKIP }

  @Override
  public Integer call() throws IOException {
    CompletionSpec completion = toSpec();
    if ((predict != null || topK > 0) && out == null) {
      throw new BadInputException((predict != null ? "--predict" : "--top-k")
          + " writes files but no --out was given; accepted: add --out DIR");
    }
    if (!Files.isRegularFile(input)) {
      throw new BadInputException(Files.isDirectory(input) ? "INPUT " + input + " is a directory; accepted: a CSV/TSV or .mtx file"
          : "INPUT " + input + " does not exist; accepted: a CSV/TSV or .mtx file of (row id, column id, value) triples");
    }
    CompleteOutputs.prepareDirectory(out);
    long start = System.nanoTime();
    TripletFiles.Data data = TripletFiles.read(input, duplicates);
    long parsed = System.nanoTime();
    int w = completion.widthFor(data.entries().rows(), data.entries().cols());
    OptionChecks.require(w <= Math.min(data.entries().rows(), data.entries().cols()), "--width", w,
        "1 <= --width <= min(rows, columns) = " + Math.min(data.entries().rows(), data.entries().cols()));
    List<PairFiles.Pair> pairs = null;
    if (predict != null) {
      pairs = PairFiles.read(predict, data);
      List<PairFiles.Pair> cold = pairs.stream().filter(PairFiles.Pair::coldStart).toList();
      if (!cold.isEmpty() && coldStart == ColdStart.ERROR) {
        throw new BadInputException(PairFiles.describeColdStart(predict, cold)
            + " (cold start: no data to predict from); remove them or pass --cold-start skip");
      }
    }
    PrintWriter stderr = spec.commandLine().getErr();
    ProgressObserver progress = ProgressObserver.forConsole("lowrank complete", completion.maxIterations(), stderr);
    CompletionResult result = RankFreeCompletion.run(data.entries(), completion, List.of(progress));
    CompleteSummary.Outputs written = null;
    long writeStart = System.nanoTime();
    if (out != null) {
      written = CompleteOutputs.write(out, data, result, pairs, topK);
    }
    long end = System.nanoTime();
    CompleteSummary summary = CompleteSummary.of(input, data, completion, result,
        duplicates.name().toLowerCase(java.util.Locale.ROOT), written, (parsed - start) * 1e-9,
        (end - writeStart) * 1e-9, (end - start) * 1e-9, Main.version());
    if (out != null) {
      Json.write(out.resolve(CompleteOutputs.SUMMARY), summary);
    }
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.print(json ? Json.toJson(summary) : summary.humanText());
    stdout.flush();
    if (written != null && written.coldStart() > 0) {
      stderr.println("lowrank complete: note: skipped " + written.coldStart()
          + " cold-start pair(s) of --predict (ids never seen); they are listed in " + out.resolve(CompleteOutputs.COLD_START));
      stderr.flush();
    }
    return Main.EXIT_OK;
  }

  CompletionSpec toSpec() {
    if (width != null) {
      OptionChecks.intRange(width, 1, Integer.MAX_VALUE - 8, "--width", "an integer >= 1 (default min(rows, columns, 100))");
    }
    OptionChecks.positive(alpha, "--alpha", "1e-3");
    OptionChecks.positive(stepFraction, "--step-fraction", "0.25");
    OptionChecks.require(holdOut > 0 && holdOut < 1, "--hold-out", holdOut, "0 < --hold-out < 1, e.g. 0.1");
    OptionChecks.intRange(patience, 1, Integer.MAX_VALUE - 1, "--patience", "an integer >= 1");
    OptionChecks.intRange(iters, 0, Integer.MAX_VALUE - 1, "--iters", "an integer >= 0");
    OptionChecks.intRange(validateEvery, 1, Integer.MAX_VALUE, "--validate-every", "an integer >= 1");
    OptionChecks.nonNegative(biasLambda, "--bias-lambda", "5");
    OptionChecks.intRange(topK, 0, Integer.MAX_VALUE, "--top-k", "an integer >= 0 (0 = off)");
    return new CompletionSpec(width == null ? 0 : width, alpha, stepFraction, holdOut, patience, iters, validateEvery,
        centring, biasLambda, seed);
  }
}
