package io.lowrank.report.svg;

/** The overlays of a plot that are not data series: shaded bands and reference lines. */
final class Overlays {
  private Overlays() {}

  /** Translucent full-height vertical band over {@code [x0, x1]}. */
  record Band(double x0, double x1, String label, String color) {}

  /** Vertical ({@code vertical = true}) or horizontal reference line. */
  record RefLine(boolean vertical, double value, String label, String color) {}
}
