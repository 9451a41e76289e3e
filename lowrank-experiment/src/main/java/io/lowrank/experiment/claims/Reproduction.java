package io.lowrank.experiment.claims;

import io.lowrank.diagnostics.PhaseThresholds;
import io.lowrank.experiment.run.ProgressListener;
import io.lowrank.experiment.run.RunResult;
import io.lowrank.experiment.run.Runner;
import io.lowrank.experiment.run.Workloads;
import io.lowrank.experiment.spec.RunSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs a list of claims: all their runs in parallel, then every claim's check. */
public final class Reproduction {
  private Reproduction() {}

  /**
   * Everything a reproduction produced.
   *
   * @param budget the budget it ran with
   * @param threads worker threads
   * @param claims one result per claim, in claim order
   * @param results every run
   * @param wallSeconds total wall time
   */
  public record Outcome(Budget budget, int threads, List<ClaimResult> claims, Map<RunSpec, RunResult> results,
      double wallSeconds) {

    /** True when no available claim failed. */
    public boolean allAvailablePass() {
      return claims.stream().noneMatch(c -> c.verdict() == Verdict.FAIL);
    }
  }

  /** Runs the claims' runs on {@code threads} threads, then evaluates every claim. */
  public static Outcome run(List<Claim> claims, Budget budget, int threads, ProgressListener progress) {
    long start = System.nanoTime();
    List<RunSpec> specs = new ArrayList<>();
    for (Claim c : claims) {
      specs.addAll(c.runs());
    }
    Map<RunSpec, RunResult> results = new Runner(threads, PhaseThresholds.defaults(), new Workloads()).runAll(specs, progress);
    List<ClaimResult> out = new ArrayList<>();
    for (Claim c : claims) {
      out.add(c.evaluate(results));
    }
    return new Outcome(budget, threads, List.copyOf(out), results, (System.nanoTime() - start) * 1e-9);
  }

  /** The number of distinct runs the claims need (for progress bars). */
  public static int countRuns(List<Claim> claims) {
    return (int) claims.stream().flatMap(c -> c.runs().stream()).distinct().count();
  }
}
