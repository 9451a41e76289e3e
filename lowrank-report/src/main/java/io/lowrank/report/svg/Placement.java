package io.lowrank.report.svg;

import java.util.Arrays;

/**
 * Chooses corners of the plot area for the legend and the annotation box so that they cover as
 * little data as possible and never each other.
 */
final class Placement {

    static final double INSET = 8;
    static final LegendPosition[] LEGEND_ORDER = {LegendPosition.TOP_RIGHT,
        LegendPosition.TOP_LEFT, LegendPosition.BOTTOM_RIGHT, LegendPosition.BOTTOM_LEFT};
    static final LegendPosition[] NOTE_ORDER = {LegendPosition.BOTTOM_LEFT,
        LegendPosition.TOP_LEFT, LegendPosition.BOTTOM_RIGHT, LegendPosition.TOP_RIGHT};

    private Placement() {
    }

    /** Weighted sample points (data, labels) that boxes should avoid covering. */
    static final class Obstacles {
        private double[] xs = new double[512];
        private double[] ys = new double[512];
        private double[] ws = new double[512];
        private int n;

        void point(double x, double y, double weight) {
            if (n == xs.length) {
                xs = Arrays.copyOf(xs, 2 * n);
                ys = Arrays.copyOf(ys, 2 * n);
                ws = Arrays.copyOf(ws, 2 * n);
            }
            xs[n] = x;
            ys[n] = y;
            ws[n] = weight;
            n++;
        }

        /** Samples a segment every 3 pixels (excluding its start point). */
        void segment(double x0, double y0, double x1, double y1, double weight) {
            int steps = (int) Math.max(1, Math.ceil(StrictMath.hypot(x1 - x0, y1 - y0) / 3));
            for (int i = 1; i <= steps; i++) {
                double t = (double) i / steps;
                point(x0 + t * (x1 - x0), y0 + t * (y1 - y0), weight);
            }
        }

        /** Samples a rectangle on a 5 x 3 grid. */
        void rect(double x, double y, double w, double h, double weight) {
            for (int i = 0; i <= 4; i++) {
                for (int j = 0; j <= 2; j++) {
                    point(x + w * i / 4, y + h * j / 2, weight);
                }
            }
        }

        /** Total weight of all samples. */
        double total() {
            double t = 0;
            for (int i = 0; i < n; i++) {
                t += ws[i];
            }
            return t;
        }

        /** Total weight of samples inside {@code r = {x, y, w, h}} grown by 4 pixels. */
        double cost(double[] r) {
            double c = 0;
            for (int i = 0; i < n; i++) {
                if (xs[i] >= r[0] - 4 && xs[i] <= r[0] + r[2] + 4
                        && ys[i] >= r[1] - 4 && ys[i] <= r[1] + r[3] + 4) {
                    c += ws[i];
                }
            }
            return c;
        }
    }

    /**
     * Rectangle {@code {x, y, w, h}} of a box in a corner of {@code area = {x0, y0, x1, y1}};
     * top corners start {@code topInset} below the top edge.
     */
    static double[] corner(LegendPosition pos, double bw, double bh, double[] area,
            double topInset) {
        boolean left = pos == LegendPosition.TOP_LEFT || pos == LegendPosition.BOTTOM_LEFT;
        boolean top = pos == LegendPosition.TOP_LEFT || pos == LegendPosition.TOP_RIGHT;
        double x = left ? area[0] + INSET : area[2] - INSET - bw;
        double y = top ? area[1] + topInset : area[3] - INSET - bh;
        return new double[] {x, y, bw, bh};
    }

    /**
     * Picks {legend corner, note corner} minimising covered data; an entry is {@code null} when
     * the corresponding box is absent (size {@code null}).
     */
    static LegendPosition[] choose(double[] legendSize, LegendPosition legendPref,
            double[] noteSize, LegendPosition notePref, double[] area, double topInset,
            Obstacles obs) {
        LegendPosition[] lc = legendSize == null ? new LegendPosition[] {null}
                : legendPref == LegendPosition.AUTO ? LEGEND_ORDER
                : new LegendPosition[] {legendPref};
        LegendPosition[] nc = noteSize == null ? new LegendPosition[] {null}
                : notePref == LegendPosition.AUTO ? NOTE_ORDER
                : new LegendPosition[] {notePref};
        LegendPosition[] best = {lc[0], nc[0]};
        double bestCost = Double.POSITIVE_INFINITY;
        for (int i = 0; i < lc.length; i++) {
            for (int j = 0; j < nc.length; j++) {
                double[] rl = lc[i] == null ? null
                        : corner(lc[i], legendSize[0], legendSize[1], area, topInset);
                double[] rn = nc[j] == null ? null
                        : corner(nc[j], noteSize[0], noteSize[1], area, topInset);
                double cost = (rl == null ? 0 : obs.cost(rl)) + (rn == null ? 0 : obs.cost(rn))
                        + (rl != null && rn != null && overlaps(rl, rn) ? 1e9 : 0)
                        + (i * nc.length + j) * 1e-6;
                if (cost < bestCost) {
                    bestCost = cost;
                    best = new LegendPosition[] {lc[i], nc[j]};
                }
            }
        }
        return best;
    }

    static boolean overlaps(double[] a, double[] b) {
        return a[0] < b[0] + b[2] + 4 && b[0] < a[0] + a[2] + 4
                && a[1] < b[1] + b[3] + 4 && b[1] < a[1] + a[3] + 4;
    }
}
