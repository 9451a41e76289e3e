package io.lowrank.experiment.compare;

import io.lowrank.experiment.io.HistoryCsv;
import io.lowrank.experiment.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a comparison's machine-readable outputs: {@code summary.json} (the spec and one record per
 * run) and {@code runs/<id>/history.csv} per run.
 */
public final class CompareFiles {
  private CompareFiles() {}

  /** Writes summary.json and the histories under {@code dir} (created if needed). */
  public static void write(Comparison.Outcome outcome, Path dir, String version) throws IOException {
    Files.createDirectories(dir.resolve("runs"));
    List<Object> runs = new ArrayList<>();
    for (CompareRun r : outcome.runs()) {
      String rel = "runs/" + r.id() + "/history.csv";
      Path file = dir.resolve(rel);
      Files.createDirectories(file.getParent());
      HistoryCsv.write(file, r.history());
      runs.add(runJson(r, rel));
    }
    Json.write(dir.resolve("summary.json"), summary(outcome, version, runs));
  }

  /** The summary document. */
  public static Map<String, Object> summary(Comparison.Outcome outcome, String version, List<Object> runs) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("lowrank_version", version);
    root.put("spec", outcome.spec());
    root.put("threads", outcome.threads());
    root.put("wall_seconds", outcome.wallSeconds());
    root.put("any_diverged", outcome.anyDiverged());
    root.put("runs", runs);
    return root;
  }

  private static Map<String, Object> runJson(CompareRun r, String historyPath) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("method", r.method().id());
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
    return m;
  }
}
