package io.lowrank.experiment.output;

import io.lowrank.diagnostics.Columns;
import io.lowrank.diagnostics.PhaseBoundaries;
import io.lowrank.diagnostics.Stages;
import io.lowrank.experiment.formats.Npy;
import io.lowrank.experiment.run.EarlyStop;
import io.lowrank.experiment.run.Factors;
import io.lowrank.experiment.run.RunResult;
import io.lowrank.experiment.spec.SpecFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of one run (docs/math.md, "Outputs"): {@code history.csv}, the final factors
 * ({@code U.npy}, or {@code L.npy} and {@code R.npy}), and last {@code summary.json}, which embeds
 * the resolved spec (so {@code lowrank run DIR/summary.json} repeats the run bit for bit) and, since
 * it is written last and atomically, marks the directory complete.
 */
public final class RunFiles {
  public static final String HISTORY = "history.csv";
  public static final String SUMMARY = "summary.json";
  public static final String U = "U.npy";
  public static final String L = "L.npy";
  public static final String R = "R.npy";

  private RunFiles() {}

  /** The factor files of a result. */
  public static List<String> factorFiles(RunResult r) {
    if (r.factors() == null) {
      return List.of();
    }
    return r.factors().symmetric() ? List.of(U) : List.of(L, R);
  }

  /** Writes history.csv, the factors and summary.json (last) into {@code dir} (created if needed). */
  public static void write(Path dir, RunResult r, String command, String version) throws IOException {
    Files.createDirectories(dir);
    HistoryCsv.write(dir.resolve(HISTORY), r.history());
    writeFactors(dir, r.factors());
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("command", command);
    root.put("lowrank_version", version);
    root.putAll(runJson(r, HISTORY));
    List<String> files = new ArrayList<>(List.of(HISTORY));
    files.addAll(factorFiles(r));
    root.put("files", files);
    Json.write(dir.resolve(SUMMARY), root);
  }

  /** U.npy, or L.npy and R.npy (nothing when the run diverged). */
  public static void writeFactors(Path dir, Factors f) throws IOException {
    if (f == null) {
      return;
    }
    if (f.symmetric()) {
      Npy.write(dir.resolve(U), f.left());
    } else {
      Npy.write(dir.resolve(L), f.left());
      Npy.write(dir.resolve(R), f.right());
    }
  }

  /**
   * Writes the layers W_1 .. W_L of a deep factorisation as W1.npy .. WL.npy and returns their names
   * (none for other methods).
   */
  public static List<String> writeLayers(Path dir, Factors f) throws IOException {
    List<String> names = new ArrayList<>();
    for (int j = 0; j < f.layers().size(); j++) {
      String name = "W" + (j + 1) + ".npy";
      Npy.write(dir.resolve(name), f.layers().get(j));
      names.add(name);
    }
    return names;
  }

  /**
   * The record of one run in a summary: id, the resolved spec, why it stopped, final metrics,
   * phases, early stopping, the files read (with their SHA-256) and timings. Undefined numbers are
   * null, never NaN.
   */
  public static Map<String, Object> runJson(RunResult r, String historyPath) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("spec", SpecFiles.toTree(r.spec()));
    m.put("termination", r.solve().termination().name());
    m.put("detail", r.solve().detail());
    m.put("iterations", r.solve().iterations());
    m.put("diverged", r.diverged());
    m.put("step_size", r.stepSize());
    m.put("final_loss", r.solve().finalLoss());
    m.put("spectral_truth_angle", r.spectralTruthAngle());
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("initial_loss", r.solve().initialLoss());
    for (String c : r.history().columns()) {
      if (!c.equals(Columns.ITERATION) && !Columns.TIMING.contains(c) && r.history().size() > 0 && !r.diverged()) {
        metrics.put(c, r.last(c));
      }
    }
    m.put("final", metrics);
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
    Stages st = r.stages();
    if (st != null) {
      Map<String, Object> sm = new LinkedHashMap<>();
      sm.put("times", st.times());
      sm.put("targets", st.targets());
      List<Object> plateaus = new ArrayList<>();
      for (Stages.Plateau pl : st.plateaus()) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("after", pl.after());
        x.put("from", pl.from());
        x.put("to", pl.to());
        x.put("loss", pl.loss());
        plateaus.add(x);
      }
      sm.put("plateaus", plateaus);
      m.put("stages", sm);
    }
    EarlyStop es = r.earlyStop();
    if (es != null) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("chosen_iteration", es.chosenIteration());
      e.put("stop_iteration", es.stopped() ? es.stopIteration() : null);
      e.put("chosen_validation_mse", es.chosenValidationMse());
      e.put("held_out", es.heldOut());
      e.put("iterations", es.iterations());
      e.put("validation_mse", es.validationMse());
      m.put("early_stopping", e);
    }
    if (!r.sources().isEmpty()) {
      m.put("sources", r.sources());
    }
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("setup_s", r.setupSeconds());
    t.put("solve_s", r.solve().solveNanos() * 1e-9);
    t.put("median_step_ms", r.solve().medianStepNanos() * 1e-6);
    t.put("solve_ns", r.solve().solveNanos());
    t.put("median_step_ns", r.solve().medianStepNanos());
    t.put("wall_s", r.wallSeconds());
    m.put("timings", t);
    m.put("history", historyPath);
    return m;
  }
}
