package io.lowrank.report;

import io.lowrank.experiment.figure.Figure;
import io.lowrank.experiment.figure.Series;
import io.lowrank.report.svg.Grid;
import io.lowrank.report.svg.Palette;
import io.lowrank.report.svg.Plot;
import io.lowrank.report.svg.Scale;

/** Renders experiment {@link Figure}s (plain data) to inline SVG with the svg package. */
public final class FigureRenderer {
  /** Phase band colours (I, II, III), light and distinct from the data palette. */
  private static final String[] BAND_COLORS = {"#9ecae1", "#fdd0a2", "#c7e9c0"};

  private FigureRenderer() {}

  /** An SVG element for the figure: a single plot, or a two-column grid of panels. */
  public static String svg(Figure f) {
    if (!f.panels().isEmpty()) {
      Plot[] panels = f.panels().stream().map(FigureRenderer::plot).toArray(Plot[]::new);
      return Grid.of(2, f.title(), panels).toSvg(520, 360);
    }
    return plot(f).toSvg(760, 460);
  }

  static Plot plot(Figure f) {
    Plot.Builder b = Plot.builder().id(f.id()).title(f.title()).xLabel(f.xLabel()).yLabel(f.yLabel())
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
    if (f.annotation() != null) {
      b.annotation(f.annotation());
    }
    return b.build();
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
