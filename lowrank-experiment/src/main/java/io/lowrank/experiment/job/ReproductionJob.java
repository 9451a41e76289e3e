package io.lowrank.experiment.job;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lowrank.experiment.claims.Budget;
import io.lowrank.experiment.claims.Claim;
import io.lowrank.experiment.claims.Reproduction;
import io.lowrank.experiment.claims.Setting;
import io.lowrank.experiment.engine.Engine;
import io.lowrank.experiment.formats.BadInputException;
import io.lowrank.experiment.output.RunFiles;
import io.lowrank.experiment.output.RunStore;
import io.lowrank.experiment.run.Runner;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.spec.SpecFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A reproduction in its directory: {@code reproduce.yaml} (budget, setting, claims, runs) and its
 * hash, {@code runs/<id>/} per run as each finishes; the caller writes report.html and, last,
 * summary.json. Rerunning the same command after a kill loads the complete runs and runs the rest,
 * so the report always agrees with the traces; another reproduction in the directory is refused
 * unless forced ({@link JobDirectory}).
 */
public final class ReproductionJob {
  public static final String MANIFEST = "reproduce.yaml";
  public static final String RUNS = "runs";
  public static final String REPORT = "report.html";
  /** Written at the end; deleted before any run. */
  /** The standalone figures (SVG and CSV) of the report. */
  public static final String FIGURES = "figures";
  public static final List<String> ARTEFACTS = List.of(RunFiles.SUMMARY, REPORT, FIGURES);

  private ReproductionJob() {}

  /** The manifest of a reproduction. */
  public static String manifest(List<Claim> claims, Budget budget, Setting setting) {
    ObjectNode m = JsonNodeFactory.instance.objectNode();
    m.put("quick", budget.quick());
    m.put("seeds", budget.seeds());
    m.set("setting", SpecFiles.toTree(setting.base()).get("problem"));
    var numbers = m.putArray("claims");
    claims.forEach(c -> numbers.add(c.number()));
    List<RunSpec> specs = Reproduction.specs(claims);
    m.put("runs", specs.size());
    StringBuilder ids = new StringBuilder();
    specs.forEach(s -> ids.append(s.id()).append('\n'));
    m.put("runs_sha256", JobDirectory.sha256(ids.toString()));
    return "# The reproduction of this directory (lowrank reproduce); do not edit: its hash is in "
        + "reproduce.yaml.sha256.\n" + SpecFiles.yaml(m);
  }

  /**
   * Opens the directory, runs (or loads) every claim's runs, and evaluates the claims.
   *
   * @param force clear a directory holding another reproduction
   */
  public static Reproduction.Outcome run(List<Claim> claims, Budget budget, Setting setting, int threads, Path dir,
      boolean force, String version, ResumableRuns.Listener listener) throws IOException {
    return run(claims, budget, setting, threads, dir, force, version, listener, false);
  }

  /**
   * As {@link #run(List, Budget, Setting, int, Path, boolean, String, ResumableRuns.Listener)};
   * with {@code storedOnly} nothing runs: every run must be stored in {@code dir} already (the
   * report and figures are then regenerated from them), else a {@link BadInputException} says how
   * many are missing.
   */
  public static Reproduction.Outcome run(List<Claim> claims, Budget budget, Setting setting, int threads, Path dir,
      boolean force, String version, ResumableRuns.Listener listener, boolean storedOnly) throws IOException {
    long start = System.nanoTime();
    String manifest = manifest(claims, budget, setting);
    if (storedOnly) {
      requireSame(claims, budget, setting, dir);
    }
    JobDirectory.open(dir, "--out", MANIFEST, manifest, "a reproduction", ARTEFACTS,
        Set.of(RUNS, RunFiles.SUMMARY, REPORT, FIGURES), force);
    RunStore store = new RunStore(dir.resolve(RUNS), "reproduce", version);
    Set<RunSpec> withFactors = Reproduction.factorSpecs(claims);
    Engine engine = storedOnly ? StoredRuns.only(dir, "this reproduction") : Engine.local();
    ResumableRuns.Outcome out = ResumableRuns.run(engine, new Runner(threads), Reproduction.specs(claims), store,
        listener, withFactors::contains);
    return Reproduction.evaluate(claims, budget, setting, threads, out.results(), (System.nanoTime() - start) * 1e-9,
        out.loaded());
  }

  /**
   * Checks, touching nothing, that {@code dir} holds this reproduction (its manifest is the one these
   * claims, budget and setting write); a {@link BadInputException} for {@code --figures-only} otherwise.
   */
  public static void requireSame(List<Claim> claims, Budget budget, Setting setting, Path dir) throws IOException {
    if (!manifest(claims, budget, setting).equals(existingManifest(dir))) {
      throw new BadInputException("--figures-only: " + dir + " holds no reproduction with these options (its "
          + MANIFEST + " differs or is missing); accepted: the --out DIR and the --quick, --seeds, --set and --claims "
          + "options of the reproduce run that wrote it");
    }
  }

  /** The manifest text of {@code dir}, or null. */
  private static String existingManifest(Path dir) throws IOException {
    Path m = dir.resolve(MANIFEST);
    return java.nio.file.Files.isRegularFile(m) ? java.nio.file.Files.readString(m) : null;
  }
}
