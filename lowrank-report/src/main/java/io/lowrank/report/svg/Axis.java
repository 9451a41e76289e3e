package io.lowrank.report.svg;

import java.util.List;

/**
 * One resolved axis: scale plus data range, with the mapping from data values to a fraction of
 * the axis length and automatic range selection.
 */
final class Axis {

    /** Relative padding added on each side of an automatic linear range. */
    static final double LINEAR_PAD = 0.04;
    /** Padding in decades-fraction for automatic log ranges that are not rounded to decades. */
    static final double LOG_PAD = 0.04;
    /** Largest extension (as a fraction of the data span in decades) allowed to reach a decade. */
    static final double DECADE_SNAP = 0.15;
    /** Largest extension (in decades) allowed to reach a decade. */
    static final double MAX_SNAP_DECADES = 0.5;
    private static final double MAX_ABS = 1e300;

    final Scale scale;
    final double lo;
    final double hi;
    private final double tlo;
    private final double thi;

    Axis(Scale scale, double lo, double hi) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(lo < hi)
                || (scale == Scale.LOG && lo <= 0)) {
            throw new IllegalArgumentException("invalid " + scale + " axis range [" + lo + ", "
                    + hi + "]");
        }
        this.scale = scale;
        this.lo = lo;
        this.hi = hi;
        this.tlo = transform(lo);
        this.thi = transform(hi);
    }

    /** Whether {@code v} can be shown on an axis of this scale (finite, and positive for LOG). */
    static boolean valid(Scale scale, double v) {
        return Double.isFinite(v) && Math.abs(v) <= MAX_ABS && (scale == Scale.LINEAR || v > 0);
    }

    boolean valid(double v) {
        return valid(scale, v);
    }

    private double transform(double v) {
        return scale == Scale.LOG ? StrictMath.log10(v) : v;
    }

    /**
     * Position of a valid value as a fraction of the axis ({@code 0} at {@code lo}, {@code 1}
     * at {@code hi}), clamped to {@code [-1e4, 1e4]} so far-away values stay finite.
     */
    double frac(double v) {
        double f = (transform(v) - tlo) / (thi - tlo);
        return Math.max(-1e4, Math.min(1e4, f));
    }

    /**
     * A copy of this axis with the same lower end whose upper end is raised so that the value
     * {@code v} (inside the current range) sits at fraction {@code f} of the axis.
     */
    Axis withValueAt(double v, double f) {
        double tv = transform(v);
        double th = tlo + (tv - tlo) / f;
        return new Axis(scale, lo, scale == Scale.LOG ? StrictMath.pow(10, th) : th);
    }

    /** Running min/max of the valid values of one scale. */
    static final class Extent {
        private final Scale scale;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;

        Extent(Scale scale) {
            this.scale = scale;
        }

        void add(double v) {
            if (valid(scale, v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }

        boolean isEmpty() {
            return min > max;
        }
    }

    /**
     * Chooses the axis range: {@code fixed} ({@code {lo, hi}}) when given, otherwise the data
     * extent padded by {@value #LINEAR_PAD} of its span on each side. On log axes spanning at
     * least one decade, each padded end is further extended to a whole decade when that costs
     * at most {@value #DECADE_SNAP} of the span and at most {@value #MAX_SNAP_DECADES} decades.
     * Degenerate and empty extents get a sensible default.
     */
    static Axis resolve(Scale scale, double[] fixed, Extent e) {
        if (fixed != null) {
            return new Axis(scale, fixed[0], fixed[1]);
        }
        if (e.isEmpty()) {
            return scale == Scale.LOG ? new Axis(scale, 1, 10) : new Axis(scale, 0, 1);
        }
        if (scale == Scale.LINEAR) {
            double min = e.min;
            double max = e.max;
            if (min == max) {
                double d = min == 0 ? 1 : Math.abs(min) * 0.1;
                return new Axis(scale, min - d, max + d);
            }
            double pad = LINEAR_PAD * (max - min);
            return new Axis(scale, min - pad, max + pad);
        }
        double a = StrictMath.log10(e.min);
        double b = StrictMath.log10(e.max);
        if (a == b) {
            return new Axis(scale, StrictMath.pow(10, a - 1), StrictMath.pow(10, b + 1));
        }
        double s = b - a;
        double padLo = a - LOG_PAD * s;
        double padHi = b + LOG_PAD * s;
        double snapLo = Math.floor(padLo + 1e-9);
        double snapHi = Math.ceil(padHi - 1e-9);
        double maxSnap = Math.min(DECADE_SNAP * s, MAX_SNAP_DECADES);
        double lo = s >= 1 && padLo - snapLo <= maxSnap ? snapLo : padLo;
        double hi = s >= 1 && snapHi - padHi <= maxSnap ? snapHi : padHi;
        return new Axis(scale, StrictMath.pow(10, lo), StrictMath.pow(10, hi));
    }

    /**
     * Ticks for this axis: the custom values when given, otherwise nice linear or decade ticks.
     *
     * @param maxLabels upper bound on labelled ticks, at least 2
     */
    List<Ticks.Tick> ticks(int maxLabels, double[] custom) {
        if (custom != null) {
            return Ticks.custom(custom, lo, hi);
        }
        return scale == Scale.LOG ? Ticks.log(lo, hi, maxLabels) : Ticks.linear(lo, hi, maxLabels);
    }
}
