package io.lowrank.report.svg;

import io.lowrank.experiment.figure.Heatmap;
import java.util.Locale;

/**
 * Renders a {@link Heatmap} as a complete {@code <svg>} element: one cell per grid point coloured on
 * the viridis scale (dark = low, light = high; empty cells hatched grey), the value printed in
 * every cell when the grid is small enough to read it, category labels on both axes, a colour bar,
 * and the contour at the heatmap's level drawn as a thick line along the cell edges that separate
 * values below the level from values at or above it. Deterministic: equal heatmaps give equal text.
 */
public final class HeatmapPlot {
  private static final double LEFT = 110;
  private static final double TOP = 58;
  private static final double RIGHT = 90;
  private static final double BOTTOM = 70;
  private static final String CONTOUR = "#d62728";

  private HeatmapPlot() {}

  /** The heatmap as SVG of the given size (at least 120 x 120 pixels). */
  public static String svg(Heatmap h, int width, int height) {
    Plot.checkSize(width, height);
    int nx = h.x().size();
    int ny = h.y().size();
    double x0 = LEFT;
    double y0 = TOP;
    double x1 = width - RIGHT;
    double y1 = height - BOTTOM;
    double cw = (x1 - x0) / Math.max(1, nx);
    double ch = (y1 - y0) / Math.max(1, ny);
    String id = "lrh" + Long.toHexString(hash(h, width, height));
    SvgWriter w = new SvgWriter();
    w.open("svg", "xmlns", "http://www.w3.org/2000/svg", "width", width, "height", height, "viewBox",
        "0 0 " + width + " " + height, "font-family", SvgWriter.FONT, "role", "img", "aria-label",
        RichText.plain(h.title()));
    w.raw("\n");
    w.open("title").text(RichText.plain(h.title())).close("title");
    w.open("defs");
    w.open("pattern", "id", id + "-empty", "width", 6, "height", 6, "patternUnits", "userSpaceOnUse");
    w.empty("rect", "width", 6, "height", 6, "fill", "#f2f2f2");
    w.line(0, 6, 6, 0, "#bbbbbb", 1, null);
    w.close("pattern");
    w.close("defs");
    w.text(width / 2.0, 22, h.title(), PlotRenderer.TITLE_FS, "middle", PlotRenderer.TEXT, "font-weight", "600");
    w.text(width / 2.0, 42, "colour: " + h.zLabel(), PlotRenderer.SMALL_FS, "middle", "#555555");
    boolean labels = cw >= 34 && ch >= 16;
    for (int r = 0; r < ny; r++) {
      for (int c = 0; c < nx; c++) {
        double v = h.z()[r][c];
        double cx = x0 + c * cw;
        double cy = y1 - (r + 1) * ch;
        double t = fraction(v, h.zMin(), h.zMax());
        String fill = Double.isNaN(v) ? "url(#" + id + "-empty)" : Palette.sequential(t);
        w.empty("rect", "x", cx, "y", cy, "width", cw, "height", ch, "fill", fill, "stroke", "#ffffff",
            "stroke-width", 0.5);
        if (labels && !Double.isNaN(v)) {
          w.text(cx + cw / 2, cy + ch / 2 + 4, format(v), PlotRenderer.SMALL_FS, "middle",
              t > 0.55 ? "#111111" : "#ffffff");
        }
      }
    }
    if (!Double.isNaN(h.contour())) {
      contour(w, h, x0, y1, cw, ch);
    }
    int every = Math.max(1, (int) Math.ceil(nx * 40.0 / (x1 - x0)));
    for (int c = 0; c < nx; c += every) {
      w.text(x0 + (c + 0.5) * cw, y1 + 18, h.x().get(c), PlotRenderer.TICK_FS, "middle", PlotRenderer.TEXT);
    }
    int everyY = Math.max(1, (int) Math.ceil(ny * 18.0 / (y1 - y0)));
    for (int r = 0; r < ny; r += everyY) {
      w.text(x0 - 8, y1 - (r + 0.5) * ch + 4, h.y().get(r), PlotRenderer.TICK_FS, "end", PlotRenderer.TEXT);
    }
    w.text((x0 + x1) / 2, height - 22, h.xLabel(), PlotRenderer.LABEL_FS, "middle", PlotRenderer.TEXT);
    double ly = (y0 + y1) / 2;
    w.text(24, ly, h.yLabel(), PlotRenderer.LABEL_FS, "middle", PlotRenderer.TEXT, "transform",
        "rotate(-90 24 " + SvgWriter.num(ly) + ")");
    colourBar(w, h, x1 + 28, y0, y1, id);
    w.close("svg");
    return w.toString();
  }

