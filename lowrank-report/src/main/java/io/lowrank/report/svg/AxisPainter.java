package io.lowrank.report.svg;

import java.util.List;

/** Axis decoration: tick selection, grid lines, frame, tick marks and tick labels. */
final class AxisPainter {

    private static final double FS = PlotRenderer.TICK_FS;
    private static final double LEN = PlotRenderer.TICK_LEN;
    private static final double MINOR = PlotRenderer.MINOR_LEN;
    private static final String TEXT = PlotRenderer.TEXT;
    private static final String AXIS = "#333333";
    private static final String GRID = "#e0e0e0";
    private static final String GRID_MINOR = "#f2f2f2";
    /** Minimum pixels per decade for minor grid lines on log axes. */
    private static final double MINOR_GRID_DECADE = 45;
    /** Minimum pixels per decade for minor tick marks on log axes. */
    private static final double MINOR_TICK_DECADE = 16;

    private AxisPainter() {
    }

    /** Whether any tick label has a superscript (needs a little extra vertical room). */
    static boolean hasSuperscript(List<Ticks.Tick> ticks) {
        return ticks.stream().anyMatch(t -> t.label() != null
                && RichText.parse(t.label()).hasSuperscript());
    }

    /**
     * Ticks with the largest count whose labels do not collide (custom ticks are kept as
     * given). Initial budgets: one label per 45 px horizontally; vertically one per 26 px on
     * log axes and one per 34 px (at least 5) on linear axes.
     */
    static List<Ticks.Tick> fitTicks(Axis a, double[] custom, boolean horizontal, double len) {
        int max = horizontal ? (int) (len / 45)
                : a.scale == Scale.LOG ? (int) (len / 26) : Math.max(5, (int) (len / 34));
        max = Math.max(2, max);
        while (true) {
            List<Ticks.Tick> t = a.ticks(max, custom);
            if (custom != null || max <= 2 || !collides(a, t, horizontal, len)) {
                return t;
            }
            max--;
        }
    }

    private static boolean collides(Axis a, List<Ticks.Tick> ticks, boolean horizontal,
            double len) {
        double prevPos = Double.NaN;
        double prevHalf = 0;
        for (Ticks.Tick t : ticks) {
            if (t.label() == null) {
                continue;
            }
            double pos = a.frac(t.value()) * len;
            double half = horizontal ? RichText.widthOf(t.label(), FS) / 2 : FS * 0.6;
            if (!Double.isNaN(prevPos) && pos - prevPos < prevHalf + half + (horizontal ? 12 : 3)) {
                return true;
            }
            prevPos = pos;
            prevHalf = half;
        }
        return false;
    }

    /** Light grid lines at the ticks (minor ones only where log decades are tall enough). */
    static void grid(SvgWriter out, Axis xa, Axis ya, List<Ticks.Tick> xt, List<Ticks.Tick> yt,
            double[] area) {
        double px0 = area[0];
        double py0 = area[1];
        double px1 = area[2];
        double py1 = area[3];
        out.open("g", "class", "lr-grid").raw("\n");
        for (Ticks.Tick t : yt) {
            if (t.major() || decadePixels(ya, py1 - py0) >= MINOR_GRID_DECADE) {
                double yy = py1 - ya.frac(t.value()) * (py1 - py0);
                out.line(px0, yy, px1, yy, t.major() ? GRID : GRID_MINOR, t.major() ? 0.8 : 0.6,
                        null);
            }
        }
        for (Ticks.Tick t : xt) {
            if (t.major() || decadePixels(xa, px1 - px0) >= MINOR_GRID_DECADE) {
                double xx = px0 + xa.frac(t.value()) * (px1 - px0);
                out.line(xx, py0, xx, py1, t.major() ? GRID : GRID_MINOR, t.major() ? 0.8 : 0.6,
                        null);
            }
        }
        out.close("g");
    }

    /** Frame around the plot area, outward tick marks and tick labels on the left and bottom. */
    static void frameAndTicks(SvgWriter out, Axis xa, Axis ya, List<Ticks.Tick> xt,
            List<Ticks.Tick> yt, double[] area) {
        double px0 = area[0];
        double py0 = area[1];
        double px1 = area[2];
        double py1 = area[3];
        out.empty("rect", "x", px0, "y", py0, "width", px1 - px0, "height", py1 - py0,
                "fill", "none", "stroke", AXIS, "stroke-width", 1.0);
        out.open("g", "class", "lr-xticks").raw("\n");
        double base = py1 + LEN + 3 + (hasSuperscript(xt) ? 13 : 10.5);
        for (Ticks.Tick t : xt) {
            if (!showTick(t, xa, px1 - px0)) {
                continue;
            }
            double xx = px0 + xa.frac(t.value()) * (px1 - px0);
            out.line(xx, py1, xx, py1 + (t.major() ? LEN : MINOR), AXIS, 1.0, null);
            if (t.label() != null) {
                out.text(xx, base, t.label(), FS, "middle", TEXT);
            }
        }
        out.close("g");
        out.open("g", "class", "lr-yticks").raw("\n");
        for (Ticks.Tick t : yt) {
            if (!showTick(t, ya, py1 - py0)) {
                continue;
            }
            double yy = py1 - ya.frac(t.value()) * (py1 - py0);
            out.line(px0 - (t.major() ? LEN : MINOR), yy, px0, yy, AXIS, 1.0, null);
            if (t.label() != null) {
                out.text(px0 - LEN - 3, yy + FS * 0.35, t.label(), FS, "end", TEXT);
            }
        }
        out.close("g");
    }

    /** Pixels per decade of a log axis of the given length (infinite for linear axes). */
    private static double decadePixels(Axis a, double len) {
        return a.scale == Scale.LOG ? len / (StrictMath.log10(a.hi) - StrictMath.log10(a.lo))
                : Double.POSITIVE_INFINITY;
    }

    /** Unlabelled 2..9 minor ticks are dropped where decades are too short to show them. */
    private static boolean showTick(Ticks.Tick t, Axis a, double len) {
        if (t.major() || t.label() != null || decadePixels(a, len) >= MINOR_TICK_DECADE) {
            return true;
        }
        double lg = StrictMath.log10(t.value());
        return Math.abs(lg - Math.rint(lg)) < 1e-9; // unlabelled decade ticks always stay
    }
}
