package io.lowrank.experiment.output;

import io.lowrank.experiment.figure.Figure;
import io.lowrank.experiment.figure.Heatmap;
import io.lowrank.experiment.figure.Series;
import java.util.ArrayList;
import java.util.List;

/**
 * The data behind a figure as CSV, so that it can be replotted elsewhere: for a line figure one row
 * per point, {@code series,x,y,lo,hi}, with a leading {@code panel} column (the panel's title) for a
 * grid of panels; for a heatmap one row per cell, {@code x,y,value}. Full precision, empty fields
 * where undefined (lo and hi exist for error bars and bands only).
 */
public final class FigureCsv {
  private FigureCsv() {}

  /** The CSV text of a line figure (its panels' series too). */
  public static String of(Figure f) {
    boolean grid = !f.panels().isEmpty();
    StringBuilder b = new StringBuilder(grid ? "panel,series,x,y,lo,hi\n" : "series,x,y,lo,hi\n");
    List<Figure> all = new ArrayList<>();
    all.add(f);
    all.addAll(f.panels());
    for (Figure p : all) {
      for (Series s : p.series()) {
        for (int i = 0; i < s.x().length; i++) {
          if (grid) {
            b.append(ResultsCsv.quote(p.title() == null ? "" : p.title())).append(',');
          }
          b.append(ResultsCsv.quote(s.label())).append(',').append(HistoryCsv.format(s.x()[i])).append(',')
              .append(HistoryCsv.format(s.y()[i])).append(',')
              .append(s.lo() == null ? "" : HistoryCsv.format(s.lo()[i])).append(',')
              .append(s.hi() == null ? "" : HistoryCsv.format(s.hi()[i])).append('\n');
        }
      }
    }
    return b.toString();
  }

  /** The CSV text of a heatmap: one row per cell. */
  public static String of(Heatmap h) {
    StringBuilder b = new StringBuilder();
    b.append(ResultsCsv.quote(h.xLabel().isEmpty() ? "x" : h.xLabel())).append(',')
        .append(ResultsCsv.quote(h.yLabel().isEmpty() ? "y" : h.yLabel())).append(",value\n");
    for (int r = 0; r < h.y().size(); r++) {
      for (int c = 0; c < h.x().size(); c++) {
        b.append(ResultsCsv.quote(h.x().get(c))).append(',').append(ResultsCsv.quote(h.y().get(r))).append(',')
            .append(HistoryCsv.format(h.z()[r][c])).append('\n');
      }
    }
    return b.toString();
  }
}
