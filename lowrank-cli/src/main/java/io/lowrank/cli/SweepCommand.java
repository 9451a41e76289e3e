package io.lowrank.cli;

import io.lowrank.experiment.formats.AtomicFiles;
import io.lowrank.experiment.formats.BadInputException;
import io.lowrank.experiment.job.SweepJob;
import io.lowrank.experiment.output.Json;
import io.lowrank.experiment.output.OutputSize;
import io.lowrank.experiment.output.ResultsCsv;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.sweep.Axis;
import io.lowrank.experiment.sweep.PointSummary;
import io.lowrank.experiment.sweep.SweepFigures;
import io.lowrank.experiment.sweep.SweepPlan;
import io.lowrank.experiment.sweep.SweepSpec;
import io.lowrank.report.FigureFiles;
import io.lowrank.report.SweepReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lowrank sweep SWEEP.yaml}: runs a sweep (a base spec and axes, docs/math.md §12) in
 * parallel and resumably, then writes results.csv, aggregate.csv, the figures (SVG and CSV),
 * report.html and, last, summary.json. Rerunning the same command after a kill finishes the sweep.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    sortOptions = false, usageHelpAutoWidth = true,
    description = {"Run a sweep: a base run spec and axes over any spec key (grid or zipped), with seeds that "
        + "aggregate and a success criterion; parallel, batched and resumable (rerun the same command after a kill). "
        + "Writes runs/<id>/, results.csv, aggregate.csv, figures/ (heatmap with the phase-transition contour, metric "
        + "vs axis with IQR bands), report.html and summary.json.",
        "Exit status: 0 done, 1 some runs diverged, 2 bad input, 70 internal error."})
