package io.lowrank.report.svg;

import java.util.ArrayList;
import java.util.List;

/**
 * Labels of the overlay elements: band labels (small, at the top inside the band, rotated when
 * the band is too narrow), vertical-line labels (above the plot area, stacked in rows when they
 * would collide) and horizontal-line labels (at whichever end of the line covers less data).
 */
final class OverlayLabels {

    static final double FS = PlotRenderer.SMALL_FS;
    /** Font size of vertical-line labels (e.g. T_1) above the plot area. */
    static final double VFS = 12;
    /** Halo keeping labels inside the plot area legible over data. */
    private static final Object[] HALO = {"stroke", "#ffffff", "stroke-width", 3.0,
        "stroke-opacity", 0.85, "stroke-linejoin", "round", "paint-order", "stroke"};
    /** Height of one row of vertical-line labels above the plot area. */
    static final double ROW = 14;
    private static final String BAND_TEXT = "#222222";
    /** Band (phase) labels: larger and bold, so that I / II / III read at a glance. */
    static final double BAND_FS = FS + 3;

    private final Plot p;
    private final Axis xa;
    private final Axis ya;
    private final double px0;
    private final double py0;
    private final double px1;
    private final double py1;
    private final int[] vRow;
    private final int rows;

    /** {@code area = {x0, y0, x1, y1}}; assigns the vertical-line label rows immediately. */
    OverlayLabels(Plot plot, Axis xa, Axis ya, double[] area) {
        this.p = plot;
        this.xa = xa;
        this.ya = ya;
        this.px0 = area[0];
        this.py0 = area[1];
        this.px1 = area[2];
        this.py1 = area[3];
        this.vRow = new int[p.refLines.size()];
        this.rows = assignRows();
    }

    /** Number of label rows needed above the plot area. */
    int rows() {
        return rows;
    }

    private double x(double v) {
        return px0 + xa.frac(v) * (px1 - px0);
    }

    private double y(double v) {
        return py1 - ya.frac(v) * (py1 - py0);
    }

    static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }

    private boolean inX(double v) {
        return xa.valid(v) && xa.frac(v) >= 0 && xa.frac(v) <= 1;
    }

    private int assignRows() {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < p.refLines.size(); i++) {
            vRow[i] = -1;
            Overlays.RefLine r = p.refLines.get(i);
            if (r.vertical() && hasText(r.label()) && inX(r.value())) {
                order.add(i);
            }
        }
        order.sort((a, b) -> Double.compare(x(p.refLines.get(a).value()),
                x(p.refLines.get(b).value())));
        List<double[]> rowEnds = new ArrayList<>();
        for (int i : order) {
            Overlays.RefLine r = p.refLines.get(i);
            double half = RichText.widthOf(r.label(), VFS) / 2;
            double cx = x(r.value());
            int row = 0;
            while (row < rowEnds.size() && rowEnds.get(row)[0] + 4 > cx - half) {
                row++;
            }
            if (row == rowEnds.size()) {
                rowEnds.add(new double[1]);
            }
            rowEnds.get(row)[0] = cx + half;
            vRow[i] = row;
        }
        return rowEnds.size();
    }

    /** Draws all overlay labels and registers them as obstacles for the legend. */
    void draw(SvgWriter out, Placement.Obstacles obs) {
        for (Overlays.Band b : p.bands) {
            if (hasText(b.label()) && xa.valid(b.x0()) && xa.valid(b.x1())) {
                drawBandLabel(out, b, obs);
            }
        }
        for (int i = 0; i < p.refLines.size(); i++) {
            Overlays.RefLine r = p.refLines.get(i);
            String c = r.color() == null ? PlotRenderer.REF_DEFAULT : r.color();
            if (r.vertical() && vRow[i] >= 0) {
                out.text(x(r.value()), py0 - 5 - vRow[i] * ROW, r.label(), VFS, "middle", c,
                        "class", "lr-vline-label");
            } else if (!r.vertical() && hasText(r.label()) && ya.valid(r.value())
                    && ya.frac(r.value()) >= 0 && ya.frac(r.value()) <= 1) {
                drawHlineLabel(out, r.label(), y(r.value()), c, obs);
            }
        }
    }

    private void drawBandLabel(SvgWriter out, Overlays.Band b, Placement.Obstacles obs) {
        double a = Math.max(px0, Math.min(x(b.x0()), x(b.x1())));
        double c = Math.min(px1, Math.max(x(b.x0()), x(b.x1())));
        if (c - a < BAND_FS + 2) {
            return;
        }
        double cx = (a + c) / 2;
        double tw = RichText.widthOf(b.label(), BAND_FS) * 1.1;
        if (tw <= c - a - 4) {
            out.text(cx, py0 + 4 + BAND_FS * 0.8, b.label(), BAND_FS, "middle", BAND_TEXT,
                    with(HALO, "font-weight", "bold", "class", "lr-band-label"));
            obs.rect(cx - tw / 2, py0 + 4, tw, BAND_FS, 100);
        } else {
            double bx = cx + BAND_FS * 0.35;
            double by = py0 + 4;
            out.text(bx, by, b.label(), BAND_FS, "end", BAND_TEXT, with(HALO, "transform",
                    "rotate(-90 " + SvgWriter.num(bx) + " " + SvgWriter.num(by) + ")",
                    "font-weight", "bold", "class", "lr-band-label"));
            obs.rect(cx - BAND_FS / 2, by, BAND_FS, tw, 100);
        }
    }

    private static Object[] with(Object[] base, Object... more) {
        Object[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    /** Puts the label above or below the line, at its right or left end, covering least data. */
    private void drawHlineLabel(SvgWriter out, String label, double yy, String color,
            Placement.Obstacles obs) {
        double tw = RichText.widthOf(label, FS);
        double bestCost = Double.POSITIVE_INFINITY;
        double[] best = null;
        int k = 0;
        for (boolean above : new boolean[] {true, false}) {
            for (boolean right : new boolean[] {true, false}) {
                double base = above ? yy - 4 : yy + FS + 2;
                double top = base - FS * 0.8;
                if (top < py0 + 1 || base + 2 > py1) {
                    k++;
                    continue;
                }
                double left = right ? px1 - 5 - tw : px0 + 5;
                double[] rect = {left, top, tw, FS};
                double cost = obs.cost(rect) + 1e-3 * k++;
                if (cost < bestCost) {
                    bestCost = cost;
                    best = new double[] {left, base, right ? 1 : 0};
                }
            }
        }
        if (best == null) {
            best = new double[] {px1 - 5 - tw, yy - 4, 1};
        }
        boolean right = best[2] == 1;
        out.text(right ? px1 - 5 : px0 + 5, best[1], label, FS, right ? "end" : "start", color,
                with(HALO, "class", "lr-hline-label"));
        obs.rect(best[0], best[1] - FS * 0.8, tw, FS, 100);
    }
}
