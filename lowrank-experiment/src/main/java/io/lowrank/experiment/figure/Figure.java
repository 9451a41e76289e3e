package io.lowrank.experiment.figure;

import java.util.ArrayList;
import java.util.List;

/**
 * A figure as plain data: axes, series, phase bands and marker lines, or a grid of panels. The
 * report module renders it; experiments only describe it.
 *
 * @param id stable identifier (file names, anchors)
 * @param title caption title
 * @param xLabel x-axis label with units
 * @param yLabel y-axis label with units
 * @param xLog log-scale x axis
 * @param yLog log-scale y axis
 * @param series data
 * @param bands shaded vertical bands (phases)
 * @param vlines vertical marker lines
 * @param hlines horizontal reference lines
 * @param annotation a short text drawn in the plot (fitted slopes etc.), or null
 * @param panels sub-figures for a grid (then series etc. are empty), laid out in two columns
 * @param xTicks explicit x tick positions, or null for automatic ticks
 * @param xRange fixed x range {lo, hi} (e.g. the same for every panel of a grid), or null for automatic
 * @param yTicks explicit y tick positions (e.g. labels below 100 on a short log axis), or null
 */
public record Figure(String id, String title, String xLabel, String yLabel, boolean xLog, boolean yLog,
    List<Series> series, List<Band> bands, List<Marker> vlines, List<Marker> hlines, String annotation,
    List<Figure> panels, double[] xTicks, double[] xRange, double[] yTicks) {

  /** A shaded x-interval. */
  public record Band(double from, double to, String label) {}

  /** A reference line at a position. */
  public record Marker(double at, String label, Series.Color color) {}

  /** A mutable builder. */
  public static Builder builder(String id, String title) {
    return new Builder(id, title);
  }

  /** A grid figure of panels. */
  public static Figure grid(String id, String title, List<Figure> panels) {
    return new Figure(id, title, "", "", false, false, List.of(), List.of(), List.of(), List.of(), null, List.copyOf(panels), null, null,
        null);
  }

  /** Builds a {@link Figure}. */
  public static final class Builder {
    private final String id;
    private final String title;
    private String xLabel = "";
    private String yLabel = "";
    private boolean xLog;
    private boolean yLog;
    private final List<Series> series = new ArrayList<>();
    private final List<Band> bands = new ArrayList<>();
    private final List<Marker> vlines = new ArrayList<>();
    private final List<Marker> hlines = new ArrayList<>();
    private String annotation;
    private double[] xTicks;
    private double[] xRange;
    private double[] yTicks;

    private Builder(String id, String title) {
      this.id = id;
      this.title = title;
    }

    public Builder x(String label, boolean log) {
      this.xLabel = label;
      this.xLog = log;
      return this;
    }

    public Builder y(String label, boolean log) {
      this.yLabel = label;
      this.yLog = log;
      return this;
    }

    public Builder add(Series s) {
      series.add(s);
      return this;
    }

    public Builder band(double from, double to, String label) {
      bands.add(new Band(from, to, label));
      return this;
    }

    public Builder vline(double at, String label, Series.Color c) {
      vlines.add(new Marker(at, label, c));
      return this;
    }

    public Builder hline(double at, String label, Series.Color c) {
      hlines.add(new Marker(at, label, c));
      return this;
    }

    public Builder xTicks(double... ticks) {
      this.xTicks = ticks.clone();
      return this;
    }

    /** A fixed x range (lo &lt; hi; both positive on a log axis). */
    public Builder xRange(double lo, double hi) {
      if (!(lo < hi)) {
        throw new IllegalArgumentException("x range needs lo < hi, got " + lo + ", " + hi);
      }
      this.xRange = new double[] {lo, hi};
      return this;
    }

    public Builder yTicks(double... ticks) {
      this.yTicks = ticks.clone();
      return this;
    }

    public Builder annotation(String text) {
      this.annotation = text;
      return this;
    }

    public Figure build() {
      return new Figure(id, title, xLabel, yLabel, xLog, yLog, List.copyOf(series), List.copyOf(bands),
          List.copyOf(vlines), List.copyOf(hlines), annotation, List.of(), xTicks, xRange, yTicks);
    }
  }
}
