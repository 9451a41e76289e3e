package io.lowrank.experiment.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import io.lowrank.experiment.figure.Figure;
import io.lowrank.experiment.figure.Heatmap;
import io.lowrank.experiment.figure.Series;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of a sweep, chosen from its axes (only axes with more than one value count):
 * <ul>
 *   <li>one axis: every metric (and the success rate) against it, the median over seeds as a line
 *       with the interquartile range as a band; a categorical axis gives a one-row heatmap instead;
 *   <li>two axes: the success rate (or the first metric's median) as a heatmap over both, with the
 *       contour where half the seeds succeed: the phase-transition diagram; and, when the first axis
 *       is numeric, the first metric against it with one line per value of the second;
 *   <li>more axes: the heatmap of the first two for every combination of the others (at most
 *       {@link #MAX_PANELS}).
 * </ul>
 *
 * @param figures line figures
 * @param heatmaps heatmaps
 */
public record SweepFigures(List<Figure> figures, List<Heatmap> heatmaps) {
  /** Most heatmaps for sweeps of three or more axes. */
  public static final int MAX_PANELS = 12;

  /** The figures of a sweep's point summaries. */
  public static SweepFigures of(SweepSpec sweep, List<PointSummary> points) {
    // one dimension per group of axes that vary together (a zip group is a single dimension, named by its first axis)
    List<Axis> varying = sweep.groups().stream().map(g -> g.get(0)).filter(a -> a.size() > 1).toList();
    List<Figure> figures = new ArrayList<>();
    List<Heatmap> heatmaps = new ArrayList<>();
    boolean success = sweep.success() != null;
    if (varying.size() == 1) {
      Axis x = varying.get(0);
      if (x.numeric()) {
        if (success) {
          figures.add(line(sweep, points, x, null, "success-rate", "success rate (" + sweep.success() + ")"));
        }
        for (String m : sweep.metrics()) {
          figures.add(line(sweep, points, x, m, "metric-" + slug(m), m + " (median over seeds, band: IQR)"));
        }
      } else {
        String z = success ? null : sweep.metrics().get(0);
        heatmaps.add(heatmap(sweep, points, x, null, z, Map.of(), "heatmap"));
      }
    } else if (varying.size() >= 2) {
      Axis x = varying.get(1);
      Axis y = varying.get(0);
      String z = success ? null : sweep.metrics().get(0);
      List<Axis> rest = varying.subList(2, varying.size());
      List<Map<String, JsonNode>> combos = combinations(rest);
      for (int i = 0; i < Math.min(MAX_PANELS, combos.size()); i++) {
        Map<String, JsonNode> fixed = combos.get(i);
        String id = "heatmap" + (fixed.isEmpty() ? "" : "-" + (i + 1));
        heatmaps.add(heatmap(sweep, points, x, y, z, fixed, id));
      }
      if (rest.isEmpty() && x.numeric() && y.size() <= 8) {
        String m = sweep.metrics().get(0);
        figures.add(lines(sweep, points, x, y, m));
      }
    }
    return new SweepFigures(List.copyOf(figures), List.copyOf(heatmaps));
  }

  /** The summaries of the points whose values match {@code fixed}. */
  private static List<PointSummary> matching(List<PointSummary> points, Map<String, JsonNode> fixed) {
    return points.stream().filter(p -> fixed.entrySet().stream().allMatch(e ->
        p.point().values().get(e.getKey()).equals(e.getValue()))).toList();
  }

  private static Figure line(SweepSpec sweep, List<PointSummary> points, Axis x, String metric, String id,
      String title) {
    double[] xs = x.values().stream().mapToDouble(JsonNode::asDouble).toArray();
    double[] mid = new double[xs.length];
    double[] lo = new double[xs.length];
    double[] hi = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      JsonNode v = x.values().get(i);
      List<PointSummary> at = points.stream().filter(p -> p.point().values().get(x.name()).equals(v)).toList();
      PointSummary p = at.get(0);
      if (metric == null) {
        mid[i] = lo[i] = hi[i] = p.successRate();
      } else {
        PointSummary.Spread s = p.metrics().get(metric);
        mid[i] = s.median();
        lo[i] = s.q25();
        hi[i] = s.q75();
      }
    }
    Figure.Builder b = Figure.builder(id, title + " vs " + x.name())
        .x(x.name(), logScale(xs)).y(metric == null ? "success rate" : metric, metric != null && logScale(mid));
    if (metric == null) {
      b.add(Series.linePoints("success rate over " + seedsText(sweep), xs, mid, Series.Color.qualitative(0)));
    } else {
      b.add(Series.lineBand("median over " + seedsText(sweep), xs, mid, lo, hi, Series.Color.qualitative(0)));
    }
    return b.build();
  }

  private static Figure lines(SweepSpec sweep, List<PointSummary> points, Axis x, Axis y, String metric) {
    double[] xs = x.values().stream().mapToDouble(JsonNode::asDouble).toArray();
    List<double[]> mids = new ArrayList<>();
    boolean positive = true;
    for (JsonNode yv : y.values()) {
      double[] mid = new double[xs.length];
      for (int i = 0; i < xs.length; i++) {
        JsonNode xv = x.values().get(i);
        PointSummary p = points.stream().filter(s -> s.point().values().get(x.name()).equals(xv)
            && s.point().values().get(y.name()).equals(yv)).findFirst().orElseThrow();
        mid[i] = p.metrics().get(metric).median();
        positive &= !(mid[i] <= 0);
      }
      mids.add(mid);
    }
    boolean log = positive && logScale(mids.stream().flatMapToDouble(java.util.Arrays::stream).toArray());
    Figure.Builder b = Figure.builder("metric-" + slug(metric) + "-by-" + slug(y.name()),
        metric + " (median over " + seedsText(sweep) + ") vs " + x.name() + ", one line per " + y.name())
        .x(x.name(), logScale(xs)).y(metric, log);
    for (int k = 0; k < mids.size(); k++) {
      b.add(Series.linePoints(y.name() + " = " + Axis.text(y.values().get(k)), xs, mids.get(k),
          Series.Color.sequential(k, mids.size())));
    }
    return b.build();
  }

  private static Heatmap heatmap(SweepSpec sweep, List<PointSummary> points, Axis x, Axis y, String metric,
      Map<String, JsonNode> fixed, String id) {
    List<PointSummary> sel = matching(points, fixed);
    List<String> xs = x.values().stream().map(Axis::text).toList();
    List<String> ys = y == null ? List.of("") : y.values().stream().map(Axis::text).toList();
    double[][] z = new double[ys.size()][xs.size()];
    double zmin = Double.POSITIVE_INFINITY;
    double zmax = Double.NEGATIVE_INFINITY;
    for (int r = 0; r < ys.size(); r++) {
      for (int c = 0; c < xs.size(); c++) {
        JsonNode xv = x.values().get(c);
        JsonNode yv = y == null ? null : y.values().get(r);
        double v = Double.NaN;
        for (PointSummary p : sel) {
          if (p.point().values().get(x.name()).equals(xv) && (y == null || p.point().values().get(y.name()).equals(yv))) {
            v = metric == null ? p.successRate() : p.metrics().get(metric).median();
            break;
          }
        }
        boolean log = metric != null;
        z[r][c] = log && v > 0 ? Math.log10(v) : log ? Double.NaN : v;
        if (!Double.isNaN(z[r][c])) {
          zmin = Math.min(zmin, z[r][c]);
          zmax = Math.max(zmax, z[r][c]);
        }
      }
    }
    boolean rate = metric == null;
    if (rate) {
      zmin = 0;
      zmax = 1;
    } else if (!(zmax >= zmin)) {
      zmin = 0;
      zmax = 1;
    }
    StringBuilder where = new StringBuilder();
    fixed.forEach((k, v) -> where.append(where.length() == 0 ? " at " : ", ").append(k).append(" = ")
        .append(Axis.text(v)));
    String what = rate ? "success rate (" + sweep.success() + ") over " + seedsText(sweep)
        : "log10 median " + metric + " over " + seedsText(sweep);
    String title = (rate ? "Success rate" : "Median " + metric) + " over " + x.name()
        + (y == null ? "" : " × " + y.name()) + where;
    return new Heatmap(id, title, x.name(), y == null ? "" : y.name(), xs, ys, z, what, zmin, zmax,
        rate ? 0.5 : Double.NaN);
  }

  private static List<Map<String, JsonNode>> combinations(List<Axis> axes) {
    List<Map<String, JsonNode>> out = new ArrayList<>();
    out.add(new LinkedHashMap<>());
    for (Axis a : axes) {
      List<Map<String, JsonNode>> next = new ArrayList<>();
      for (Map<String, JsonNode> m : out) {
        for (JsonNode v : a.values()) {
          Map<String, JsonNode> c = new LinkedHashMap<>(m);
          c.put(a.name(), v);
          next.add(c);
        }
      }
      out = next;
    }
    return out;
  }

  /** Log scale when every value is positive and they span at least two decades. */
  static boolean logScale(double[] v) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (double x : v) {
      if (Double.isNaN(x)) {
        continue;
      }
      if (x <= 0) {
        return false;
      }
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
    return hi > 0 && hi / lo >= 100;
  }

  private static String seedsText(SweepSpec sweep) {
    return sweep.seeded() ? sweep.seeds().length + " seed" + (sweep.seeds().length == 1 ? "" : "s") : "1 run";
  }

  static String slug(String s) {
    return s.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "").toLowerCase(java.util.Locale.ROOT);
  }
}
