package io.lowrank.cli;

import static io.lowrank.cli.OptionChecks.intRange;
import static io.lowrank.cli.OptionChecks.nonNegative;
import static io.lowrank.cli.OptionChecks.positive;
import static io.lowrank.cli.OptionChecks.require;

import io.lowrank.experiment.compare.CompareFiles;
import io.lowrank.experiment.compare.CompareMethod;
import io.lowrank.experiment.compare.CompareSpec;
import io.lowrank.experiment.compare.Comparison;
import io.lowrank.experiment.io.BadInputException;
import io.lowrank.model.Spacing;
import io.lowrank.report.CompareReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lowrank compare}: the solver family side by side on one sensing problem (GD from a small
 * start, spectral + GD, ScaledGD, ScaledGD(lambda), PrecGD, the nuclear-norm baseline, deep
 * factorisation), for lists of condition numbers, widths and noise levels. Thin: options become a
 * {@link CompareSpec}, {@link Comparison} runs it, {@link CompareFiles} and {@link CompareReport}
 * write the outputs, {@link CompareTable} prints the table.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    sortOptions = false, usageHelpAutoWidth = true,
    description = {"Run the solvers side by side on one planted sensing problem (same measurements for all) and "
        + "report, per condition number, width and noise level, the iterations and solve time each needs to reach "
        + "relative test error --eps, its final error and why it stopped; writes report.html, summary.json and "
        + "runs/<id>/history.csv.",
        "Exit codes: 0 done, 1 some run diverged, 2 bad input, 70 internal error."})