  /** Thick segments on every cell edge between a value below the level and one at or above it. */
  private static void contour(SvgWriter w, Heatmap h, double x0, double y1, double cw, double ch) {
    int nx = h.x().size();
    int ny = h.y().size();
    double level = h.contour();
    StringBuilder d = new StringBuilder();
    for (int r = 0; r < ny; r++) {
      for (int c = 0; c < nx; c++) {
        double v = h.z()[r][c];
        if (Double.isNaN(v)) {
          continue;
        }
        boolean up = v >= level;
        if (c + 1 < nx && !Double.isNaN(h.z()[r][c + 1]) && (h.z()[r][c + 1] >= level) != up) {
          double x = x0 + (c + 1) * cw;
          d.append(String.format(Locale.ROOT, "M%s %sV%s", SvgWriter.num(x), SvgWriter.num(y1 - r * ch),
              SvgWriter.num(y1 - (r + 1) * ch)));
        }
        if (r + 1 < ny && !Double.isNaN(h.z()[r + 1][c]) && (h.z()[r + 1][c] >= level) != up) {
          double y = y1 - (r + 1) * ch;
          d.append(String.format(Locale.ROOT, "M%s %sH%s", SvgWriter.num(x0 + c * cw), SvgWriter.num(y),
              SvgWriter.num(x0 + (c + 1) * cw)));
        }
      }
    }
    if (d.length() > 0) {
      w.empty("path", "d", d.toString(), "fill", "none", "stroke", CONTOUR, "stroke-width", 3,
          "stroke-linecap", "square", "class", "lr-contour");
    }
  }

  private static void colourBar(SvgWriter w, Heatmap h, double x, double y0, double y1, String id) {
    double bw = 16;
    w.open("defs");
    w.open("linearGradient", "id", id + "-bar", "x1", 0, "y1", 1, "x2", 0, "y2", 0);
    for (int i = 0; i <= 8; i++) {
      w.empty("stop", "offset", SvgWriter.num(i / 8.0), "stop-color", Palette.sequential(i / 8.0));
    }
    w.close("linearGradient");
    w.close("defs");
    w.empty("rect", "x", x, "y", y0, "width", bw, "height", y1 - y0, "fill", "url(#" + id + "-bar)", "stroke",
        "#888888", "stroke-width", 0.5);
    w.text(x + bw + 5, y0 + 10, format(h.zMax()), PlotRenderer.SMALL_FS, "start", PlotRenderer.TEXT);
    w.text(x + bw + 5, y1, format(h.zMin()), PlotRenderer.SMALL_FS, "start", PlotRenderer.TEXT);
    if (!Double.isNaN(h.contour())) {
      double f = fraction(h.contour(), h.zMin(), h.zMax());
      double y = y1 - f * (y1 - y0);
      w.line(x - 3, y, x + bw + 3, y, CONTOUR, 2, null);
      w.text(x + bw + 5, y + 4, format(h.contour()), PlotRenderer.SMALL_FS, "start", CONTOUR);
    }
  }

  private static double fraction(double v, double lo, double hi) {
    if (Double.isNaN(v)) {
      return 0;
    }
    if (!(hi > lo)) {
      return 0.5;
    }
    return Math.max(0, Math.min(1, (v - lo) / (hi - lo)));
  }

  /** A cell value: 2 significant digits (0.25, 1.2e-05). */
  public static String format(double v) {
    if (v == 0) {
      return "0";
    }
    double a = Math.abs(v);
    if (a >= 1e-2 && a < 1e4) {
      String s = String.format(Locale.ROOT, a >= 10 ? "%.0f" : a >= 1 ? "%.2g" : "%.2f", v);
      return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
    return String.format(Locale.ROOT, "%.1e", v);
  }

  private static long hash(Heatmap h, int width, int height) {
    long x = Fnv.SEED;
    x = Fnv.mix(x, h.title());
    for (double[] row : h.z()) {
      x = Fnv.mix(x, row);
    }
    return Fnv.mix(Fnv.mix(x, width), height);
  }
}
