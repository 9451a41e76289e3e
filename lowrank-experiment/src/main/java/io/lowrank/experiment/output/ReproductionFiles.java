package io.lowrank.experiment.output;

import io.lowrank.experiment.claims.ClaimResult;
import io.lowrank.experiment.claims.Reproduction;
import io.lowrank.experiment.run.RunResult;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.spec.SpecFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The top-level {@code summary.json} of a reproduction: the setting, every measured number and
 * verdict, and every run's parameters and outcome (each run's own files are under
 * {@code runs/<id>/}, written by the {@link RunStore} as the runs finish). Written last: a
 * reproduction directory is complete when it exists.
 */
public final class ReproductionFiles {
  private ReproductionFiles() {}

  /** Writes summary.json into {@code dir}. */
  public static void write(Reproduction.Outcome outcome, Path dir, String version) throws IOException {
    List<Object> runs = new ArrayList<>();
    for (Map.Entry<RunSpec, RunResult> e : outcome.results().entrySet()) {
      runs.add(RunFiles.runJson(e.getValue(), "runs/" + e.getKey().id() + "/" + RunFiles.HISTORY));
    }
    Json.write(dir.resolve(RunFiles.SUMMARY), summary(outcome, version, runs));
  }

  /** The summary document (also used by tests). */
  public static Map<String, Object> summary(Reproduction.Outcome outcome, String version, List<Object> runs) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("lowrank_version", version);
    root.put("quick", outcome.budget().quick());
    root.put("seeds", outcome.budget().seeds());
    root.put("setting", outcome.setting().describe());
    root.put("setting_problem", SpecFiles.toTree(outcome.setting().base()).get("problem"));
    root.put("threads", outcome.threads());
    root.put("wall_seconds", outcome.wallSeconds());
    root.put("loaded_runs", outcome.loaded());
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
