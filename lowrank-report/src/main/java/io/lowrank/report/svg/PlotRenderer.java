package io.lowrank.report.svg;

import io.lowrank.experiment.figure.Series;

import java.util.ArrayList;
import java.util.List;

/** Lays out and draws one {@link Plot} into an {@link SvgWriter} (one render, then discarded). */
final class PlotRenderer {

    static final double TICK_FS = 13;
    static final double LABEL_FS = 14;
    static final double TITLE_FS = 15;
    /** Width factor of the semi-bold title font relative to the regular width estimate. */
    static final double BOLD = 1.1;
    static final double SMALL_FS = 11;
    static final double TICK_LEN = 5;
    static final double MINOR_LEN = 3;
    static final double MARKER_R = 3.6;
    static final double LINE_W = 1.8;
    static final String DASH = "6,4";
    static final String TEXT = "#222222";
    /**
     * Largest obstacle weight (about 3 pixels of line per unit) an automatically placed legend
     * may cover before it is moved outside the plot area...
     */
    private static final double MAX_LEGEND_COST = 30;
    /** ... and largest share of all drawn data it may cover. */
    private static final double MAX_LEGEND_SHARE = 0.04;
    private static final String BAND_DEFAULT = "#888888";
    static final String REF_DEFAULT = "#555555";

    private final Plot p;
    private final double w;
    private final double h;
    private final String id;
    private final String[] colors;
    private Axis xa;
    private Axis ya;
    private boolean hasData;
    private double px0;
    private double py0;
    private double px1;
    private double py1;
    private List<Ticks.Tick> xt;
    private List<Ticks.Tick> yt;
    private Legend legend;
    private boolean legendShared;
    private double legendX;
    private Double yMax;
    private double[] minMargins = new double[4];
    private boolean prepared;
    private boolean legendOutside;

    PlotRenderer(Plot plot, double width, double height, String id) {
        this.p = plot;
        this.w = width;
        this.h = height;
        this.id = id;
        this.colors = new String[plot.series.size()];
        int auto = 0;
        for (int i = 0; i < colors.length; i++) {
            String c = Plot.colorOf(plot.series.get(i));
            colors[i] = c != null ? c : Palette.color(auto++);
        }
    }

    /**
     * Lower bounds {left, top, right, bottom} for the margins around the plot area; a
     * {@link Grid} uses them to align the axes of panels in the same row or column.
     */
    void minMargins(double[] margins) {
        this.minMargins = margins.clone();
        this.prepared = false;
    }

    /** Margins {left, top, right, bottom} around the plot area after layout. */
    double[] margins() {
        prepare();
        return new double[] {px0, py0, w - px1, h - py1};
    }

    private void prepare() {
        if (!prepared) {
            hasData = false;
            resolveAxes();
            buildLegend();
            legendOutside = legend != null && p.legendPosition == LegendPosition.OUTSIDE_RIGHT;
            layout();
            if (legend != null && p.legendPosition == LegendPosition.AUTO && !legendFitsInside()) {
                legendOutside = true;
                layout();
            }
            prepared = true;
        }
    }

    /**
     * Whether an automatically placed legend fits into a corner of the plot area without
     * covering much data; otherwise it goes to the right of the plot area.
     */
    private boolean legendFitsInside() {
        double[] area = {px0, py0, px1, py1};
        double topInset = topInset();
        if (legend.height() > py1 - py0 - topInset - Placement.INSET
                || legend.width() > 0.6 * (px1 - px0)) {
            return false;
        }
        Placement.Obstacles obs = new Placement.Obstacles();
        drawContent(new SvgWriter(), obs); // dry run, only to collect what the legend may cover
        double[] size = {legend.width(), legend.height()};
        List<String> lines = Legend.noteLines(p.annotations);
        LegendPosition[] pos = Placement.choose(size, LegendPosition.AUTO,
                lines.isEmpty() ? null : Legend.noteSize(lines), p.annotationPosition, area,
                topInset, obs);
        double allowed = Math.min(MAX_LEGEND_COST, Math.max(4, MAX_LEGEND_SHARE * obs.total()));
        return obs.cost(Placement.corner(pos[0], size[0], size[1], area, topInset)) <= allowed;
    }

