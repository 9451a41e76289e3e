package io.lowrank.experiment.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lowrank.diagnostics.Columns;
import io.lowrank.experiment.formats.BadInputException;
import io.lowrank.experiment.spec.SpecFiles;
import io.lowrank.experiment.spec.SpecPaths;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A sweep (docs/math.md §12, "Sweeps"): a base run spec, axes over spec keys, how the axes combine,
 * the seeds every grid point runs with, and what counts as a success.
 *
 * <pre>
 * title: Phase transition of GD from a small start
 * base:                              # a run spec; every key not swept keeps its value
 *   problem: {model: goe, n: 40}
 *   init: {alpha: 1.0e-6}
 * axes:                              # grid product by default, first axis outermost
 *   problem.r: {from: 1, to: 6, step: 1}
 *   problem.oversampling: [1, 1.5, 2, 3, 4, 6, 8]
 * zip: [[problem.n, problem.m]]     # optional: axes that vary together (equal lengths)
 * seeds: 5                           # seeds 1..5, or a list [1, 7, 9]; aggregated per grid point
 * success: test_error &lt; 1e-3       # optional
 * metrics: [test_error, iterations]  # aggregated columns (default test_error, relative_residual, iterations)
 * </pre>
 *
 * @param document the sweep file as read, with the command line's {@code --set} applied
 * @param title a title for the report
 * @param sets the {@code --set} assignments that go to the base spec
 * @param axes the axes, in file order
 * @param groups how the axes combine: each group varies together (one axis, or a zip group); the
 *     grid is the product of the groups, the first outermost
 * @param seeds the seeds of every grid point (empty when {@code seed} is itself an axis)
 * @param success the success criterion, or null
 * @param metrics the aggregated metrics (criterion columns: a history column, min:column or iterations)
 * @param options sets keys of the base from command-line options (before the {@code --set}s)
 */
