package io.lowrank.experiment.io;

import io.lowrank.diagnostics.PhaseBoundaries;
import io.lowrank.experiment.Reproduction;
import io.lowrank.experiment.RunResult;
import io.lowrank.experiment.RunSpec;
import io.lowrank.experiment.claims.ClaimResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a reproduction's machine-readable outputs: {@code summary.json} (every measured number and
 * verdict, every run's parameters and outcome) and {@code runs/<id>/history.csv} per run.
 */
public final class ReproductionFiles {
  private ReproductionFiles() {}

  /** Writes summary.json and the histories under {@code dir} (created if needed). */
  public static void write(Reproduction.Outcome outcome, Path dir, String version) throws IOException {
    Files.createDirectories(dir.resolve("runs"));
    List<Object> runs = new ArrayList<>();
    for (RunResult r : outcome.results().values()) {
      String rel = "runs/" + r.spec().id() + "/history.csv";
      Path file = dir.resolve(rel);
      Files.createDirectories(file.getParent());
      HistoryCsv.write(file, r.history());
      runs.add(runJson(r, rel));
    }
    Json.write(dir.resolve("summary.json"), summary(outcome, version, runs));
  }

  /** The summary document (also used by tests). */
  public static Map<String, Object> summary(Reproduction.Outcome outcome, String version, List<Object> runs) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("lowrank_version", version);
    root.put("quick", outcome.budget().quick());
    root.put("seeds", outcome.budget().seeds());
    root.put("threads", outcome.threads());
    root.put("wall_seconds", outcome.wallSeconds());
    root.put("all_available_claims_pass", outcome.allAvailablePass());
    List<Object> claims = new ArrayList<>();
    for (ClaimResult c : outcome.claims()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("number", c.number());
      m.put("title", c.title());
      m.put("statement", c.statement());
      m.put("reference", c.reference());
      m.put("criterion", c.criterion());
      m.put("verdict", c.verdict().name());
      m.put("headline", c.headline());
      m.put("parameters", c.parameters());
      m.put("numbers", c.numbers());
      m.put("runs", c.runs().stream().map(RunSpec::id).distinct().toList());
      claims.add(m);
    }
    root.put("claims", claims);
    root.put("runs", runs);
    return root;
  }

  private static Map<String, Object> runJson(RunResult r, String historyPath) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.spec().id());
    m.put("spec", r.spec());
    m.put("termination", r.solve().termination().name());
    m.put("iterations", r.solve().iterations());
    m.put("final_loss", r.solve().finalLoss());
    m.put("final_test_error", r.last("test_error"));
    m.put("median_step_seconds", r.solve().medianStepNanos() * 1e-9);
    m.put("wall_seconds", r.wallSeconds());
    m.put("history", historyPath);
    PhaseBoundaries p = r.phases();
    if (p != null) {
      Map<String, Object> ph = new LinkedHashMap<>();
      ph.put("t1", p.t1());
      ph.put("t2", p.t2());
      ph.put("phase3_rate", p.rate());
      ph.put("floor", p.floor());
      ph.put("alignment_at_t1", p.alignmentAtT1());
      ph.put("truth_angle_at_t1", p.truthAngleAtT1());
      m.put("phases", ph);
    }
    return m;
  }
}
