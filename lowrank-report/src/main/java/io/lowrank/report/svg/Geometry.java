package io.lowrank.report.svg;

import java.util.ArrayList;
import java.util.List;

/** Pixel-space geometry: segment clipping and polyline construction. */
final class Geometry {

    /** Points closer than this (pixels) to the previously kept point are dropped. */
    static final double MIN_STEP = 0.35;

    private Geometry() {
    }

    /**
     * Liang&ndash;Barsky clipping of a segment to {@code r = {xmin, ymin, xmax, ymax}}.
     *
     * @return {@code {x0, y0, x1, y1}} of the visible part (ends that need no clipping are
     *     returned unchanged), or {@code null} if none
     */
    static double[] clip(double x0, double y0, double x1, double y1, double[] r) {
        double dx = x1 - x0;
        double dy = y1 - y0;
        double[] p = {-dx, dx, -dy, dy};
        double[] q = {x0 - r[0], r[2] - x0, y0 - r[1], r[3] - y0};
        double t0 = 0;
        double t1 = 1;
        for (int k = 0; k < 4; k++) {
            if (p[k] == 0) {
                if (q[k] < 0) {
                    return null;
                }
            } else {
                double t = q[k] / p[k];
                if (p[k] < 0) {
                    if (t > t1) {
                        return null;
                    }
                    t0 = Math.max(t0, t);
                } else {
                    if (t < t0) {
                        return null;
                    }
                    t1 = Math.min(t1, t);
                }
            }
        }
        // Unclipped ends are returned exactly (x0 + 1 * (x1 - x0) need not equal x1).
        return new double[] {t0 == 0 ? x0 : x0 + t0 * dx, t0 == 0 ? y0 : y0 + t0 * dy,
            t1 == 1 ? x1 : x0 + t1 * dx, t1 == 1 ? y1 : y0 + t1 * dy};
    }

    /**
     * Splits a sequence of pixel points into visible polylines. A NaN coordinate marks an
     * invalid data point and breaks the line; parts outside {@code rect} are clipped away.
     * Each result is {@code {x0, y0, x1, y1, ...}} with at least two points.
     */
    static List<double[]> polylines(double[] px, double[] py, double[] rect) {
        List<double[]> out = new ArrayList<>();
        Poly cur = null;
        for (int i = 1; i < px.length; i++) {
            if (Double.isNaN(px[i - 1]) || Double.isNaN(py[i - 1])
                    || Double.isNaN(px[i]) || Double.isNaN(py[i])) {
                cur = flush(out, cur);
                continue;
            }
            double[] s = clip(px[i - 1], py[i - 1], px[i], py[i], rect);
            if (s == null) {
                cur = flush(out, cur);
                continue;
            }
            boolean startMoved = s[0] != px[i - 1] || s[1] != py[i - 1];
            if (cur == null || startMoved) {
                cur = flush(out, cur);
                cur = new Poly();
                cur.add(s[0], s[1]);
            }
            cur.add(s[2], s[3]);
            if (s[2] != px[i] || s[3] != py[i]) {
                cur = flush(out, cur);
            }
        }
        flush(out, cur);
        return out;
    }

    private static Poly flush(List<double[]> out, Poly p) {
        if (p != null) {
            double[] a = p.simplified();
            if (a.length >= 4) {
                out.add(a);
            }
        }
        return null;
    }

    /** Growable point list. */
    private static final class Poly {
        private double[] c = new double[64];
        private int n;

        void add(double x, double y) {
            if (n + 2 > c.length) {
                c = java.util.Arrays.copyOf(c, 2 * c.length);
            }
            c[n++] = x;
            c[n++] = y;
        }

        /** Drops points within {@link #MIN_STEP} of the last kept one (always keeps the ends). */
        double[] simplified() {
            double[] o = new double[n];
            int m = 0;
            for (int i = 0; i < n; i += 2) {
                boolean last = i == n - 2;
                if (m > 0 && !last
                        && StrictMath.hypot(c[i] - o[m - 2], c[i + 1] - o[m - 1]) < MIN_STEP) {
                    continue;
                }
                if (m > 2 && last
                        && StrictMath.hypot(c[i] - o[m - 2], c[i + 1] - o[m - 1]) < MIN_STEP) {
                    m -= 2; // replace the previous kept point by the true end point
                }
                o[m++] = c[i];
                o[m++] = c[i + 1];
            }
            if (m == 4 && o[0] == o[2] && o[1] == o[3]) {
                return new double[0];
            }
            return java.util.Arrays.copyOf(o, m);
        }
    }
}
