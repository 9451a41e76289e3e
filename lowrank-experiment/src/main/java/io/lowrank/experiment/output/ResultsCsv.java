package io.lowrank.experiment.output;

import io.lowrank.diagnostics.Columns;
import io.lowrank.diagnostics.PhaseBoundaries;
import io.lowrank.experiment.formats.AtomicFiles;
import io.lowrank.experiment.run.RunResult;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.sweep.Axis;
import io.lowrank.experiment.sweep.PointSummary;
import io.lowrank.experiment.sweep.SweepPlan;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tables of a sweep. {@code results.csv}: one tidy row per run — grid point, every axis value,
 * seed, run id, termination, iterations, success, the final value of every recorded column, the
 * phases, and last the timing columns (names ending in {@code _s}). {@code aggregate.csv}: one row
 * per grid point — axis values, runs, diverged runs, success rate, and for every metric its median,
 * quartiles and extremes over the seeds, then the median solve time ({@code median_solve_s}). Numbers in full precision,
 * empty fields where undefined; everything but the {@code _s} columns is the same for equal sweeps,
 * however often they were interrupted and resumed.
 */
public final class ResultsCsv {
  public static final String RESULTS = "results.csv";
  public static final String AGGREGATE = "aggregate.csv";

  private ResultsCsv() {}

  /** Writes both tables into {@code dir}, atomically. */
  public static void write(Path dir, SweepPlan plan, Map<RunSpec, RunResult> results, List<PointSummary> points)
      throws IOException {
    AtomicFiles.writeText(dir.resolve(RESULTS), w -> results(w, plan, results));
    AtomicFiles.writeText(dir.resolve(AGGREGATE), w -> aggregate(w, plan, points));
  }

  /** The final-value columns of the results: every trajectory column some run recorded, in a fixed order. */
  static List<String> finalColumns(Iterable<RunResult> results) {
    Set<String> seen = new LinkedHashSet<>();
    for (RunResult r : results) {
      seen.addAll(r.history().columns());
    }
    List<String> out = new ArrayList<>();
    for (String c : Columns.TRAJECTORY) {
      if (seen.contains(c) && !c.equals(Columns.ITERATION)) {
        out.add(c);
      }
    }
    seen.stream().filter(c -> c.startsWith("sv_")).sorted(Comparator.comparingInt(c -> Integer.parseInt(c.substring(3))))
        .forEach(out::add);
    return out;
  }

  static void results(Writer w, SweepPlan plan, Map<RunSpec, RunResult> results) throws IOException {
    List<String> axes = plan.sweep().axes().stream().map(Axis::name).toList();
    List<String> finals = finalColumns(results.values());
    boolean success = plan.sweep().success() != null;
    List<String> header = new ArrayList<>(List.of("point"));
    header.addAll(axes);
    header.addAll(List.of("seed", "id", "termination", "iterations"));
    if (success) {
      header.add("success");
    }
    header.addAll(finals);
    header.addAll(List.of("t1", "t2", "phase3_rate", "floor", "setup_s", "solve_s", "wall_s"));
    line(w, header);
    for (SweepPlan.Run run : plan.runs()) {
      RunResult r = results.get(run.spec());
      List<String> f = new ArrayList<>();
      f.add(Integer.toString(run.point().index()));
      for (String a : axes) {
        f.add(Axis.text(run.point().values().get(a)));
      }
      f.add(Long.toString(run.seed()));
      f.add(run.spec().id());
      f.add(r.solve().termination().name());
      f.add(Integer.toString(r.solve().iterations()));
      if (success) {
        f.add(plan.sweep().success().test(r) ? "1" : "0");
      }
      for (String c : finals) {
        f.add(r.diverged() || !r.history().has(c) || r.history().size() == 0 ? "" : HistoryCsv.format(r.last(c)));
      }
      PhaseBoundaries p = r.phases();
      f.add(p == null || p.t1() < 0 ? "" : Integer.toString(p.t1()));
      f.add(p == null || p.t2() < 0 ? "" : Integer.toString(p.t2()));
      f.add(p == null ? "" : HistoryCsv.format(p.rate()));
      f.add(p == null ? "" : HistoryCsv.format(p.floor()));
      f.add(HistoryCsv.format(r.setupSeconds()));
      f.add(HistoryCsv.format(r.solve().solveNanos() * 1e-9));
      f.add(HistoryCsv.format(r.wallSeconds()));
      line(w, f);
    }
  }

  static void aggregate(Writer w, SweepPlan plan, List<PointSummary> points) throws IOException {
    List<String> axes = plan.sweep().axes().stream().map(Axis::name).toList();
    boolean success = plan.sweep().success() != null;
    List<String> header = new ArrayList<>(List.of("point"));
    header.addAll(axes);
    header.addAll(List.of("runs", "diverged"));
    if (success) {
      header.add("success_rate");
    }
    for (String m : plan.sweep().metrics()) {
      String k = m.replace(':', '_');
      header.addAll(List.of(k + "_median", k + "_q25", k + "_q75", k + "_min", k + "_max", k + "_defined"));
    }
    header.add("median_solve_s");
    line(w, header);
    for (PointSummary s : points) {
      List<String> f = new ArrayList<>();
      f.add(Integer.toString(s.point().index()));
      for (String a : axes) {
        f.add(Axis.text(s.point().values().get(a)));
      }
      f.add(Integer.toString(s.runs()));
      f.add(Integer.toString(s.diverged()));
      if (success) {
        f.add(HistoryCsv.format(s.successRate()));
      }
      for (PointSummary.Spread sp : s.metrics().values()) {
        f.add(HistoryCsv.format(sp.median()));
        f.add(HistoryCsv.format(sp.q25()));
        f.add(HistoryCsv.format(sp.q75()));
        f.add(HistoryCsv.format(sp.min()));
        f.add(HistoryCsv.format(sp.max()));
        f.add(Integer.toString(sp.defined()));
      }
      f.add(HistoryCsv.format(s.medianSolveSeconds()));
      line(w, f);
    }
  }

  private static void line(Writer w, List<String> fields) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(quote(fields.get(i)));
    }
    w.write(b.append('\n').toString());
  }

  /** RFC 4180 quoting when a field holds a comma, a quote or a line break. */
  static String quote(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