final class SweepCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SWEEP", description = "the sweep file (YAML or JSON: title, base, axes, zip, "
      + "seeds, success, metrics; docs/math.md §12).")
  Path file;

  @Mixin
  RunOptions run = new RunOptions();

  @Mixin
  EngineOptions engineOptions = new EngineOptions();

  @Option(names = "--out", paramLabel = "DIR", order = 200,
      description = "the sweep directory; rerun with the same DIR to resume. Default: <SWEEP file name>-out.")
  Path out;

  @Option(names = "--force", order = 201, description = "clear DIR when it holds another sweep (never a directory "
      + "lowrank did not write).")
  boolean force;

  @Override
  public Integer call() throws IOException {
    engineOptions.check();
    SweepSpec sweep = SweepSpec.read(file, run.sets).withOptions(run::applyTo);
    if (run.seed != null && sweep.seeded()) {
      throw new BadInputException("--seed " + run.seed + " has no effect: the sweep runs seeds "
          + seedsText(sweep.seeds()) + "; accepted: --set seeds=[...] or --set seeds=K to change them");
    }
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    if (run.printSpec) {
      SweepPlan plan = SweepPlan.of(sweep);
      stdout.print(SweepJob.manifest(plan));
      stdout.flush();
      return Main.EXIT_OK;
    }
    int workers = run.workers();
    Path dir = out != null ? out : Path.of(stem(file) + "-out");
    SweepPlan preview = SweepPlan.of(sweep);
    OutputDirs.requireSpace(dir, OutputSize.job(preview.specs(), OutputDirs.REPORT_BYTES), "--out");
    SweepJob.Outcome outcome;
    String engineName;
    try (io.lowrank.experiment.engine.Engine engine = engineOptions.open(workers);
        RunProgress progress = new RunProgress("sweep", preview.runs().size(), Terminal.interactive(), stderr)) {
      engineName = engine.name();
      outcome = SweepJob.run(sweep, dir, engine, workers, force, Main.version(), progress);
    }
    SweepFigures figures = SweepFigures.of(sweep, outcome.points());
    List<String> files = writeFigures(dir, figures);
    String version = Main.version();
    AtomicFiles.writeString(dir.resolve(SweepJob.REPORT), SweepReport.render(outcome, figures, version));
    Map<String, Object> summary = summary(outcome, files, version, workers);
    summary.put("engine", engineName);
    Json.write(dir.resolve(SweepJob.SUMMARY), summary);
    if (run.json) {
      stdout.print(Json.toJson(summary));
    } else {
      print(stdout, outcome, dir, files);
    }
    stdout.flush();
    long diverged = outcome.results().values().stream().filter(io.lowrank.experiment.run.RunResult::diverged).count();
    if (diverged > 0) {
      stderr.printf(Locale.ROOT, "lowrank sweep: %d of %d runs diverged (marked DIVERGED in results.csv); reduce the "
          + "step (method.step or method.step_fraction) where they did%n", diverged, outcome.results().size());
      stderr.flush();
      return Main.EXIT_DIVERGED;
    }
    return Main.EXIT_OK;
  }

  /** figures/<id>.svg and figures/<id>.csv for every figure; the relative paths of the SVGs. */
  static List<String> writeFigures(Path dir, SweepFigures figures) throws IOException {
    return FigureFiles.write(dir, figures.figures(), figures.heatmaps()).stream().filter(f -> f.endsWith(".svg"))
        .toList();
  }

  static Map<String, Object> summary(SweepJob.Outcome o, List<String> figures, String version, int workers) {
    SweepSpec sweep = o.plan().sweep();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", "sweep");
    m.put("lowrank_version", version);
    m.put("title", sweep.title());
    m.put("sweep", sweep.resolved());
    m.put("points", o.points().size());
    m.put("runs", o.plan().runs().size());
    m.put("loaded", o.loaded());
    m.put("ran", o.ran());
    m.put("diverged", o.results().values().stream().filter(io.lowrank.experiment.run.RunResult::diverged).count());
    m.put("threads", workers);
    m.put("wall_seconds", o.wallSeconds());
    m.put("files", List.of(ResultsCsv.RESULTS, ResultsCsv.AGGREGATE, SweepJob.REPORT));
    m.put("figures", figures);
    List<Map<String, Object>> pts = new ArrayList<>();
    for (PointSummary p : o.points()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("point", p.point().index());
      Map<String, Object> values = new LinkedHashMap<>();
      p.point().values().forEach((k, v) -> values.put(k, Axis.text(v)));
      e.put("values", values);
      e.put("runs", p.runs());
      e.put("diverged", p.diverged());
      e.put("success_rate", p.successRate());
      Map<String, Object> metrics = new LinkedHashMap<>();
      p.metrics().forEach((k, s) -> metrics.put(k, Map.of("median", s.median(), "q25", s.q25(), "q75", s.q75(),
          "min", s.min(), "max", s.max())));
      e.put("metrics", metrics);
      e.put("run_ids", p.point().runs().stream().map(RunSpec::id).toList());
      pts.add(e);
    }
    m.put("grid", pts);
    return m;
  }

  private static void print(PrintWriter o, SweepJob.Outcome outcome, Path dir, List<String> figures) {
    SweepSpec sweep = outcome.plan().sweep();
    o.printf(Locale.ROOT, "%s%n%d grid points x %s = %d runs (%d loaded, %d run) in %.1f s%n", sweep.title(),
        outcome.points().size(), sweep.seeded() ? sweep.seeds().length + " seeds" : "1 run",
        outcome.plan().runs().size(), outcome.loaded(), outcome.ran(), outcome.wallSeconds());
    List<PointSummary> pts = outcome.points();
    int shown = Math.min(pts.size(), 40);
    StringBuilder head = new StringBuilder();
    for (Axis a : sweep.axes()) {
      head.append(String.format(Locale.ROOT, "%-14s ", shorten(a.name(), 14)));
    }
    if (sweep.success() != null) {
      head.append(String.format(Locale.ROOT, "%8s ", "success"));
    }
    String m0 = sweep.metrics().get(0);
    head.append(String.format(Locale.ROOT, "%12s", shorten(m0, 12)));
    o.println();
    o.println(head.toString().stripTrailing());
    for (int i = 0; i < shown; i++) {
      PointSummary p = pts.get(i);
      StringBuilder b = new StringBuilder();
      for (Axis a : sweep.axes()) {
        b.append(String.format(Locale.ROOT, "%-14s ", shorten(Axis.text(p.point().values().get(a.name())), 14)));
      }
      if (sweep.success() != null) {
        b.append(String.format(Locale.ROOT, "%8.2f ", p.successRate()));
      }
      b.append(String.format(Locale.ROOT, "%12.3e", p.metrics().get(m0).median()));
      o.println(b.toString().stripTrailing());
    }
    if (shown < pts.size()) {
      o.printf(Locale.ROOT, "... %d more grid points in %s%n", pts.size() - shown, dir.resolve(ResultsCsv.AGGREGATE));
    }
    o.println();
    o.printf(Locale.ROOT, "report: %s   tables: %s, %s%n", dir.resolve(SweepJob.REPORT), dir.resolve(ResultsCsv.RESULTS),
        dir.resolve(ResultsCsv.AGGREGATE));
    if (!figures.isEmpty()) {
      o.printf(Locale.ROOT, "figures: %s%n", String.join(", ", figures.stream().map(f -> dir.resolve(f).toString())
          .toList()));
    }
  }

  private static String shorten(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "~";
  }

  private static String seedsText(long[] seeds) {
    return seeds.length <= 6 ? java.util.Arrays.toString(seeds) : seeds.length + " seeds";
  }

  private static String stem(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