    private double topInset() {
        boolean bandLabels = p.bands.stream().anyMatch(b -> OverlayLabels.hasText(b.label()));
        return Placement.INSET + (bandLabels ? 18 : 0);
    }

    /** Draws the whole plot (background included) in the coordinate box (0,0)-(w,h). */
    void render(SvgWriter out) {
        prepare();
        double[] cr = {px0, py0, px1 - px0, py1 - py0};
        out.open("defs").raw("\n");
        out.open("clipPath", "id", id + "-clip").raw("\n");
        out.empty("rect", "x", cr[0], "y", cr[1], "width", cr[2], "height", cr[3]);
        out.close("clipPath");
        double m = MARKER_R + 1.5;
        out.open("clipPath", "id", id + "-mclip").raw("\n");
        out.empty("rect", "x", cr[0] - m, "y", cr[1] - m, "width", cr[2] + 2 * m,
                "height", cr[3] + 2 * m);
        out.close("clipPath").close("defs");
        out.empty("rect", "width", w, "height", h, "fill", "#ffffff");
        Placement.Obstacles obs = new Placement.Obstacles();
        drawContent(out, obs);
        drawBoxes(out, obs);
    }

    /** Everything except legend and annotation boxes; records obstacles for their placement. */
    private void drawContent(SvgWriter out, Placement.Obstacles obs) {
        drawBandsAndGrid(out);
        drawRefLines(out, obs);
        SeriesDrawer sd = new SeriesDrawer(p, colors, xa, ya, new double[] {px0, py0, px1, py1});
        sd.draw(out, id, obs);
        AxisPainter.frameAndTicks(out, xa, ya, xt, yt, new double[] {px0, py0, px1, py1});
        drawLabels(out);
        new OverlayLabels(p, xa, ya, new double[] {px0, py0, px1, py1}).draw(out, obs);
        if (!hasData) {
            double cx = (px0 + px1) / 2;
            double cy = (py0 + py1) / 2;
            out.text(cx, cy, "no data", LABEL_FS, "middle", "#888888", "font-style", "italic",
                    "class", "lr-nodata");
            obs.rect(cx - 30, cy - 12, 60, 16, 100);
        }
    }

    // ---------------------------------------------------------------- axes and layout

    private void resolveAxes() {
        Axis.Extent ex = new Axis.Extent(p.xScale);
        Axis.Extent ey = new Axis.Extent(p.yScale);
        for (Series s : p.series) {
            for (int i = 0; i < s.x().length; i++) {
                if (!Axis.valid(p.xScale, s.x()[i])) {
                    continue;
                }
                boolean any = false;
                for (double v : s.lo() == null ? new double[] {s.y()[i]}
                        : new double[] {s.y()[i], s.lo()[i], s.hi()[i]}) {
                    if (Axis.valid(p.yScale, v)) {
                        ey.add(v);
                        any = true;
                    }
                }
                if (any) {
                    ex.add(s.x()[i]);
                    hasData = true;
                }
            }
        }
        for (Overlays.Band b : p.bands) {
            ex.add(b.x0());
            ex.add(b.x1());
        }
        for (Overlays.RefLine r : p.refLines) {
            (r.vertical() ? ex : ey).add(r.value());
        }
        xa = Axis.resolve(p.xScale, p.xRange, ex);
        ya = Axis.resolve(p.yScale, p.yRange, ey);
        yMax = ey.isEmpty() ? null : ey.max;
    }

    /** This panel's legend is drawn by its {@link Grid} (shared by all panels): the panel draws none. */
    void shareLegend() {
        this.legendShared = true;
        this.prepared = false;
    }

    /** The legend entries of this plot's labelled series. */
    List<Legend.Entry> legendEntries() {
        List<Legend.Entry> entries = new ArrayList<>();
        for (int i = 0; i < p.series.size(); i++) {
            Series s = p.series.get(i);
            if (s.label() != null && !s.label().isBlank()) {
                entries.add(new Legend.Entry(s.label(), colors[i], s.style(), s.style() == Series.Style.DASHED));
            }
        }
        return entries;
    }

    private void buildLegend() {
        List<Legend.Entry> entries = legendEntries();
        legend = p.legend && !legendShared && !entries.isEmpty() ? new Legend(entries) : null;
    }

