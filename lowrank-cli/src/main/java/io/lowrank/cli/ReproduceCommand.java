package io.lowrank.cli;

import io.lowrank.experiment.claims.Budget;
import io.lowrank.experiment.claims.Claim;
import io.lowrank.experiment.claims.ClaimResult;
import io.lowrank.experiment.claims.ClaimSuite;
import io.lowrank.experiment.claims.Reproduction;
import io.lowrank.experiment.claims.Verdict;
import io.lowrank.experiment.formats.AtomicFiles;
import io.lowrank.experiment.output.Json;
import io.lowrank.experiment.output.ReproductionFiles;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.spec.SpecFiles;
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
    description = {"Reproduce the claims of Stöger & Soltanolkotabi (2021) on this machine: runs the experiments in "
        + "parallel (deterministic per seed), writes report.html, summary.json and runs/<id>/history.csv, prints a "
        + "table of claims with PASS/FAIL.",
        "Exit status: 0 every available claim passes, 1 a claim failed, 2 bad input."})
final class ReproduceCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--quick", description = "shorter horizons and 3 seeds (about a minute on 2 cores).")
  boolean quick;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "reproduce-out",
      description = "output directory (default: ${DEFAULT-VALUE}); created if missing, files in it are overwritten.")
  Path out;

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

  /** The claims to check for a budget (replaceable in tests). */
  java.util.function.Function<Budget, List<Claim>> claimsFor = ClaimSuite::standard;

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
    List<Claim> claims = claimsFor.apply(budget);
    if (printSpec) {
      List<RunSpec> runs = claims.stream().flatMap(c -> c.runs().stream()).distinct().toList();
      for (RunSpec r : runs) {
        stdout.print("---\n" + SpecFiles.toYaml(r));
      }
      stdout.flush();
      return Main.EXIT_OK;
    }
    OutputDirs.prepare(out, "--out");
    Reproduction.Outcome outcome;
    try (RunProgress progress = new RunProgress("reproduce", Reproduction.countRuns(claims), System.console() != null, stderr)) {
      outcome = Reproduction.run(claims, budget, nThreads, progress);
    }
    String version = Main.version();
    ReproductionFiles.write(outcome, out, version);
    AtomicFiles.writeString(out.resolve("report.html"), HtmlReport.render(outcome, version));
    if (json) {
      stdout.print(Json.toJson(ReproductionFiles.summary(outcome, version, List.of())));
      stdout.flush();
    } else {
      printTable(stdout, outcome);
    }
    return outcome.allAvailablePass() ? Main.EXIT_OK : Main.EXIT_DIVERGED;
  }

  private void printTable(PrintWriter o, Reproduction.Outcome outcome) {
    o.println();
    o.printf(Locale.ROOT, "%-3s %-50s %-14s %s%n", "#", "claim", "verdict", "measured");
    for (ClaimResult c : outcome.claims()) {
      o.printf(Locale.ROOT, "%-3d %-50s %-14s %s%n", c.number(), c.title(), verdict(c.verdict()), c.headline());
    }
    long pass = outcome.claims().stream().filter(c -> c.verdict() == Verdict.PASS).count();
    long fail = outcome.claims().stream().filter(c -> c.verdict() == Verdict.FAIL).count();
    long na = outcome.claims().size() - pass - fail;
    o.println();
    o.printf(Locale.ROOT, "%d PASS, %d FAIL, %d not available; %d runs in %.1f s on %d threads (%s, %d seeds)%n", pass,
        fail, na, outcome.results().size(), outcome.wallSeconds(), outcome.threads(), outcome.budget().quick() ? "quick" : "full",
        outcome.budget().seeds());
    o.printf(Locale.ROOT, "report: %s   numbers: %s   traces: %s%n", out.resolve("report.html"), out.resolve("summary.json"),
        out.resolve("runs"));
    o.flush();
  }

  private static String verdict(Verdict v) {
    return v == Verdict.NOT_AVAILABLE ? "not available" : v.name();
  }
}
