package io.lowrank.experiment.output;

import io.lowrank.experiment.claims.ClaimResult;
import io.lowrank.experiment.claims.Reproduction;
import io.lowrank.experiment.run.RunResult;
import io.lowrank.experiment.spec.RunSpec;
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
      String rel = "runs/" + r.id() + "/" + RunFiles.HISTORY;
      Path file = dir.resolve(rel);
      Files.createDirectories(file.getParent());
      HistoryCsv.write(file, r.history());
      runs.add(RunFiles.runJson(r, rel));
    }
    Json.write(dir.resolve(RunFiles.SUMMARY), summary(outcome, version, runs));
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
}