    double x(double v) {
        return px0 + xa.frac(v) * (px1 - px0);
    }

    double y(double v) {
        return py1 - ya.frac(v) * (py1 - py0);
    }

    private void layout() {
        boolean outside = legendOutside;
        boolean bandLabels = p.bands.stream().anyMatch(b -> OverlayLabels.hasText(b.label()));
        Axis yBase = ya;
        double left = 60;
        double over = 0;
        boolean xSup = p.xScale == Scale.LOG;
        for (int pass = 0; pass < 4; pass++) {
            double right = Math.max(minMargins[2], outside
                    ? legend.width() + Math.max(12, over + 6) + 10 : Math.max(14, over + 2));
            px0 = left;
            px1 = Math.max(px0 + 40, w - right);
            int rows = new OverlayLabels(p, xa, ya, new double[] {px0, 0, px1, 1}).rows();
            py0 = Math.max(minMargins[1], 10 + (p.title != null ? TITLE_FS + 8 : 0)
                    + rows * OverlayLabels.ROW + (rows > 0 ? 4 : 0));
            double bottom = Math.max(minMargins[3], TICK_LEN + 3 + (xSup ? 13 : 10.5) + 4
                    + (p.xLabel != null ? LABEL_FS + 8 : 0) + 6);
            py1 = Math.max(py0 + 40, h - bottom);
            ya = yBase;
            double room = (OverlayLabels.BAND_FS + 8) / (py1 - py0);
            if (bandLabels && p.yRange == null && yMax != null && ya.frac(yMax) > 1 - room) {
                ya = yBase.withValueAt(yMax, 1 - room); // keep band labels clear of the data
            }
            yt = AxisPainter.fitTicks(ya, p.yTicks, false, py1 - py0);
            double maxW = 0;
            for (Ticks.Tick t : yt) {
                if (t.label() != null) {
                    maxW = Math.max(maxW, RichText.widthOf(t.label(), TICK_FS));
                }
            }
            left = Math.max(minMargins[0], Math.max(30,
                    8 + (p.yLabel != null ? LABEL_FS + 8 : 0) + maxW + 4 + TICK_LEN));
            px0 = left;
            px1 = Math.max(px0 + 40, w - right);
            xt = AxisPainter.fitTicks(xa, p.xTicks, true, px1 - px0);
            xSup = AxisPainter.hasSuperscript(xt);
            over = 0;
            for (Ticks.Tick t : xt) {
                if (t.label() != null) {
                    double half = RichText.widthOf(t.label(), TICK_FS) / 2;
                    over = Math.max(over, x(t.value()) + half - px1);
                }
            }
        }
        legendX = px1 + Math.max(12, over + 6);
    }

    // ---------------------------------------------------------------- drawing

    /** Opacity of phase bands: visible in print and in greyscale, light enough for the data on top. */
    static final double BAND_OPACITY = 0.25;

    private void drawBandsAndGrid(SvgWriter out) {
        out.open("g", "clip-path", "url(#" + id + "-clip)", "class", "lr-bands").raw("\n");
        for (Overlays.Band b : p.bands) {
            if (!xa.valid(b.x0()) || !xa.valid(b.x1())) {
                continue;
            }
            double a = Math.max(px0, Math.min(x(b.x0()), x(b.x1())));
            double c = Math.min(px1, Math.max(x(b.x0()), x(b.x1())));
            if (c > a) {
                out.empty("rect", "x", a, "y", py0, "width", c - a, "height", py1 - py0,
                        "fill", b.color() == null ? BAND_DEFAULT : b.color(),
                        "fill-opacity", BAND_OPACITY);
            }
        }
        out.close("g");
        AxisPainter.grid(out, xa, ya, xt, yt, new double[] {px0, py0, px1, py1});
    }

