package io.lowrank.cli;

import static io.lowrank.cli.OptionChecks.conflict;

import io.lowrank.experiment.io.BadInputException;
import io.lowrank.experiment.io.HistoryCsv;
import io.lowrank.experiment.io.Json;
import io.lowrank.model.Spacing;
import io.lowrank.operator.Precision;
import io.lowrank.solver.StopRules;
import io.lowrank.solver.Termination;
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
import picocli.CommandLine.Spec;

/**
 * {@code lowrank sense}: symmetric Gaussian matrix sensing (MATH.md §1.1) solved by gradient descent
 * from a small random initialisation (§2). Thin: options become a {@link SenseSpec}, the
 * {@link SenseRun} pipeline runs it, and the outcome is printed and written.
 */
@Command(name = "sense", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    sortOptions = false, usageHelpAutoWidth = true,
    description = {"Recover a planted PSD low-rank matrix M* = X X^T from m Gaussian measurements",
        "by gradient descent on U (U U^T ~ M*) started at a small random U_0.",
        "Exit codes: 0 done, 1 diverged, 2 bad input, 70 internal error."})
public final class SenseCommand implements Callable<Integer> {
  static final String HISTORY_FILE = "history.csv";
  static final String SUMMARY_FILE = "summary.json";

  @Spec
  CommandSpec spec;

  @Option(names = "--n", paramLabel = "N", defaultValue = "40", description = "dimension n of M* (n x n). Default: ${DEFAULT-VALUE}.")
  int n;

  @Option(names = "--r", paramLabel = "R", defaultValue = "2", description = "rank r of M*. Default: ${DEFAULT-VALUE}.")
  int r;

  @Option(names = "--width", paramLabel = "R'", description = "width r' of the factor U (n x r'), 1..n. Default: n.")
  Integer width;

  @Option(names = "--m", paramLabel = "M", description = "number of measurements m. Default: 20 n r.")
  Integer m;

  @Option(names = "--kappa", paramLabel = "K", defaultValue = "2", description = "condition number of M*, >= 1. Default: ${DEFAULT-VALUE}.")
  double kappa;

  @Option(names = "--noise", paramLabel = "SIGMA", defaultValue = "0", description = "noise standard deviation sigma, y = A(M*) + e. Default: ${DEFAULT-VALUE}.")
  double noise;

  @Option(names = "--alpha", paramLabel = "A", defaultValue = "1e-6", description = "initialisation scale: U_0 = alpha G / sqrt(r'). Default: ${DEFAULT-VALUE}.")
  double alpha;

  @Option(names = "--step", paramLabel = "MU", description = "absolute step size mu. Default: --step-fraction / lambda_1(A*(y)).")
  Double step;

  @Option(names = "--step-fraction", paramLabel = "C", defaultValue = "0.25", description = "c in mu = c / lambda_1(A*(y)). Default: ${DEFAULT-VALUE}.")
  double stepFraction;

  @Option(names = "--iters", paramLabel = "T", defaultValue = "2000", description = "maximum number of iterations. Default: ${DEFAULT-VALUE}.")
  int iters;

  @Option(names = "--tol", paramLabel = "TOL", defaultValue = "1e-10", description = "stop when ||A(UU^T) - y|| / ||y|| <= TOL; 0 disables. Default: ${DEFAULT-VALUE}.")
  double tol;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1", description = "master seed (truth, operator, noise and U_0 use derived streams). Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--record-every", paramLabel = "K", defaultValue = "1", description = "record the history every K iterations. Default: ${DEFAULT-VALUE}.")
  int recordEvery;

  @Option(names = "--time-limit", paramLabel = "SECONDS", description = "stop after this much solve time. Default: none.")
  Double timeLimit;

  @Option(names = "--spacing", paramLabel = "geometric|linear", defaultValue = "geometric", description = "spacing of the singular values of X. Default: ${DEFAULT-VALUE}.")
  Spacing spacing;

