package io.lowrank.report.svg;

import java.util.Arrays;
import java.util.List;

/**
 * Several {@link Plot}s laid out row by row in one SVG, with an overall title, e.g. a 2 x 2
 * panel figure. Plot areas are aligned: panels in the same column share their left and right
 * margins, panels in the same row their top and bottom margins. Each panel is rendered into
 * its own {@code <g transform="translate(...)">} with
 * element ids derived from the grid's content and the panel index, so two identical panels do
 * not share ids.
 */
public final class Grid {

    /** Default panel width of {@link #toSvg()} in pixels. */
    public static final int DEFAULT_PANEL_WIDTH = 480;
    /** Default panel height of {@link #toSvg()} in pixels. */
    public static final int DEFAULT_PANEL_HEIGHT = 340;
    private static final double TITLE_FS = 17;
    private static final double TITLE_H = 34;
    /** Space around a shared legend. */
    private static final double LEGEND_GAP = 10;

    private final int columns;
    private final String title;
    private final List<Plot> panels;
    private final boolean sharedLegend;

    private Grid(int columns, String title, List<Plot> panels, boolean sharedLegend) {
        this.columns = columns;
        this.title = title;
        this.panels = panels;
        this.sharedLegend = sharedLegend;
    }

    /**
     * Creates a grid.
     *
     * @param columns number of panels per row, at least 1
     * @param title overall title, or {@code null} for none
     * @param panels the panels, in row-major order (at least one, none null)
     * @throws IllegalArgumentException on invalid arguments
     */
    public static Grid of(int columns, String title, Plot... panels) {
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be >= 1, got " + columns);
        }
        if (panels == null || panels.length == 0) {
            throw new IllegalArgumentException("a grid needs at least one panel");
        }
        for (int i = 0; i < panels.length; i++) {
            if (panels[i] == null) {
                throw new IllegalArgumentException("panel " + i + " is null");
            }
        }
        return new Grid(columns, title, List.copyOf(Arrays.asList(panels)), false);
    }

    /**
     * As {@link #of}, with one legend for the whole grid, right of the panels: every distinct
     * series (label, colour and style) once, in order of first appearance; the panels draw none.
     */
    public static Grid withSharedLegend(int columns, String title, Plot... panels) {
        Grid g = of(columns, title, panels);
        return new Grid(g.columns, g.title, g.panels, true);
    }

    /** Number of rows needed for the panels. */
    public int rows() {
        return (panels.size() + columns - 1) / columns;
    }

    /** Renders with {@value #DEFAULT_PANEL_WIDTH} x {@value #DEFAULT_PANEL_HEIGHT} panels. */
    public String toSvg() {
        return toSvg(DEFAULT_PANEL_WIDTH, DEFAULT_PANEL_HEIGHT);
    }

    /**
     * Renders all panels into one standalone {@code <svg>} element. Its width is
     * {@code min(columns, panels) * panelWidth}; its height is the number of rows times
     * {@code panelHeight}, plus room for the title.
     *
     * @throws IllegalArgumentException if a panel size is below 120 pixels
     */
    public String toSvg(int panelWidth, int panelHeight) {
        Plot.checkSize(panelWidth, panelHeight);
        int cols = Math.min(columns, panels.size());
        double top = title == null ? 0 : TITLE_H;
        long h = Fnv.mix(Fnv.mix(Fnv.mix(Fnv.SEED, title), columns), sharedLegend ? 1 : 0);
        for (Plot p : panels) {
            h = Fnv.mix(h, p.hash);
        }
        h = Fnv.mix(Fnv.mix(h, panelWidth), panelHeight);
        String base = "lrg" + Long.toHexString(h);
        PlotRenderer[] rs = new PlotRenderer[panels.size()];
        for (int i = 0; i < rs.length; i++) {
            Plot p = panels.get(i);
            rs[i] = new PlotRenderer(p, panelWidth, panelHeight, (p.id != null ? p.id + "-" : "") + base + "-" + i);
        }
        Legend shared = sharedLegend ? sharedLegend(rs) : null;
        double legendW = shared == null ? 0 : shared.width() + 2 * LEGEND_GAP;
        int width = (int) Math.ceil(cols * panelWidth + legendW);
        int height = (int) Math.ceil(Math.max(top + rows() * panelHeight,
                shared == null ? 0 : top + shared.height() + 2 * LEGEND_GAP));
        SvgWriter w = new SvgWriter();
        w.open("svg", "xmlns", "http://www.w3.org/2000/svg", "width", width, "height", height,
                "viewBox", "0 0 " + width + " " + height, "font-family", SvgWriter.FONT,
                "role", "img", "aria-label", title == null ? null : RichText.plain(title));
        w.raw("\n");
        if (title != null) {
            w.open("title").text(RichText.plain(title)).close("title");
        }
        w.empty("rect", "width", width, "height", height, "fill", "#ffffff");
        if (title != null) {
            w.text(width / 2.0, 8 + TITLE_FS * 0.9, title, TITLE_FS, "middle", "#111111",
                    "font-weight", "600", "class", "lr-grid-title");
        }
        // Measure every panel, then align plot areas: shared left/right margins per column
        // and shared top/bottom margins per row.
        double[][] natural = new double[panels.size()][];
        for (int i = 0; i < rs.length; i++) {
            if (shared != null) {
                rs[i].shareLegend();
            }
            natural[i] = rs[i].margins();
        }
        double[] colLeft = new double[cols];
        double[] colRight = new double[cols];
        double[] rowTop = new double[rows()];
        double[] rowBottom = new double[rows()];
        for (int i = 0; i < rs.length; i++) {
            int c = i % columns;
            int r = i / columns;
            colLeft[c] = Math.max(colLeft[c], natural[i][0]);
            colRight[c] = Math.max(colRight[c], natural[i][2]);
            rowTop[r] = Math.max(rowTop[r], natural[i][1]);
            rowBottom[r] = Math.max(rowBottom[r], natural[i][3]);
        }
        for (int i = 0; i < rs.length; i++) {
            int c = i % columns;
            int r = i / columns;
            rs[i].minMargins(new double[] {colLeft[c], rowTop[r], colRight[c], rowBottom[r]});
            double x = c * (double) panelWidth;
            double y = top + r * (double) panelHeight;
            w.open("g", "class", "lr-panel", "transform",
                    "translate(" + SvgWriter.num(x) + " " + SvgWriter.num(y) + ")").raw("\n");
            rs[i].render(w);
            w.close("g");
        }
        if (shared != null) {
            shared.draw(w, cols * (double) panelWidth + LEGEND_GAP, top + LEGEND_GAP + 30);
        }
        w.close("svg");
        return w.toString();
    }

    /** One legend of every distinct labelled series of the panels, in order of first appearance; null when none. */
    private static Legend sharedLegend(PlotRenderer[] panels) {
        java.util.Set<Legend.Entry> entries = new java.util.LinkedHashSet<>();
        for (PlotRenderer r : panels) {
            entries.addAll(r.legendEntries());
        }
        return entries.isEmpty() ? null : new Legend(List.copyOf(entries));
    }
}