    private void drawRefLines(SvgWriter out, Placement.Obstacles obstacles) {
        out.open("g", "clip-path", "url(#" + id + "-clip)", "class", "lr-reflines").raw("\n");
        for (Overlays.RefLine r : p.refLines) {
            String c = r.color() == null ? REF_DEFAULT : r.color();
            if (r.vertical() && xa.valid(r.value())) {
                double xx = x(r.value());
                out.line(xx, py0, xx, py1, c, 1.2, "5,3");
                obstacles.segment(xx, py0, xx, py1, 0.3);
            } else if (!r.vertical() && ya.valid(r.value())) {
                double yy = y(r.value());
                out.line(px0, yy, px1, yy, c, 1.2, "5,3");
                obstacles.segment(px0, yy, px1, yy, 0.3);
            }
        }
        out.close("g");
    }

    private void drawLabels(SvgWriter out) {
        double cx = (px0 + px1) / 2;
        if (p.title != null) {
            // Centred over the plot area; shrunk (down to 11px) if wider than the figure.
            double tw = BOLD * RichText.widthOf(p.title, TITLE_FS);
            double fs = Math.max(11, Math.min(TITLE_FS, TITLE_FS * (w - 12) / tw));
            double half = BOLD * RichText.widthOf(p.title, fs) / 2;
            double tx = Math.max(6 + half, Math.min(w - 6 - half, cx));
            out.text(tx, 10 + TITLE_FS * 0.8, p.title, fs, "middle", "#111111",
                    "font-weight", "600", "class", "lr-title");
        }
        if (p.xLabel != null) {
            double base = py1 + TICK_LEN + 3 + (AxisPainter.hasSuperscript(xt) ? 13 : 10.5) + 8
                    + LABEL_FS * 0.8;
            out.text(cx, base, p.xLabel, LABEL_FS, "middle", TEXT, "class", "lr-xlabel");
        }
        if (p.yLabel != null) {
            double lx = 8 + LABEL_FS * 0.8;
            double ly = (py0 + py1) / 2;
            out.text(lx, ly, p.yLabel, LABEL_FS, "middle", TEXT, "transform",
                    "rotate(-90 " + SvgWriter.num(lx) + " " + SvgWriter.num(ly) + ")",
                    "class", "lr-ylabel");
        }
    }

    private void drawBoxes(SvgWriter out, Placement.Obstacles obstacles) {
        double topInset = topInset();
        double[] area = {px0, py0, px1, py1};
        List<String> lines = Legend.noteLines(p.annotations);
        double[] noteSize = lines.isEmpty() ? null : Legend.noteSize(lines);
        double[] legendSize = legend == null || legendOutside ? null
                : new double[] {legend.width(), legend.height()};
        LegendPosition[] pos = Placement.choose(legendSize, p.legendPosition, noteSize,
                p.annotationPosition, area, topInset, obstacles);
        if (noteSize != null) {
            double[] r = Placement.corner(pos[1], noteSize[0], noteSize[1], area, topInset);
            Legend.drawNote(out, lines, r[0], r[1]);
        }
        if (legendOutside) {
            legend.draw(out, legendX, py0);
        } else if (legend != null) {
            double[] r = Placement.corner(pos[0], legendSize[0], legendSize[1], area, topInset);
            legend.draw(out, r[0], r[1]);
        }
    }

    // ---------------------------------------------------------------- shared glyphs

    /** Circle marker with a thin white outline (keeps overlapping markers distinguishable). */
    static void marker(SvgWriter out, double cx, double cy, String color) {
        out.empty("circle", "cx", cx, "cy", cy, "r", MARKER_R, "fill", color,
                "stroke", "#ffffff", "stroke-width", 0.8);
    }

    /** A cross (×) marker: a run that did not reach its target. */
    static void cross(SvgWriter out, double cx, double cy, String color) {
        double d = MARKER_R + 1.2;
        out.line(cx - d, cy - d, cx + d, cy + d, color, 2.0, null);
        out.line(cx - d, cy + d, cx + d, cy - d, color, 2.0, null);
    }

    /** Vertical error bar from {@code y0} to {@code y1} with optional caps at each end. */
    static void errorBar(SvgWriter out, double cx, double y0, double y1, boolean cap0,
            boolean cap1, String color) {
        out.line(cx, y0, cx, y1, color, 1.3, null);
        if (cap0) {
            out.line(cx - 4, y0, cx + 4, y0, color, 1.3, null);
        }
        if (cap1) {
            out.line(cx - 4, y1, cx + 4, y1, color, 1.3, null);
        }
    }
}
