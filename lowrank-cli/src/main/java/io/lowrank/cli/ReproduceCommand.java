package io.lowrank.cli;

import io.lowrank.experiment.claims.Budget;
import io.lowrank.experiment.claims.Claim;
import io.lowrank.experiment.claims.ClaimResult;
import io.lowrank.experiment.claims.ClaimSuite;
import io.lowrank.experiment.claims.Reproduction;
import io.lowrank.experiment.claims.Setting;
import io.lowrank.experiment.claims.Verdict;
import io.lowrank.experiment.formats.AtomicFiles;
import io.lowrank.experiment.formats.BadInputException;
import io.lowrank.experiment.job.ReproductionJob;
import io.lowrank.experiment.output.Json;
import io.lowrank.experiment.output.OutputSize;
import io.lowrank.experiment.output.ReproductionFiles;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.spec.SpecFiles;
import io.lowrank.experiment.spec.SpecPaths;
import io.lowrank.report.FigureFiles;
import io.lowrank.report.HtmlReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lowrank reproduce}: runs the experiments behind the claims of docs/math.md §10, writes
 * report.html, summary.json and every run's history.csv, prints the claims table, and exits 0 when
 * every available claim passes, 1 otherwise.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
    description = {"Reproduce the claims of Stöger & Soltanolkotabi (2021) and of three neighbouring papers on "
        + "this machine: runs the experiments in parallel (deterministic per seed), writes report.html, summary.json and runs/<id>/history.csv, prints a "
        + "table of claims with PASS/FAIL.",
        "Exit status: 0 every available claim passes, 1 a claim failed, 2 bad input."})
