package io.lowrank.experiment.output;

import com.fasterxml.jackson.databind.JsonNode;
import io.lowrank.diagnostics.History;
import io.lowrank.diagnostics.PhaseBoundaries;
import io.lowrank.diagnostics.Stages;
import io.lowrank.experiment.formats.BadInputException;
import io.lowrank.experiment.formats.Npy;
import io.lowrank.experiment.run.EarlyStop;
import io.lowrank.experiment.run.Factors;
import io.lowrank.experiment.run.RunResult;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.spec.SpecFiles;
import io.lowrank.linalg.Mat;
import io.lowrank.solver.SolveResult;
import io.lowrank.solver.Termination;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runs of a sweep or reproduction on disk, one directory {@code <root>/<id>} per run: its
 * {@code history.csv} first, then its {@code summary.json}, each written atomically. A run is
 * complete exactly when its summary.json exists and holds the run's spec; {@link #load} then gives
 * back a {@link RunResult} equal in every recorded number to the one that was saved (the history
 * round-trips exactly, the JSON numbers too). The final factors (U, or L and R, and the layers of a
 * deep factorisation) are stored only when the caller asks for them ({@link #save(RunSpec, RunResult,
 * boolean)}), as {@code U.npy} / {@code L.npy}, {@code R.npy} and {@code W1.npy} ... before the
 * summary, and loaded back bit for bit; otherwise a loaded result has no factors.
 */
public final class RunStore {
  private final Path root;
  private final String command;
  private final String version;

  /**
   * @param root the directory of the run directories (created when the first run is saved)
   * @param command the command that writes (recorded in each summary)
   * @param version the lowrank version (recorded in each summary)
   */
  public RunStore(Path root, String command, String version) {
    this.root = root;
    this.command = command;
    this.version = version;
  }

  /** The directory of the run directories. */
  public Path root() {
    return root;
  }

  /** The command recorded in each summary. */
  public String command() {
    return command;
  }

  /** The lowrank version recorded in each summary. */
  public String version() {
    return version;
  }

  /** The directory of a run. */
  public Path dir(RunSpec spec) {
    return root.resolve(spec.id());
  }

  /** The path of a run's history relative to {@code base} (for summaries that list runs). */
  public String historyPath(Path base, RunSpec spec) {
    return base.relativize(dir(spec).resolve(RunFiles.HISTORY)).toString().replace('\\', '/');
  }

  /** Writes the run without its factors: history.csv, then summary.json (which makes it complete). */
  public void save(RunSpec requested, RunResult r) throws IOException {
    save(requested, r, false);
  }