  @Option(names = "--precision", paramLabel = "float64|float32", defaultValue = "float64",
      description = "storage of the measurement matrices; arithmetic is double either way, float32 halves memory and "
          + "time per iteration. Default: ${DEFAULT-VALUE}.")
  String precision;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
      description = "threads for the passes over the measurements; results are identical for every N. Default: ${DEFAULT-VALUE}.")
  int threads;

  @Option(names = "--out", paramLabel = "DIR", description = "write DIR/history.csv and DIR/summary.json.")
  Path out;

  @Option(names = "--json", description = "print the summary as JSON on stdout instead of the human summary.")
  boolean json;

  @Option(names = "--save-instance", paramLabel = "DIR", description = "save X.npy, A.npy, y.npy, U0.npy in DIR.")
  Path saveInstance;

  @Option(names = "--load-instance", paramLabel = "DIR", description = "run on the instance saved in DIR (n, r, m, r' come from the files).")
  Path loadInstance;

  @Override
  public Integer call() throws IOException {
    SenseSpec senseSpec = toSpec();
    prepareDirectory(senseSpec.out(), "--out");
    prepareDirectory(senseSpec.saveInstance(), "--save-instance");
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    ProgressObserver progress = ProgressObserver.forConsole("lowrank sense", senseSpec.iters(), stderr);
    SenseRun.Outcome outcome = SenseRun.execute(senseSpec, List.of(progress));
    SenseSummary summary = SenseSummary.of(senseSpec, outcome, Main.version());
    if (senseSpec.out() != null) {
      HistoryCsv.write(senseSpec.out().resolve(HISTORY_FILE), outcome.history());
      Json.write(senseSpec.out().resolve(SUMMARY_FILE), summary);
    }
    stdout.print(senseSpec.json() ? Json.toJson(summary) : summary.humanText());
    stdout.flush();
    if (outcome.result().termination() == Termination.DIVERGED) {
      stderr.println(String.format(Locale.ROOT,
          "lowrank sense: diverged at iteration %d (step size mu = %s): the loss exceeded %s x its initial value "
              + "or became non-finite; reduce %s",
          outcome.result().iterations(), OptionChecks.compact(outcome.stepSize()),
          OptionChecks.compact(StopRules.DEFAULT_DIVERGENCE_FACTOR),
          senseSpec.step() != null ? "--step (or omit it to use 0.25 / lambda_1(A*(y)))" : "--step-fraction"));
      stderr.flush();
      return Main.EXIT_DIVERGED;
    }
    return Main.EXIT_OK;
  }

  /** Options to a validated spec; the option names in messages are the ones the user typed. */
  SenseSpec toSpec() {
    conflict(matched("--step") && matched("--step-fraction"), "--step",
        "and --step-fraction were both given; accepted: one of them (--step is absolute, --step-fraction is c in c / lambda_1)");
    SenseSpec.Source source;
    OptionChecks.intRange(threads, 1, SenseSpec.MAX_THREADS, "--threads", "1 <= --threads <= " + SenseSpec.MAX_THREADS);
    Precision storage = SenseSpec.precision(precision);
    if (loadInstance != null) {
      conflict(matched("--precision"), "--precision", "has no effect with --load-instance (loaded measurements are "
          + "stored as float64); drop --precision");
      for (String option : List.of("--kappa", "--noise", "--alpha", "--spacing")) {
        conflict(matched(option), option, "has no effect with --load-instance (the files fix M*, y and U_0); drop "
            + option);
      }
      source = new SenseSpec.Load(loadInstance, matched("--n") ? n : null, matched("--r") ? r : null, m, width);
    } else {
      OptionChecks.intRange(n, 1, SenseSpec.MAX_N, "--n", "1 <= --n <= " + SenseSpec.MAX_N);
      OptionChecks.intRange(r, 1, n, "--r", "1 <= --r <= n = " + n);
      long defaultM = 20L * n * r;
      if (m == null && defaultM > Integer.MAX_VALUE - 8) {
        throw new BadInputException("the default --m = 20 n r = " + defaultM + " is too large; give --m explicitly");
      }
      source = new SenseSpec.Generate(n, r, width != null ? width : n, m != null ? m : (int) defaultM, kappa,
          noise, alpha, spacing, storage);
    }
    return new SenseSpec(source, step, stepFraction, iters, tol, seed, recordEvery, timeLimit, out, saveInstance,
        json, threads);
  }

  private boolean matched(String option) {
    return spec.commandLine().getParseResult().hasMatchedOption(option);
  }

  private static void prepareDirectory(Path dir, String option) throws IOException {
    if (dir == null) {
      return;
    }
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new BadInputException(option + " " + dir + " is a file; accepted: a directory (created if missing)");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      String why = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
          : e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
          : "the file system refused";
      throw new BadInputException(option + " " + dir + " cannot be created (" + why
          + "); accepted: a writable directory", e);
    }
  }
}
