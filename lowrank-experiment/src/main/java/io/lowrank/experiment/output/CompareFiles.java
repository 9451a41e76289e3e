package io.lowrank.experiment.output;

import io.lowrank.experiment.compare.CompareRun;
import io.lowrank.experiment.compare.Comparison;
import io.lowrank.experiment.spec.SpecFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a comparison's machine-readable outputs: {@code runs/<id>/history.csv} per run, then
 * {@code summary.json} (the plan, and one record per run with its resolved spec).
 */
public final class CompareFiles {
  private CompareFiles() {}

  /** Writes the histories and summary.json under {@code dir} (created if needed). */
  public static void write(Comparison.Outcome outcome, Path dir, String version) throws IOException {
    Files.createDirectories(dir.resolve("runs"));
    List<Object> runs = new ArrayList<>();
    for (CompareRun r : outcome.runs()) {
      String rel = "runs/" + r.id() + "/" + RunFiles.HISTORY;
      Path file = dir.resolve(rel);
      Files.createDirectories(file.getParent());
      HistoryCsv.write(file, r.history());
      runs.add(runJson(r, rel));
    }
    Json.write(dir.resolve(RunFiles.SUMMARY), summary(outcome, version, runs));
  }

  /** The summary document. */
  public static Map<String, Object> summary(Comparison.Outcome outcome, String version, List<Object> runs) {
    Comparison.Plan plan = outcome.plan();
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("base", SpecFiles.toTree(plan.base()));
    p.put("kappas", plan.kappas());
    p.put("noises", plan.noises());
    p.put("widths", plan.widths());
    p.put("methods", plan.variants().stream().map(v -> v.id()).toList());
    p.put("alpha", plan.alpha());
    p.put("deep_alpha", plan.deepAlpha());
    p.put("depth", plan.depth());
    p.put("eps", plan.eps());
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("command", "compare");
    root.put("lowrank_version", version);
    root.put("plan", p);
    root.put("threads", outcome.threads());
    root.put("wall_seconds", outcome.wallSeconds());
    root.put("any_diverged", outcome.anyDiverged());
    root.put("runs", runs);
    return root;
  }

  private static Map<String, Object> runJson(CompareRun r, String historyPath) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("method", r.variant().id());
    m.put("kappa", r.kappa());
    m.put("noise", r.noise());
    m.put("width", r.width());
    m.put("iterations_to_eps", r.reached() ? r.iterationsToEps() : null);
    m.put("seconds_to_eps", r.reached() ? r.secondsToEps() : null);
    m.put("final_test_error", r.finalError());
    m.put("iterations", r.iterations());
    m.put("solve_seconds", r.seconds());
    m.put("termination", r.termination().name());
    m.put("detail", r.detail());
    m.put("history", historyPath);
    m.put("spec", SpecFiles.toTree(r.result().spec()));
    if (!r.result().sources().isEmpty()) {
      m.put("sources", r.result().sources());
    }
    return m;
  }
}
