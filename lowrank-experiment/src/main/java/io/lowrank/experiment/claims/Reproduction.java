package io.lowrank.experiment.claims;

import io.lowrank.diagnostics.PhaseThresholds;
import io.lowrank.experiment.run.ProgressListener;
import io.lowrank.experiment.run.RunResult;
import io.lowrank.experiment.run.Runner;
import io.lowrank.experiment.run.Workloads;
import io.lowrank.experiment.spec.RunSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Runs a list of claims: all their runs in parallel, then every claim's check. */
public final class Reproduction {
  private Reproduction() {}

  /**
   * Everything a reproduction produced.
   *
   * @param budget the budget it ran with
   * @param setting the configuration the claims ran at
   * @param threads worker threads
   * @param claims one result per claim, in claim order
   * @param results every run
   * @param wallSeconds total wall time
   * @param loaded runs loaded from an interrupted earlier invocation (0 when run in one go)
   */
  public record Outcome(Budget budget, Setting setting, int threads, List<ClaimResult> claims,
      Map<RunSpec, RunResult> results, double wallSeconds, int loaded) {

    /** True when no available claim failed. */
    public boolean allAvailablePass() {
      return claims.stream().noneMatch(c -> c.verdict() == Verdict.FAIL);
    }
  }

  /** Runs the claims' runs on {@code threads} threads (nothing on disk), then evaluates every claim. */
  public static Outcome run(List<Claim> claims, Budget budget, Setting setting, int threads,
      ProgressListener progress) {
    long start = System.nanoTime();
    Map<RunSpec, RunResult> results = new Runner(threads, PhaseThresholds.defaults(), new Workloads())
        .runAll(specs(claims), progress);
    return evaluate(claims, budget, setting, threads, results, (System.nanoTime() - start) * 1e-9, 0);
  }

  /** Every claim's check on results that hold at least their runs. */
  public static Outcome evaluate(List<Claim> claims, Budget budget, Setting setting, int threads,
      Map<RunSpec, RunResult> results, double wallSeconds, int loaded) {
    List<ClaimResult> out = new ArrayList<>();
    for (Claim c : claims) {
      out.add(c.evaluate(results));
    }
    return new Outcome(budget, setting, threads, List.copyOf(out), results, wallSeconds, loaded);
  }

  /** The distinct runs of the claims, in claim order. */
  public static List<RunSpec> specs(List<Claim> claims) {
    LinkedHashSet<RunSpec> specs = new LinkedHashSet<>();
    for (Claim c : claims) {
      specs.addAll(c.runs());
    }
    return List.copyOf(specs);
  }

  /** The runs whose factors some claim reads ({@link Claim#needsFactors}). */
  public static java.util.Set<RunSpec> factorSpecs(List<Claim> claims) {
    java.util.Set<RunSpec> specs = new java.util.HashSet<>();
    for (Claim c : claims) {
      if (c.needsFactors()) {
        specs.addAll(c.runs());
      }
    }
    return specs;
  }

  /** The number of distinct runs the claims need (for progress bars). */
  public static int countRuns(List<Claim> claims) {
    return specs(claims).size();
  }
}
