package io.lowrank.experiment.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import io.lowrank.experiment.formats.BadInputException;
import io.lowrank.experiment.spec.ProblemSpec;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.spec.SpecFiles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep expanded into grid points and runs. Every point is validated as a run spec before any
 * work, so a value that does not fit (a rank above n, a key the model does not have) is one line
 * naming the file, the axis and the value.
 *
 * @param sweep what was expanded
 * @param points the grid points, the first group outermost, the last fastest
 * @param runs every run, point by point, seeds innermost
 */
public record SweepPlan(SweepSpec sweep, List<Point> points, List<Run> runs) {

  /**
   * One grid point: the value of every axis and the run of every seed.
   *
   * @param index position in the grid (0-based)
   * @param values axis name -> value, in axis order
   * @param runs one spec per seed (one spec when the sweep has no seeds)
   */
  public record Point(int index, Map<String, JsonNode> values, List<RunSpec> runs) {
    /** The value of an axis as text ({@link Axis#text}). */
    public String text(String axis) {
      return Axis.text(values.get(axis));
    }
  }

  /** One run of a point. */
  public record Run(Point point, long seed, RunSpec spec) {}

  /** Expands {@code sweep}. */
  public static SweepPlan of(SweepSpec sweep) {
    SpecFiles.Source base = sweep.base();
    List<List<Axis>> groups = sweep.groups();
    int[] index = new int[groups.size()];
    int count = sweep.points();
    List<Point> points = new ArrayList<>(count);
    List<Run> runs = new ArrayList<>();
    Map<RunSpec, String> seen = new HashMap<>();
    for (int p = 0; p < count; p++) {
      Map<String, JsonNode> values = new LinkedHashMap<>();
      for (int g = 0; g < groups.size(); g++) {
        for (Axis a : groups.get(g)) {
          values.put(a.name(), a.values().get(index[g]));
        }
      }
      RunSpec spec = spec(sweep, base, values);
      List<RunSpec> specs = new ArrayList<>();
      if (sweep.seeded()) {
        for (long s : sweep.seeds()) {
          specs.add(spec.withSeed(s));
        }
      } else {
        specs.add(spec);
      }
      Point point = new Point(p, java.util.Collections.unmodifiableMap(values), List.copyOf(specs));
      points.add(point);
      for (RunSpec s : specs) {
        String label = describe(values) + ", seed " + s.seed();
        String earlier = seen.putIfAbsent(s, label);
        if (earlier != null) {
          throw new BadInputException(sweep.document().where("axes") + ": the points " + earlier + " and " + label
              + " are the same run; accepted: axis values that give distinct runs");
        }
        runs.add(new Run(point, s.seed(), s));
      }
      for (int g = groups.size() - 1; g >= 0; g--) {
        if (++index[g] < groups.get(g).get(0).size()) {
          break;
        }
        index[g] = 0;
      }
    }
    return new SweepPlan(sweep, List.copyOf(points), List.copyOf(runs));
  }

  /** The spec of one point (seed from the base, or from a seed axis). */
  static RunSpec spec(SweepSpec sweep, SpecFiles.Source base, Map<String, JsonNode> values) {
    SpecFiles.Source src = base.copy();
    JsonNode width = null;
    String widthAxis = null;
    for (Axis a : sweep.axes()) {
      JsonNode v = values.get(a.name());
      String origin = sweep.document().where("axes." + a.name()) + ": axis " + a.name();
      if (a.path().equals("width") && v.isTextual()) {
        width = v;
        widthAxis = origin;
        continue;
      }
      src.option(a.path(), v, origin, Axis.text(v));
    }
    if (width != null) {
      RunSpec probe = src.copy().bind();
      ProblemSpec p = probe.problem();
      if (p.rows() == null || p.rank() == null) {
        throw new BadInputException(widthAxis + " " + width.asText() + ": the words r and n need a planted problem "
            + "with known n and r; accepted: integer widths");
      }
      Integer w = Axis.width(width.asText(), Math.min(p.rows(), p.cols()), p.rank());
      if (w == null) {
        throw new BadInputException(widthAxis + " " + width.asText() + " is invalid; accepted: an integer, r, <k>r "
            + "(e.g. 2r) or n");
      }
      src.option("width", w, widthAxis, width.asText() + " (= " + w + ")");
    }
    return src.bind();
  }

  /** "problem.r = 3, alpha = 1e-06" for messages. */
  static String describe(Map<String, JsonNode> values) {
    StringBuilder b = new StringBuilder();
    values.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(" = ").append(Axis.text(v)));
    return b.toString();
  }

  /** The distinct run specs, in plan order. */
  public List<RunSpec> specs() {
    return runs.stream().map(Run::spec).toList();
  }
}