public final class CompareCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--n", paramLabel = "N", defaultValue = "40", description = "dimension n of M* (n x n). Default: ${DEFAULT-VALUE}.")
  int n;

  @Option(names = "--r", paramLabel = "R", defaultValue = "2", description = "rank r of M*. Default: ${DEFAULT-VALUE}.")
  int r;

  @Option(names = "--m", paramLabel = "M", description = "number of measurements m. Default: 20 n r.")
  Integer m;

  @Option(names = "--kappa", paramLabel = "K", split = ",", defaultValue = "1,10,100",
      description = "condition numbers of M* (each >= 1). Default: ${DEFAULT-VALUE}.")
  List<Double> kappas;

  @Option(names = "--noise", paramLabel = "SIGMA", split = ",", defaultValue = "0",
      description = "noise standard deviations sigma, y = A(M*) + e. Default: ${DEFAULT-VALUE}.")
  List<Double> noises;

  @Option(names = "--widths", paramLabel = "W", split = ",", defaultValue = "r,2r",
      description = "factor widths r': integers, 'r', '<k>r' (e.g. 2r) or 'n'. Default: ${DEFAULT-VALUE}.")
  List<String> widths;

  @Option(names = "--methods", paramLabel = "M", split = ",",
      description = "methods to run, in table order; accepted: gd, spectral-gd, scaledgd, scaledgd-lambda, precgd, nuclear, deep. Default: all.")
  List<String> methods;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1", description = "master seed (truth, operator, noise and starts use derived streams). Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--alpha", paramLabel = "A", defaultValue = "1e-6", description = "small initial scale U_0 = A G / sqrt(r') (GD, ScaledGD(lambda), PrecGD). Default: ${DEFAULT-VALUE}.")
  double alpha;

  @Option(names = "--deep-alpha", paramLabel = "A", defaultValue = "0.1", description = "initial scale of the deep factorisation. Default: ${DEFAULT-VALUE}.")
  double deepAlpha;

  @Option(names = "--depth", paramLabel = "L", defaultValue = "3", description = "depth L of the deep factorisation U = W_L ... W_1. Default: ${DEFAULT-VALUE}.")
  int depth;

  @Option(names = "--iters", paramLabel = "T", defaultValue = "3000", description = "iteration budget per run. Default: ${DEFAULT-VALUE}.")
  int iters;

  @Option(names = "--eps", paramLabel = "EPS", defaultValue = "1e-6", description = "report the iterations and time to relative test error EPS. Default: ${DEFAULT-VALUE}.")
  double eps;

  @Option(names = "--tol", paramLabel = "TOL", defaultValue = "1e-12", description = "a run converges when ||A(UU^T) - y|| / ||y|| <= TOL; 0 disables. Default: ${DEFAULT-VALUE}.")
  double tol;

  @Option(names = "--time-limit", paramLabel = "SECONDS", description = "solve-time limit per run. Default: none.")
  Double timeLimit;

  @Option(names = "--record-every", paramLabel = "K", defaultValue = "1", description = "record every K iterations (hitting times are resolved to K). Default: ${DEFAULT-VALUE}.")
  int recordEvery;

  @Option(names = "--spacing", paramLabel = "geometric|linear", defaultValue = "geometric", description = "spacing of the singular values of X. Default: ${DEFAULT-VALUE}.")
  Spacing spacing;

  @Option(names = "--threads", paramLabel = "N", description = "worker threads (runs are single-threaded; default: the number of cores).")
  Integer threads;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "compare-out",
      description = "output directory (default: ${DEFAULT-VALUE}); created if missing, files in it are overwritten.")
  Path out;

  @Override
  public Integer call() throws IOException {
    CompareSpec compareSpec = toSpec();
    int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    intRange(nThreads, 1, 1024, "--threads", "1 <= --threads <= 1024");
    prepareDirectory();
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    Comparison.Outcome outcome;
    try (RunProgress progress = new RunProgress("compare", Comparison.countRuns(compareSpec), System.console() != null,
        stderr)) {
      outcome = Comparison.run(compareSpec, nThreads, (done, total, run) -> progress.completed(done, total, null));
    }
    String version = Main.version();
    CompareFiles.write(outcome, out, version);
    Files.writeString(out.resolve("report.html"), CompareReport.render(outcome, version), StandardCharsets.UTF_8);
    stdout.print(CompareTable.render(outcome));
    stdout.printf(Locale.ROOT, "%d runs in %.1f s on %d threads%n", outcome.runs().size(), outcome.wallSeconds(),
        outcome.threads());
    stdout.printf(Locale.ROOT, "report: %s   numbers: %s   traces: %s%n", out.resolve("report.html"),
        out.resolve("summary.json"), out.resolve("runs"));
    stdout.flush();
    if (outcome.anyDiverged()) {
      stderr.println("lowrank compare: some runs diverged (marked DIVERGED in the table); their step sizes are the "
          + "methods' defaults, see docs/solvers.md");
      stderr.flush();
      return Main.EXIT_DIVERGED;
    }
    return Main.EXIT_OK;
  }

  /** Options to a validated spec; messages name the options as typed. */
  CompareSpec toSpec() {
    intRange(n, 1, SenseSpec.MAX_N, "--n", "1 <= --n <= " + SenseSpec.MAX_N);
    intRange(r, 1, n, "--r", "1 <= --r <= n = " + n);
    long defaultM = 20L * n * r;
    if (m == null && defaultM > Integer.MAX_VALUE - 8) {
      throw new BadInputException("the default --m = 20 n r = " + defaultM + " is too large; give --m explicitly");
    }
    int measurements = m != null ? m : (int) defaultM;
    intRange(measurements, 1, Integer.MAX_VALUE - 8, "--m", "an integer >= 1 (default 20 n r)");
    double[] k = kappas.stream().mapToDouble(Double::doubleValue).toArray();
    for (double v : k) {
      require(v >= 1 && v <= 1e12, "--kappa", v, "numbers with 1 <= kappa <= 1e12, e.g. 1,10,100");
    }
    double[] s = noises.stream().mapToDouble(Double::doubleValue).toArray();
    for (double v : s) {
      nonNegative(v, "--noise", "0,0.01");
    }
    int[] w = widths.stream().mapToInt(this::width).distinct().toArray();
    positive(alpha, "--alpha", "1e-6");
    positive(deepAlpha, "--deep-alpha", "0.1");
    intRange(depth, 1, 64, "--depth", "1 <= --depth <= 64");
    intRange(iters, 1, Integer.MAX_VALUE - 1, "--iters", "an integer >= 1");
    require(eps > 0 && eps < 1, "--eps", eps, "0 < --eps < 1, e.g. 1e-6");
    require(tol >= 0 && tol < 1, "--tol", tol, "0 <= --tol < 1 (0 disables the tolerance)");
    if (timeLimit != null) {
      require(timeLimit > 0 && timeLimit < 1e9, "--time-limit", timeLimit, "a number of seconds > 0");
    }
    intRange(recordEvery, 1, Integer.MAX_VALUE, "--record-every", "an integer >= 1");
    if (spacing == null) {
      throw new BadInputException("--spacing is missing; accepted: geometric or linear");
    }
    List<CompareMethod> ms = new ArrayList<>();
    if (methods == null || methods.isEmpty()) {
      ms.addAll(List.of(CompareMethod.values()));
    } else {
      for (String id : new LinkedHashSet<>(methods)) {
        try {
          ms.add(CompareMethod.parse(id));
        } catch (IllegalArgumentException e) {
          throw new BadInputException("--methods " + id + " is invalid; accepted: " + CompareMethod.ids());
        }
      }
    }
    return new CompareSpec(n, r, measurements, k, s, w, seed, alpha, deepAlpha, depth, iters, eps, tol, timeLimit,
        recordEvery, ms, spacing);
  }

  /** "3", "r", "2r", "n" to a width in 1..n. */
  private int width(String token) {
    String t = token.strip().toLowerCase(Locale.ROOT);
    int value;
    try {
      if (t.equals("n")) {
        value = n;
      } else if (t.endsWith("r")) {
        String factor = t.substring(0, t.length() - 1);
        value = Math.multiplyExact(factor.isEmpty() ? 1 : Integer.parseInt(factor), r);
      } else {
        value = Integer.parseInt(t);
      }
    } catch (NumberFormatException | ArithmeticException e) {
      throw new BadInputException("--widths " + token + " is invalid; accepted: integers, 'r', '<k>r' (e.g. 2r) or 'n'");
    }
    require(value >= 1 && value <= n, "--widths", token, "widths with 1 <= r' <= n = " + n + " (e.g. r,2r)");
    return value;
  }

  private void prepareDirectory() throws IOException {
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new BadInputException("--out " + out + " is a file; accepted: a directory (created if missing)");
    }
    Files.createDirectories(out);
  }
}