final class ReproduceCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--quick", description = "shorter horizons and 3 seeds (about a minute on 2 cores).")
  boolean quick;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "reproduce-out",
      description = "output directory (default: ${DEFAULT-VALUE}); rerun the same command with the same DIR to resume "
          + "after a kill.")
  Path out;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "the configuration the claims run at: problem keys "
      + "n, r, kappa, problem.spacing, problem.noise (problem.model: goe, or structured for its transform-based GOE-type operator), "
      + "and precision (float64, float32, bf16 or int8 storage of the generated operators); repeatable. Default: GOE, n = 40, "
      + "r = 2, kappa = 2, geometric, float64.")
  List<String> sets = new java.util.ArrayList<>();

  @Option(names = "--claims", paramLabel = "K[,K...]", split = ",", description = "check only these claims (numbers "
      + "1 to 12). Default: all.")
  List<Integer> only;

  @Option(names = "--force", description = "clear DIR when it holds another reproduction (never a directory lowrank "
      + "did not write).")
  boolean force;

  @Option(names = "--seeds", paramLabel = "N", description = "instances per configuration (default 5, or 3 with --quick).")
  Integer seeds;

  @Option(names = "--threads", paramLabel = "N", description = "worker threads; results do not depend on N. Default: the "
      + "number of cores.")
  Integer threads;

  @Option(names = "--json", description = "print the summary (every claim's numbers and verdict) as JSON on stdout "
      + "instead of the table.")
  boolean json;

  @Option(names = "--print-spec", description = "print the resolved spec of every run as YAML documents and exit.")
  boolean printSpec;

  @Option(names = "--figures-only", description = "run nothing: regenerate report.html, figures/ and summary.json "
      + "from the runs stored in DIR (give the --out, --quick, --seeds, --set and --claims of the run that wrote it).")
  boolean figuresOnly;

  /** The claims to check for a budget and setting (replaceable in tests). */
  java.util.function.BiFunction<Budget, Setting, List<Claim>> claimsFor = ClaimSuite::at;

  /** The problem keys a setting may change; each claim chooses m, the start, method, width and stop rules. */
  static final java.util.Set<String> SETTING_KEYS = java.util.Set.of("problem.model", "problem.n", "problem.r",
      "problem.kappa", "problem.spacing", "problem.noise", "precision");

  private static String leafOf(String key) {
    return key.startsWith("problem.") ? key.substring("problem.".length()) : key;
  }

  @Override
  public Integer call() throws IOException {
    int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    OptionChecks.intRange(nThreads, 1, RunSpec.MAX_THREADS, "--threads", "1 <= --threads <= " + RunSpec.MAX_THREADS);
    Budget defaults = quick ? Budget.quickRun() : Budget.full();
    if (seeds != null) {
      OptionChecks.intRange(seeds, 1, 1000, "--seeds", "1 <= --seeds <= 1000");
    }
    Budget budget = new Budget(quick, seeds == null ? defaults.seeds() : seeds);
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    for (String a : sets) {
      int eq = a.indexOf('=');
      String key = eq > 0 ? SpecPaths.canonical(a.substring(0, eq).strip()) : "";
      if (eq > 0 && !SETTING_KEYS.contains(key)) {
        String accepted = String.join(", ", new java.util.TreeSet<>(SETTING_KEYS));
        boolean inProblem = key.startsWith("problem.");
        String leaf = inProblem ? key.substring("problem.".length()) : key;
        List<String> near = Errors.closest(leaf, SETTING_KEYS.stream().map(ReproduceCommand::leafOf).toList()).stream()
            .map(k -> SETTING_KEYS.contains("problem." + k) ? "problem." + k : k).toList();
        boolean known = inProblem ? SpecFiles.isSectionKey("problem", leaf) : SpecFiles.isTopKey(key.split("\\.")[0]);
        if (!known) {
          throw new BadInputException("--set " + a + ": unknown key " + key
              + (near.isEmpty() ? "" : " (did you mean " + near.get(0) + "?)") + "; accepted: " + accepted);
        }
        throw new BadInputException("--set " + a + ": " + key + " is chosen by each claim, not by the setting; "
            + "accepted: " + accepted);
      }
    }
    Setting setting = Setting.of(sets);
    List<Claim> claims = claimsFor.apply(budget, setting);
    if (only != null) {
      java.util.Set<Integer> known = new java.util.TreeSet<>();
      claims.forEach(c -> known.add(c.number()));
      for (int k : only) {
        if (!known.contains(k)) {
          throw new BadInputException("--claims " + k + " is invalid; accepted: claim numbers " + known);
        }
      }
      claims = claims.stream().filter(c -> only.contains(c.number())).toList();
    }
    List<RunSpec> runs = claims.stream().flatMap(c -> c.runs().stream()).distinct().toList();
    if (printSpec) {
      for (RunSpec r : runs) {
        stdout.print("---\n" + SpecFiles.toYaml(r));
      }
      stdout.flush();
      return Main.EXIT_OK;
    }
    if (figuresOnly) { // checked before anything in DIR is touched
      if (force) {
        throw new BadInputException("--figures-only reads the runs in --out and --force would clear them; accepted: one "
            + "of them");
      }
      if (!java.nio.file.Files.isDirectory(out.resolve(ReproductionJob.RUNS))) {
        throw new BadInputException("--figures-only: " + out + " holds no runs of a reproduction; accepted: the --out "
            + "DIR of an earlier lowrank reproduce (or drop --figures-only to run it)");
      }
      ReproductionJob.requireSame(claims, budget, setting, out);
    }
    OutputDirs.prepare(out, "--out");
    OutputDirs.requireSpace(out, OutputSize.job(runs, OutputDirs.REPORT_BYTES), "--out");
    Reproduction.Outcome outcome;
    String version = Main.version();
    try (RunProgress progress = new RunProgress("reproduce", Reproduction.countRuns(claims), Terminal.interactive(), stderr)) {
      outcome = ReproductionJob.run(claims, budget, setting, nThreads, out, force, version, progress, figuresOnly);
    }
    FigureFiles.write(out, outcome.claims().stream().flatMap(c -> c.figures().stream()).toList());
    AtomicFiles.writeString(out.resolve(ReproductionJob.REPORT), HtmlReport.render(outcome, version));
    ReproductionFiles.write(outcome, out, version); // summary.json last: it marks the directory complete
    if (json) {
      stdout.print(Json.toJson(ReproductionFiles.summary(outcome, version, List.of())));
      stdout.flush();
    } else {
      printTable(stdout, outcome);
    }
    return outcome.allAvailablePass() ? Main.EXIT_OK : Main.EXIT_DIVERGED;
  }

  /** Where the claim text starts in the claims table. */
  private static final int TEXT_COLUMN = 13;

  private void printTable(PrintWriter o, Reproduction.Outcome outcome) {
    o.print(claimsTable(outcome.claims()));
    long pass = outcome.claims().stream().filter(c -> c.verdict() == Verdict.PASS).count();
    long fail = outcome.claims().stream().filter(c -> c.verdict() == Verdict.FAIL).count();
    long na = outcome.claims().size() - pass - fail;
    o.println();
    o.printf(Locale.ROOT, "%d PASS, %d FAIL, %d not available; %d runs%s in %.1f s on %d threads (%s, %d seeds)%n", pass,
        fail, na, outcome.results().size(), outcome.loaded() > 0 ? " (" + outcome.loaded() + " loaded)" : "",
        outcome.wallSeconds(), outcome.threads(), outcome.budget().quick() ? "quick" : "full", outcome.budget().seeds());
    o.printf(Locale.ROOT, "setting: %s%n", outcome.setting().describe());
    o.printf(Locale.ROOT, "report: %s   numbers: %s   traces: %s%n", out.resolve("report.html"), out.resolve("summary.json"),
        out.resolve("runs"));
    o.flush();
  }

  /**
   * The claims table: one block per claim, number and verdict (aligned, coloured on a terminal)
   * before the title, the measured numbers below it, wrapped to {@value Terminal#TABLE_WIDTH} columns.
   */
  static String claimsTable(List<ClaimResult> claims) {
    StringBuilder b = new StringBuilder("\n");
    b.append(String.format(Locale.ROOT, "%-3s %-8s %s%n", "#", "verdict", "claim (measured below)"));
    String indent = " ".repeat(TEXT_COLUMN);
    for (ClaimResult c : claims) {
      b.append(String.format(Locale.ROOT, "%-3d ", c.number()))
          .append(Terminal.verdict(verdict(c.verdict()), 8, c.verdict() == Verdict.PASS, c.verdict() == Verdict.FAIL))
          .append(' ').append(c.title()).append('\n');
      for (String line : Terminal.wrap(c.headline(), Terminal.TABLE_WIDTH - TEXT_COLUMN)) {
        b.append(indent).append(line).append('\n');
      }
    }
    return b.toString();
  }

  private static String verdict(Verdict v) {
    return v == Verdict.NOT_AVAILABLE ? "n/a" : v.name();
  }
}
