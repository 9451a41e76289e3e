package io.lowrank.experiment.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lowrank.experiment.engine.Engine;
import io.lowrank.experiment.output.ResultsCsv;
import io.lowrank.experiment.output.RunStore;
import io.lowrank.experiment.run.RunResult;
import io.lowrank.experiment.run.Runner;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.spec.SpecFiles;
import io.lowrank.experiment.sweep.PointSummary;
import io.lowrank.experiment.sweep.SweepPlan;
import io.lowrank.experiment.sweep.SweepSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep in its directory: {@code sweep.yaml} (the resolved sweep) and {@code sweep.yaml.sha256},
 * {@code runs/<id>/} per run, then {@code results.csv} and {@code aggregate.csv}. Rerunning the same
 * sweep after a kill loads the complete runs and runs the rest; a different sweep in the directory
 * is refused unless forced (see {@link JobDirectory}). The caller writes the report and, last, the
 * top-level summary.json that marks the directory complete.
 */
public final class SweepJob {
  public static final String MANIFEST = "sweep.yaml";
  public static final String RUNS = "runs";
  public static final String SUMMARY = "summary.json";
  public static final String REPORT = "report.html";
  public static final String FIGURES = "figures";
  /** Written at the end; deleted before any run. */
  public static final List<String> ARTEFACTS = List.of(SUMMARY, REPORT, ResultsCsv.RESULTS, ResultsCsv.AGGREGATE,
      FIGURES);

  private SweepJob() {}

  /**
   * What a sweep produced.
   *
   * @param plan the expanded sweep
   * @param results every run's result
   * @param points one summary per grid point
   * @param loaded runs found complete on disk
   * @param ran runs run now
   * @param resumed true when the directory held an earlier run of this sweep
   * @param wallSeconds wall time of this invocation
   */
  public record Outcome(SweepPlan plan, Map<RunSpec, RunResult> results, List<PointSummary> points, int loaded,
      int ran, boolean resumed, double wallSeconds) {}

  /** The manifest text of a plan: the resolved sweep, the number of runs and the hash of their ids. */
  public static String manifest(SweepPlan plan) {
    ObjectNode m = plan.sweep().resolved();
    m.put("runs", plan.runs().size());
    StringBuilder ids = new StringBuilder();
    for (SweepPlan.Run r : plan.runs()) {
      ids.append(r.spec().id()).append('\n');
    }
    m.put("runs_sha256", JobDirectory.sha256(ids.toString()));
    return "# The resolved sweep of this directory (lowrank sweep); do not edit: its hash is in sweep.yaml.sha256.\n"
        + SpecFiles.yaml(m);
  }

  /**
   * Expands, opens the directory, runs what is missing, and writes the tables.
   *
   * @param sweep the sweep
   * @param dir its directory
   * @param workers worker threads
   * @param force clear a directory holding another sweep
   * @param version the lowrank version (recorded per run)
   * @param listener progress
   */
  public static Outcome run(SweepSpec sweep, Path dir, int workers, boolean force, String version,
      ResumableRuns.Listener listener) throws IOException {
    return run(sweep, dir, Engine.local(), workers, force, version, listener);
  }

  /**
   * As {@link #run(SweepSpec, Path, int, boolean, String, ResumableRuns.Listener)}, the missing runs
   * on {@code engine} (the files are the same whatever the engine, apart from timings).
   */
  public static Outcome run(SweepSpec sweep, Path dir, Engine engine, int workers, boolean force, String version,
      ResumableRuns.Listener listener) throws IOException {
    long start = System.nanoTime();
    SweepPlan plan = SweepPlan.of(sweep);
    JobDirectory jd = JobDirectory.open(dir, "--out", MANIFEST, manifest(plan), "a sweep", ARTEFACTS,
        Set.of(RUNS, SUMMARY, REPORT, ResultsCsv.RESULTS, ResultsCsv.AGGREGATE, FIGURES), force);
    RunStore store = new RunStore(dir.resolve(RUNS), "sweep", version);
    ResumableRuns.Outcome out = ResumableRuns.run(engine, new Runner(workers), plan.specs(), store, listener, s -> false);
    List<PointSummary> points = PointSummary.of(plan, out.results());
    ResultsCsv.write(dir, plan, out.results(), points);
    return new Outcome(plan, out.results(), points, out.loaded(), out.ran(), jd.resumed(),
        (System.nanoTime() - start) * 1e-9);
  }
}
