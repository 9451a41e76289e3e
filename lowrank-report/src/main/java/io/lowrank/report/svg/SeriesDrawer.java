package io.lowrank.report.svg;

import io.lowrank.experiment.figure.Series;
import java.util.List;

/**
 * Draws the data series of a plot: all lines first (clipped to the plot area), then all
 * markers and error bars on top (clipped to the plot area grown by a marker radius, so markers
 * sitting exactly on the frame stay whole). Registers what it draws as legend obstacles.
 */
final class SeriesDrawer {

    /**
     * Horizontal pixel offset between error-bar series: with several of them, series k of n is
     * shifted by {@code (k - (n - 1) / 2) * DODGE} so bars at equal x stay distinguishable.
     */
    static final double DODGE = 7;

    private final Plot p;
    private final String[] colors;
    private final Axis xa;
    private final Axis ya;
    private final double px0;
    private final double py0;
    private final double px1;
    private final double py1;

    /** {@code area = {x0, y0, x1, y1}} is the plot area in pixels. */
    SeriesDrawer(Plot plot, String[] colors, Axis xa, Axis ya, double[] area) {
        this.p = plot;
        this.colors = colors;
        this.xa = xa;
        this.ya = ya;
        this.px0 = area[0];
        this.py0 = area[1];
        this.px1 = area[2];
        this.py1 = area[3];
    }

    private double x(double v) {
        return px0 + xa.frac(v) * (px1 - px0);
    }

    private double y(double v) {
        return py1 - ya.frac(v) * (py1 - py0);
    }

    void draw(SvgWriter out, String id, Placement.Obstacles obs) {
        double[] clip = {px0 - 2, py0 - 2, px1 + 2, py1 + 2};
        drawBands(out, id);
        out.open("g", "clip-path", "url(#" + id + "-clip)", "class", "lr-lines", "fill", "none",
                "stroke-linejoin", "round", "stroke-linecap", "round").raw("\n");
        for (int s = 0; s < p.series.size(); s++) {
            Series ser = p.series.get(s);
            if (!ser.style().line()) {
                continue;
            }
            double[] px = new double[ser.x().length];
            double[] py = new double[ser.x().length];
            for (int i = 0; i < px.length; i++) {
                boolean ok = xa.valid(ser.x()[i]) && ya.valid(ser.y()[i]);
                px[i] = ok ? x(ser.x()[i]) : Double.NaN;
                py[i] = ok ? y(ser.y()[i]) : Double.NaN;
            }
            List<double[]> polys = Geometry.polylines(px, py, clip);
            for (double[] poly : polys) {
                StringBuilder pts = new StringBuilder(poly.length * 7);
                for (int k = 0; k < poly.length; k += 2) {
                    if (k > 0) {
                        pts.append(' ');
                    }
                    pts.append(SvgWriter.num(poly[k])).append(',')
                            .append(SvgWriter.num(poly[k + 1]));
                    if (k > 0) {
                        obs.segment(poly[k - 2], poly[k - 1], poly[k], poly[k + 1], 1);
                    } else {
                        obs.point(poly[0], poly[1], 1);
                    }
                }
                out.empty("polyline", "points", pts.toString(), "stroke", colors[s],
                        "stroke-width", PlotRenderer.LINE_W,
                        "stroke-dasharray", (ser.style() == Series.Style.DASHED) ? PlotRenderer.DASH : null);
            }
        }
        out.close("g");
        out.open("g", "clip-path", "url(#" + id + "-mclip)", "class", "lr-markers").raw("\n");
        long bars = p.series.stream().filter(x -> x.style() == Series.Style.ERROR_BARS).count();
        int k = 0;
        for (int s = 0; s < p.series.size(); s++) {
            Series ser = p.series.get(s);
            double dodge = 0;
            if (ser.style() == Series.Style.ERROR_BARS) {
                dodge = (k++ - (bars - 1) / 2.0) * DODGE;
            }
            if (ser.style().markers()) {
                drawMarkers(out, ser, colors[s], dodge, obs);
            }
        }
        out.close("g");
    }

