package io.lowrank.report;

import io.lowrank.experiment.figure.Figure;
import io.lowrank.experiment.figure.Series;
import io.lowrank.report.svg.Grid;
import io.lowrank.report.svg.Palette;
import io.lowrank.report.svg.Plot;
import io.lowrank.report.svg.Scale;

/** Renders experiment {@link Figure}s (plain data) to inline SVG with the svg package. */
public final class FigureRenderer {
  /** Phase band colours (I, II, III): mid tones of blue, orange and green, drawn translucent under the data. */
  private static final String[] BAND_COLORS = {"#6baed6", "#fd8d3c", "#74c476"};

  private FigureRenderer() {}

  /**
   * An SVG element for the figure: a single plot, or a two-column grid of panels with one legend
   * shared by all panels (each series once) to the right of the grid.
   */
  public static String svg(Figure f) {
    if (!f.panels().isEmpty()) {
      Plot[] panels = f.panels().stream().map(FigureRenderer::plot).toArray(Plot[]::new);
      return Grid.withSharedLegend(2, f.title(), panels).toSvg(520, 360);
    }
    return plot(f).toSvg(760, 460);
  }

  static Plot plot(Figure f) {
    Plot.Builder b = Plot.builder().id(f.id()).title(f.title()).xLabel(logLabel(f.xLabel(), f.xLog()))
        .yLabel(logLabel(f.yLabel(), f.yLog()))
        .xScale(f.xLog() ? Scale.LOG : Scale.LINEAR).yScale(f.yLog() ? Scale.LOG : Scale.LINEAR);
    for (int i = 0; i < f.bands().size(); i++) {
      Figure.Band band = f.bands().get(i);
      b.band(band.from(), band.to(), band.label(), BAND_COLORS[i % BAND_COLORS.length]);
    }
    for (Series s : f.series()) {
      String c = color(s.color());
      switch (s.style()) {
        case LINE -> b.line(s.label(), s.x(), s.y(), c);
        case DASHED -> b.dashedLine(s.label(), s.x(), s.y(), c);
        case POINTS -> b.points(s.label(), s.x(), s.y(), c);
        case MISSED -> b.missed(s.label(), s.x(), s.y(), c);
        case LINE_POINTS -> b.linePoints(s.label(), s.x(), s.y(), c);
        case ERROR_BARS -> b.errorBars(s.label(), s.x(), s.y(), s.lo(), s.hi(), c);
        case LINE_BAND -> b.lineBand(s.label(), s.x(), s.y(), s.lo(), s.hi(), c);
      }
    }
    for (Figure.Marker m : f.vlines()) {
      b.vline(m.at(), m.label(), color(m.color()));
    }
    for (Figure.Marker m : f.hlines()) {
      b.hline(m.at(), m.label(), color(m.color()));
    }
    if (f.xTicks() != null) {
      b.xTicks(f.xTicks());
    }
    if (f.xRange() != null) {
      b.xRange(f.xRange()[0], f.xRange()[1]);
    }
    if (f.yTicks() != null) {
      b.yTicks(f.yTicks());
    }
    if (f.annotation() != null) {
      b.annotation(f.annotation());
    }
    return b.build();
  }

  /**
   * An axis label that says when its axis is logarithmic (the style guide, docs/figures.md): "(log
   * scale)" is appended unless the label already says "log".
   */
  static String logLabel(String label, boolean log) {
    if (!log || label == null || label.isBlank() || label.toLowerCase(java.util.Locale.ROOT).contains("log")) {
      return label;
    }
    return label + " (log scale)";
  }

  /** The palette colour of a colour key. */
  static String color(Series.Color c) {
    if (c == null) {
      return null;
    }
    if (c.literal() != null) {
      return c.literal();
    }
    if (c.isNeutral()) {
      return "#555555";
    }
    return c.sequential() ? Palette.sequential(c.index(), c.count()) : Palette.color(c.index());
  }
}