  /**
   * Writes the run: history.csv, the factors when {@code factors} (and the run did not diverge), then
   * summary.json (which makes it complete). Thread-safe for distinct runs. An INTERRUPTED run is
   * not written.
   */
  public void save(RunSpec requested, RunResult r, boolean factors) throws IOException {
    if (r.solve().termination() == io.lowrank.solver.Termination.INTERRUPTED) {
      return; // an incomplete run is never stored as complete: a resumed job runs it again
    }
    Path dir = dir(requested);
    Files.createDirectories(dir);
    HistoryCsv.write(dir.resolve(RunFiles.HISTORY), r.history());
    List<String> files = new ArrayList<>(List.of(RunFiles.HISTORY));
    Map<String, Object> stored = null;
    if (factors && r.factors() != null) {
      RunFiles.writeFactors(dir, r.factors());
      List<String> names = RunFiles.factorFiles(r);
      List<String> layers = RunFiles.writeLayers(dir, r.factors());
      stored = new LinkedHashMap<>();
      stored.put("left", names.get(0));
      if (names.size() > 1) {
        stored.put("right", names.get(1));
      }
      stored.put("layers", layers);
      files.addAll(names);
      files.addAll(layers);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("command", command);
    root.put("lowrank_version", version);
    root.putAll(RunFiles.runJson(r, RunFiles.HISTORY));
    root.put("requested_spec", SpecFiles.toTree(requested));
    root.put("files", files);
    if (stored != null) {
      root.put("factors", stored);
    }
    Json.write(dir.resolve(RunFiles.SUMMARY), root);
  }

  /** True when the run's summary.json exists (it may still belong to another spec: see {@link #load}). */
  public boolean exists(RunSpec spec) {
    return Files.isRegularFile(dir(spec).resolve(RunFiles.SUMMARY));
  }

  /**
   * The saved run, if it is complete and is this spec's; empty when it was never saved, was cut
   * short (no summary.json), or its files do not hold this spec.
   *
   * @throws BadInputException when the files exist but cannot be read back (a damaged directory)
   */
  public Optional<RunResult> load(RunSpec spec) {
    Path dir = dir(spec);
    Path summary = dir.resolve(RunFiles.SUMMARY);
    if (!Files.isRegularFile(summary)) {
      return Optional.empty();
    }
    try {
      JsonNode j = Json.mapper().readTree(summary.toFile());
      JsonNode requested = j.get("requested_spec");
      if (requested == null || !SpecFiles.fromTree(requested, summary.toString()).equals(spec)) {
        return Optional.empty();
      }
      RunSpec resolved = SpecFiles.fromTree(j.get("spec"), summary.toString());
      History h = HistoryCsv.read(dir.resolve(j.get("history").asText()));
      JsonNode fin = j.get("final");
      JsonNode t = j.get("timings");
      SolveResult solve = new SolveResult(Termination.valueOf(j.get("termination").asText()),
          j.get("iterations").asInt(), num(fin, "initial_loss"), num(j, "final_loss"), t.get("solve_ns").asLong(),
          num(t, "median_step_ns"), j.get("detail").asText());
      PhaseBoundaries phases = null;
      JsonNode p = j.get("phases");
      if (p != null && !p.isNull()) {
        phases = new PhaseBoundaries(p.get("t1").asInt(), p.get("t2").asInt(), num(p, "phase3_rate"), num(p, "floor"),
            num(p, "alignment_at_t1"), num(p, "truth_angle_at_t1"));
      }
      Stages stages = null;
      JsonNode st = j.get("stages");
      if (st != null && !st.isNull()) {
        int[] times = new int[st.get("times").size()];
        for (int i = 0; i < times.length; i++) {
          times[i] = st.get("times").get(i).asInt();
        }
        java.util.List<Stages.Plateau> plateaus = new java.util.ArrayList<>();
        for (JsonNode pl : st.get("plateaus")) {
          plateaus.add(new Stages.Plateau(pl.get("after").asInt(), pl.get("from").asInt(), pl.get("to").asInt(),
              num(pl, "loss")));
        }
        stages = new Stages(times, array(st.get("targets")), java.util.List.copyOf(plateaus));
      }
      EarlyStop es = null;
      JsonNode e = j.get("early_stopping");
      if (e != null && !e.isNull()) {
        JsonNode stop = e.get("stop_iteration");
        es = new EarlyStop(e.get("chosen_iteration").asInt(), stop == null || stop.isNull() ? -1 : stop.asInt(),
            num(e, "chosen_validation_mse"), array(e.get("iterations")), array(e.get("validation_mse")), null,
            e.get("held_out").asInt());
      }
      Map<String, String> sources = new LinkedHashMap<>();
      JsonNode s = j.get("sources");
      if (s != null) {
        s.fields().forEachRemaining(f -> sources.put(f.getKey(), f.getValue().asText()));
      }
      return Optional.of(new RunResult(resolved, solve, h, factors(dir, j.get("factors")), es, phases, stages, num(j, "spectral_truth_angle"),
          num(j, "step_size"), sources, num(t, "setup_s"), num(t, "wall_s")));
    } catch (IOException | RuntimeException ex) {
      throw new BadInputException("run directory " + dir + " cannot be read back (" + ex.getMessage() + "); "
          + "delete it to run it again, or start over with --force");
    }
  }

  /** The stored factors, or null when none were stored. */
  private static Factors factors(Path dir, JsonNode f) throws IOException {
    if (f == null || f.isNull()) {
      return null;
    }
    Mat left = Npy.readFinite(dir.resolve(f.get("left").asText())).toMat();
    Mat right = f.has("right") ? Npy.readFinite(dir.resolve(f.get("right").asText())).toMat() : left;
    List<Mat> layers = new ArrayList<>();
    for (JsonNode l : f.get("layers")) {
      layers.add(Npy.readFinite(dir.resolve(l.asText())).toMat());
    }
    return new Factors(left, right, layers);
  }

  private static double num(JsonNode o, String key) {
    JsonNode v = o == null ? null : o.get(key);
    return v == null || v.isNull() ? Double.NaN : v.asDouble();
  }

  private static double[] array(JsonNode a) {
    if (a == null || a.isNull()) {
      return new double[0];
    }
    double[] v = new double[a.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = a.get(i).isNull() ? Double.NaN : a.get(i).asDouble();
    }
    return v;
  }
}
