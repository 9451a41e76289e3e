package io.lowrank.cli;

import io.lowrank.experiment.completion.CompletionResult;
import io.lowrank.experiment.completion.RankFreeCompletion;
import io.lowrank.experiment.formats.BadInputException;
import io.lowrank.experiment.formats.PairFiles;
import io.lowrank.experiment.formats.TripletFiles;
import io.lowrank.experiment.output.Json;
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
    description = {"Complete a partially observed matrix (e.g. ratings) from (row id, column id, value)",
        "triples (CSV/TSV with optional header, or MatrixMarket .mtx) without choosing a rank:",
        "GD on a wide factor pair from a small start, stopped early on held-out entries.",
        "Exit status: 0 done, 1 the fit diverged, 2 bad input, 70 internal error."})
public final class CompleteCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "INPUT", description = "triples: CSV/TSV (row id, column id, value[, ...]) or MatrixMarket coordinate (.mtx).")
  Path input;

  @Mixin
  RunOptions run = new RunOptions();

  @Mixin
  CompletionOptions fit = new CompletionOptions();

  @Option(names = "--out", paramLabel = "DIR", description = "write factors, summary.json and predictions into DIR (created if missing).")
  Path out;

  @Option(names = "--validate-every", paramLabel = "K", description = "measure the validation error every K iterations. Default: 5.")
  Integer validateEvery;

  @Option(names = "--bias-lambda", paramLabel = "L", description = "regularisation of the row and column biases. Default: 5.")
  Double biasLambda;

  @Option(names = "--duplicates", paramLabel = "error|mean|last", description = "a (row, column) pair given twice: refuse, average, or keep the last. Default: error.")
  TripletFiles.Duplicates duplicates;

  @Option(names = "--predict", paramLabel = "PAIRS", description = "predict the (row id, column id) pairs of this CSV/TSV into DIR/predictions.csv (needs --out).")
  Path predict;

  @Option(names = "--cold-start", paramLabel = "error|skip", defaultValue = "error", description = "pairs in --predict with ids never seen: refuse (exit 2), or skip them and list them in DIR/cold_start.csv. Default: ${DEFAULT-VALUE}.")
  ColdStart coldStart;

  @Option(names = "--top-k", paramLabel = "K", defaultValue = "0", description = "write the K best unobserved columns of every row to DIR/top_k.csv (needs --out). Default: off.")
  int topK;

  /** What to do with cold-start pairs. */
  enum ColdStart { ERROR, SKIP }

  @Override
  public Integer call() throws IOException {
    RunSpec completion = toSpec();
    if (run.printSpec) {
      return SingleRun.printSpec(completion, spec.commandLine().getOut());
    }
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
    TripletFiles.Duplicates policy = ((ProblemSpec.Ratings) completion.problem()).duplicates();
    TripletFiles.Data data = TripletFiles.read(input, policy);
    long parsed = System.nanoTime();
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
    ProgressObserver progress = ProgressObserver.forConsole("lowrank complete", completion.stop().iterations(), stderr);
    CompletionResult result = RankFreeCompletion.run(completion, data, List.of(progress));
    if (result.failed()) {
      stderr.println(String.format(java.util.Locale.ROOT, "lowrank complete: diverged at iteration %d (step size mu = "
          + "%s): %s; reduce --step-fraction", result.solve().iterations(), OptionChecks.compact(result.stepSize()),
          result.solve().termination() == io.lowrank.solver.Termination.DIVERGED ? "the loss became non-finite or "
              + "exceeded 1e8 x its initial value" : "no validation error was finite"));
      stderr.flush();
      return Main.EXIT_DIVERGED;
    }
    CompleteSummary.Outputs written = null;
    long writeStart = System.nanoTime();
    if (out != null) {
      written = CompleteOutputs.write(out, data, result, pairs, topK);
    }
    long end = System.nanoTime();
    CompleteSummary summary = CompleteSummary.of(input, data, completion, result,
        policy.name().toLowerCase(java.util.Locale.ROOT), written, (parsed - start) * 1e-9,
        (end - writeStart) * 1e-9, (end - start) * 1e-9, Main.version());
    if (out != null) {
      Json.write(out.resolve(CompleteOutputs.SUMMARY), summary);
    }
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.print(run.json ? Json.toJson(summary) : summary.humanText());
    stdout.flush();
    if (written != null && written.coldStart() != null && written.coldStart() > 0) {
      stderr.println("lowrank complete: note: skipped " + written.coldStart()
          + " cold-start pair(s) of --predict (ids never seen); they are listed in " + out.resolve(CompleteOutputs.COLD_START));
      stderr.flush();
    }
    return Main.EXIT_OK;
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
    source.option("stop.early_stopping.every", validateEvery, "--validate-every");
    OptionChecks.intRange(topK, 0, Integer.MAX_VALUE, "--top-k", "an integer >= 0 (0 = off)");
    run.applyTo(source);
    source.option("threads", run.threads, "--threads");
    run.applySets(source);
    return SenseCommand.defaultThreads(source.bind(), run.threads == null && !source.has("threads"));
  }
}