public record SweepSpec(SpecFiles.Document document, String title, List<String> sets, List<Axis> axes,
    List<List<Axis>> groups, long[] seeds, Criterion success, List<String> metrics,
    Consumer<SpecFiles.Source> options) {

  /** The keys of a sweep file. */
  public static final List<String> KEYS = List.of("title", "base", "axes", "zip", "seeds", "success", "metrics");
  /** The default metrics. */
  public static final List<String> DEFAULT_METRICS = List.of(Columns.TEST_ERROR, Columns.RELATIVE_RESIDUAL, "iterations");
  /** Most runs one sweep may have. */
  public static final int MAX_RUNS = 1_000_000;

  /** Reads a sweep file and applies {@code --set} assignments (sweep keys to the sweep, others to the base). */
  public static SweepSpec read(Path file, List<String> sets) throws IOException {
    return of(SpecFiles.readDocument(file, "a sweep file (YAML or JSON with base, axes, seeds, success)"), sets);
  }

  /** Parses sweep text (see {@link #read}). */
  public static SweepSpec parse(String text, String name, List<String> sets) {
    return of(SpecFiles.parseDocument(text, name, "a sweep (YAML or JSON with base, axes, seeds, success)"), sets);
  }

  static SweepSpec of(SpecFiles.Document given, List<String> sets) {
    SpecFiles.Document doc = given;
    ObjectNode tree = doc.tree();
    for (Iterator<String> it = tree.fieldNames(); it.hasNext();) {
      String k = it.next();
      if (!KEYS.contains(k)) {
        throw new BadInputException(doc.where(k) + ": " + k + ": unknown key of a sweep; accepted: "
            + String.join(", ", KEYS) + " (spec keys go under base)");
      }
    }
    List<String> baseSets = new ArrayList<>();
    for (String a : sets) {
      int eq = a.indexOf('=');
      String key = eq > 0 ? a.substring(0, eq).strip() : "";
      if (List.of("title", "seeds", "success", "metrics").contains(key)) {
        tree.set(key, SpecFiles.yamlValue(a.substring(eq + 1), "--set " + a));
        doc = doc.withOrigin(key, "--set " + a);
      } else {
        baseSets.add(a);
      }
    }
    String title = tree.has("title") ? tree.get("title").asText() : doc.name();
    if (!tree.has("axes") || !tree.get("axes").isObject() || tree.get("axes").isEmpty()) {
      throw new BadInputException(doc.where("axes") + ": the sweep has no axes; accepted: axes: a map from a spec "
          + "key to its values, e.g. axes: {alpha: [1e-2, 1e-4, 1e-6]}");
    }
    List<Axis> axes = new ArrayList<>();
    Set<String> paths = new LinkedHashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = tree.get("axes").fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      String path = SpecPaths.canonical(name);
      if (!paths.add(path)) {
        throw new BadInputException(doc.where("axes." + name) + ": axes." + name + " sweeps " + path
            + " a second time; accepted: each key once");
      }
      axes.add(new Axis(name, path, Axis.values(name, e.getValue(), doc.where("axes." + name))));
    }
    List<List<Axis>> groups = groups(doc, tree.get("zip"), axes);
    long[] seeds = seeds(doc, tree.get("seeds"), paths.contains("seed"));
    Criterion success = null;
    if (tree.has("success") && !tree.get("success").isNull()) {
      if (!tree.get("success").isTextual()) {
        throw new BadInputException(doc.where("success") + ": success is " + tree.get("success") + "; accepted: a "
            + "text such as 'test_error < 1e-3'");
      }
      success = Criterion.parse(tree.get("success").asText(), doc.where("success"));
    }
    List<String> metrics = metrics(doc, tree.get("metrics"));
    long runs = seeds == null ? 1 : Math.max(1, seeds.length);
    for (List<Axis> g : groups) {
      runs *= g.get(0).size();
      if (runs > MAX_RUNS) {
        throw new BadInputException(doc.where("axes") + ": the sweep has more than " + MAX_RUNS + " runs; accepted: "
            + "fewer values or seeds");
      }
    }
    return new SweepSpec(doc, title, List.copyOf(baseSets), List.copyOf(axes), groups, seeds, success, metrics,
        source -> {});
  }

  private static List<List<Axis>> groups(SpecFiles.Document doc, JsonNode zip, List<Axis> axes) {
    List<List<Axis>> zipped = new ArrayList<>();
    if (zip != null && !zip.isNull()) {
      String accepted = "accepted: zip: true (all axes together) or a list of groups of axis keys, e.g. "
          + "zip: [[problem.n, problem.m]]";
      if (zip.isBoolean()) {
        if (zip.asBoolean()) {
          zipped.add(axes);
        }
      } else if (zip.isArray()) {
        for (JsonNode g : zip) {
          if (!g.isArray() || g.size() < 2) {
            throw new BadInputException(doc.where("zip") + ": zip group " + g + " is invalid; " + accepted);
          }
          List<Axis> group = new ArrayList<>();
          for (JsonNode k : g) {
            Axis a = axes.stream().filter(x -> x.name().equals(k.asText()) || x.path().equals(SpecPaths.canonical(
                k.asText()))).findFirst().orElseThrow(() -> new BadInputException(doc.where("zip") + ": zip names '"
                    + k.asText() + "', which is not an axis; accepted: the keys under axes"));
            if (zipped.stream().anyMatch(z -> z.contains(a)) || group.contains(a)) {
              throw new BadInputException(doc.where("zip") + ": axis " + a.name() + " is in two zip groups; "
                  + "accepted: each axis in at most one group");
            }
            group.add(a);
          }
          zipped.add(group);
        }
      } else {
        throw new BadInputException(doc.where("zip") + ": zip is " + zip + "; " + accepted);
      }
    }
    for (List<Axis> g : zipped) {
      for (Axis a : g) {
        if (a.size() != g.get(0).size()) {
          throw new BadInputException(doc.where("zip") + ": zipped axes " + g.get(0).name() + " (" + g.get(0).size()
              + " values) and " + a.name() + " (" + a.size() + " values) differ in length; accepted: equal lengths");
        }
      }
    }
    List<List<Axis>> out = new ArrayList<>();
    Set<Axis> placed = new LinkedHashSet<>();
    for (Axis a : axes) {
      if (placed.contains(a)) {
        continue;
      }
      List<Axis> group = zipped.stream().filter(z -> z.contains(a)).findFirst().orElse(List.of(a));
      placed.addAll(group);
      out.add(List.copyOf(group));
    }
    return List.copyOf(out);
  }

  private static long[] seeds(SpecFiles.Document doc, JsonNode node, boolean seedAxis) {
    if (seedAxis) {
      if (node != null && !node.isNull()) {
        throw new BadInputException(doc.where("seeds") + ": seed is an axis, so seeds cannot also be given; "
            + "accepted: one of them");
      }
      return new long[0];
    }
    String accepted = "accepted: a count such as 5 (seeds 1..5) or a list of seeds such as [1, 7, 9]";
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isIntegralNumber()) {
      long k = node.asLong();
      if (k < 1 || k > 100_000) {
        throw new BadInputException(doc.where("seeds") + ": seeds " + k + " is invalid; " + accepted);
      }
      long[] s = new long[(int) k];
      for (int i = 0; i < k; i++) {
        s[i] = i + 1;
      }
      return s;
    }
    if (node.isArray() && !node.isEmpty()) {
      long[] s = new long[node.size()];
      Set<Long> seen = new java.util.HashSet<>();
      for (int i = 0; i < s.length; i++) {
        JsonNode v = node.get(i);
        if (!v.isIntegralNumber() || !seen.add(v.asLong())) {
          throw new BadInputException(doc.where("seeds") + ": seeds " + node + " is invalid (" + v + (v.isIntegralNumber()
              ? " repeats" : " is not an integer") + "); " + accepted);
        }
        s[i] = v.asLong();
      }
      return s;
    }
    throw new BadInputException(doc.where("seeds") + ": seeds " + node + " is invalid; " + accepted);
  }

  private static List<String> metrics(SpecFiles.Document doc, JsonNode node) {
    if (node == null || node.isNull()) {
      return DEFAULT_METRICS;
    }
    if (!node.isArray() || node.isEmpty()) {
      throw new BadInputException(doc.where("metrics") + ": metrics " + node + " is invalid; accepted: a list of "
          + "history columns, e.g. [test_error, iterations]");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode m : node) {
      String c = m.asText();
      Criterion.parse(c + " < 0", doc.where("metrics"));
      if (!out.contains(c)) {
        out.add(c);
      }
    }
    return List.copyOf(out);
  }

  /** True when the seeds were given (else every point runs once, with the base spec's seed). */
  public boolean seeded() {
    return seeds != null && seeds.length > 0;
  }

  /** The number of grid points. */
  public int points() {
    int p = 1;
    for (List<Axis> g : groups) {
      p *= g.get(0).size();
    }
    return p;
  }

  /** The base spec (options and --set applied) as YAML text. */
  public String baseYaml() {
    return SpecFiles.yaml(base().tree());
  }

  /** This sweep with command-line options that set keys of the base (e.g. --iters). */
  public SweepSpec withOptions(Consumer<SpecFiles.Source> baseOptions) {
    return new SweepSpec(document, title, sets, axes, groups, seeds, success, metrics, baseOptions);
  }

  /** The base spec document with the options and {@code --set} assignments applied (a fresh copy each call). */
  public SpecFiles.Source base() {
    SpecFiles.Source s = document.spec("base");
    options.accept(s);
    s.setAll(sets);
    return s;
  }

  /**
   * The sweep as a resolved document: title, the base with the --set assignments, every axis's
   * values in full, the groups, seeds, success and metrics (what a sweep directory records).
   */
  public ObjectNode resolved() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("title", title);
    o.set("base", base().tree());
    ObjectNode ax = o.putObject("axes");
    for (Axis a : axes) {
      var arr = ax.putArray(a.name());
      a.values().forEach(arr::add);
    }
    var zip = o.putArray("zip");
    for (List<Axis> g : groups) {
      if (g.size() > 1) {
        var arr = zip.addArray();
        g.forEach(a -> arr.add(a.name()));
      }
    }
    if (seeds != null) {
      var arr = o.putArray("seeds");
      for (long s : seeds) {
        arr.add(s);
      }
    }
    if (success != null) {
      o.put("success", success.toString());
    }
    var m = o.putArray("metrics");
    metrics.forEach(m::add);
    return o;
  }
}