    /**
     * The translucent lo..hi areas of the band series, under everything else: one polygon per run
     * of consecutive points whose x, lo and hi are all drawable.
     */
    private void drawBands(SvgWriter out, String id) {
        boolean any = p.series.stream().anyMatch(x -> x.style() == Series.Style.LINE_BAND);
        if (!any) {
            return;
        }
        out.open("g", "clip-path", "url(#" + id + "-clip)", "class", "lr-bands", "stroke", "none").raw("\n");
        for (int s = 0; s < p.series.size(); s++) {
            Series ser = p.series.get(s);
            if (ser.style() != Series.Style.LINE_BAND) {
                continue;
            }
            int n = ser.x().length;
            int i = 0;
            while (i < n) {
                int j = i;
                while (j < n && xa.valid(ser.x()[j]) && ya.valid(ser.lo()[j]) && ya.valid(ser.hi()[j])) {
                    j++;
                }
                if (j - i >= 2) {
                    StringBuilder pts = new StringBuilder();
                    for (int k = i; k < j; k++) {
                        pts.append(pts.length() == 0 ? "" : " ").append(SvgWriter.num(x(ser.x()[k]))).append(',')
                                .append(SvgWriter.num(y(ser.hi()[k])));
                    }
                    for (int k = j - 1; k >= i; k--) {
                        pts.append(' ').append(SvgWriter.num(x(ser.x()[k]))).append(',')
                                .append(SvgWriter.num(y(ser.lo()[k])));
                    }
                    out.empty("polygon", "points", pts.toString(), "fill", colors[s], "fill-opacity", "0.18");
                }
                i = Math.max(j, i + 1);
            }
        }
        out.close("g");
    }

    private boolean visible(double cx, double cy, double slack) {
        return cx >= px0 - slack && cx <= px1 + slack && cy >= py0 - slack && cy <= py1 + slack;
    }

    private void drawMarkers(SvgWriter out, Series ser, String color, double dodge,
            Placement.Obstacles obs) {
        double r = PlotRenderer.MARKER_R + 1;
        for (int i = 0; i < ser.x().length; i++) {
            if (!xa.valid(ser.x()[i])) {
                continue;
            }
            double cx = x(ser.x()[i]) + dodge;
            if (cx < px0 - r || cx > px1 + r) {
                continue;
            }
            if (ser.style() == Series.Style.ERROR_BARS) {
                drawBar(out, cx, ser.lo()[i], ser.hi()[i], color, obs);
            }
            if (ya.valid(ser.y()[i])) {
                double cy = y(ser.y()[i]);
                if (visible(cx, cy, r)) {
                    if (ser.style() == Series.Style.MISSED) {
                        PlotRenderer.cross(out, cx, cy, color);
                    } else {
                        PlotRenderer.marker(out, cx, cy, color);
                    }
                    obs.point(cx, cy, 3);
                }
            }
        }
    }

    /**
     * Error bar between {@code lo} and {@code hi}. On a log axis a non-positive lower end is
     * drawn as reaching the bottom edge (without a cap); other invalid ends skip the bar.
     */
    private void drawBar(SvgWriter out, double cx, double lo, double hi, String color,
            Placement.Obstacles obs) {
        boolean loOk = ya.valid(lo);
        boolean hiOk = ya.valid(hi);
        boolean loBelow = !loOk && ya.scale == Scale.LOG && Double.isFinite(lo) && lo <= 0;
        if (!hiOk || !(loOk || loBelow)) {
            return;
        }
        double a = loOk ? y(lo) : py1 + 2;
        double b = y(hi);
        double top = Math.min(a, b);
        double bot = Math.max(a, b);
        if (bot < py0 - 2 || top > py1 + 2) {
            return;
        }
        double ct = Math.max(top, py0 - 2);
        double cb = Math.min(bot, py1 + 2);
        boolean capTop = top >= py0 - 2 && (a < b ? loOk : true);
        boolean capBot = bot <= py1 + 2 && (a < b ? true : loOk);
        PlotRenderer.errorBar(out, cx, ct, cb, capTop, capBot, color);
        obs.segment(cx, ct, cx, cb, 1);
    }
}
