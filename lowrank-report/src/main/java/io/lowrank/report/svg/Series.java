package io.lowrank.report.svg;

/** Immutable data of one plotted series, plus the overlay element records. */
final class Series {

    /** How a series is drawn. */
    enum Kind {
        LINE, POINTS, LINE_POINTS, ERROR_BARS
    }

    /** Translucent full-height vertical band over {@code [x0, x1]}. */
    record Band(double x0, double x1, String label, String color) {
    }

    /** Vertical ({@code vertical = true}) or horizontal reference line. */
    record RefLine(boolean vertical, double value, String label, String color) {
    }

    final Kind kind;
    final String label;
    final double[] x;
    final double[] y;
    final double[] lo;
    final double[] hi;
    final String color;
    final boolean dashed;

    private Series(Kind kind, String label, double[] x, double[] y, double[] lo, double[] hi,
            String color, boolean dashed) {
        this.kind = kind;
        this.label = label;
        this.x = x;
        this.y = y;
        this.lo = lo;
        this.hi = hi;
        this.color = color;
        this.dashed = dashed;
    }

    /** Validates and defensively copies the arrays of an x/y series. */
    static Series of(Kind kind, String label, double[] x, double[] y, String color,
            boolean dashed) {
        String what = describe(kind, label);
        require(x, "x", what);
        require(y, "y", what);
        sameLength(x, y, "y", what);
        return new Series(kind, label, x.clone(), y.clone(), null, null, color, dashed);
    }

    /** Validates and defensively copies the arrays of an error-bar series. */
    static Series errorBars(String label, double[] x, double[] mid, double[] lo, double[] hi,
            String color) {
        String what = describe(Kind.ERROR_BARS, label);
        require(x, "x", what);
        require(mid, "mid", what);
        require(lo, "lo", what);
        require(hi, "hi", what);
        sameLength(x, mid, "mid", what);
        sameLength(x, lo, "lo", what);
        sameLength(x, hi, "hi", what);
        return new Series(Kind.ERROR_BARS, label, x.clone(), mid.clone(), lo.clone(), hi.clone(),
                color, false);
    }

    boolean drawsLine() {
        return kind == Kind.LINE || kind == Kind.LINE_POINTS;
    }

    boolean drawsMarkers() {
        return kind != Kind.LINE;
    }

    private static String describe(Kind kind, String label) {
        return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " series"
                + (label == null ? "" : " '" + label + "'");
    }

    private static void require(double[] a, String name, String what) {
        if (a == null) {
            throw new IllegalArgumentException(what + ": " + name + " must not be null");
        }
    }

    private static void sameLength(double[] x, double[] other, String name, String what) {
        if (x.length != other.length) {
            throw new IllegalArgumentException(what + ": x has " + x.length + " values but "
                    + name + " has " + other.length);
        }
    }
}
