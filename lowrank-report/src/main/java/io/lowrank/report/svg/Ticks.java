package io.lowrank.report.svg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tick computation for linear and base-10 logarithmic axes.
 *
 * <p>Labels use the {@link RichText} markup understood by the renderer: {@code "10^{-6}"} is
 * ten to the minus six with a superscript exponent, {@code "2\u00d710^{5}"} two times ten to
 * the five. Negative numbers use the typographic minus sign U+2212.
 */
public final class Ticks {

    /**
     * One tick.
     *
     * @param value data value of the tick
     * @param label label markup, or {@code null} for an unlabelled tick
     * @param major whether this is a major tick (longer tick mark, darker grid line)
     */
    public record Tick(double value, String label, boolean major) {
    }

    private static final double EPS = 1e-9;
    private static final double[] NICE = {1, 2, 5};

    private Ticks() {
    }

    /**
     * The smallest step of the form {1, 2, 5} &times; 10<sup>k</sup> that puts at most
     * {@code maxTicks} ticks into {@code [lo, hi]}; if that step would leave a single tick, the
     * next smaller step is used instead so that the axis gets at least two.
     *
     * @throws IllegalArgumentException unless {@code lo < hi} are finite and {@code maxTicks >= 2}
     */
    public static double niceStep(double lo, double hi, int maxTicks) {
        checkRange(lo, hi);
        if (maxTicks < 2) {
            throw new IllegalArgumentException("maxTicks must be >= 2, got " + maxTicks);
        }
        double span = hi - lo;
        int k = (int) Math.floor(StrictMath.log10(span / maxTicks)) - 1;
        double prev = Double.NaN;
        for (int guard = 0; guard < 40; guard++, k++) {
            for (double m : NICE) {
                double step = m * StrictMath.pow(10, k);
                long n = count(lo, hi, step);
                if (n <= maxTicks) {
                    // prefer two ticks over one, even if that exceeds maxTicks
                    return n < 2 && !Double.isNaN(prev) ? prev : step;
                }
                prev = step;
            }
        }
        return StrictMath.pow(10, Math.ceil(StrictMath.log10(span)));
    }

    private static long count(double lo, double hi, double step) {
        return (long) Math.floor(hi / step + EPS) - (long) Math.ceil(lo / step - EPS) + 1;
    }

    /**
     * "Nice" linear ticks: multiples of {@link #niceStep} inside {@code [lo, hi]}, all major and
     * labelled with just enough decimals. Very large or small values (magnitudes of at least
     * 10<sup>5</sup>, or steps below 10<sup>-4</sup>) are written as {@code m\u00d710^{e}} with
     * one exponent shared by all ticks.
     *
     * @param maxTicks upper bound on the number of ticks, at least 2
     */
    public static List<Tick> linear(double lo, double hi, int maxTicks) {
        double step = niceStep(lo, hi, maxTicks);
        long i0 = (long) Math.ceil(lo / step - EPS);
        long i1 = (long) Math.floor(hi / step + EPS);
        double maxAbs = Math.max(Math.abs(i0 * step), Math.abs(i1 * step));
        boolean sci = maxAbs >= 1e5 || decimals(step) > 4;
        // Scientific labels share one exponent so the mantissas line up: 0.5, 1.0 x 10^-4.
        int e = sci ? (int) Math.floor(StrictMath.log10(maxAbs) + EPS) : 0;
        List<Tick> out = new ArrayList<>();
        for (long i = i0; i <= i1; i++) {
            double v = i * step;
            String label;
            if (!sci || i == 0) {
                label = i == 0 ? "0" : format(v, step);
            } else {
                double scale = StrictMath.pow(10, e);
                label = String.format(Locale.ROOT, "%." + Math.min(decimals(step / scale), 6) + "f",
                        v / scale).replace('-', '\u2212') + "\u00d7" + decade(e);
            }
            out.add(new Tick(v, label, true));
        }
        return out;
    }

    /**
     * Logarithmic ticks for {@code [lo, hi]}, {@code 0 < lo < hi}.
     *
     * <ul>
     *   <li>If at least two decades lie in the range: major ticks at decades, labelled
     *       {@code 10^{k}}. When there would be more than {@code maxLabels} labels only every
     *       2nd, 3rd, ... decade is a labelled major tick and the others become unlabelled minor
     *       ticks. Unlabelled minor ticks sit at 2..9 &times; 10<sup>k</sup> (omitted beyond 11
     *       decades). When the range spans less than two decades the ticks at 2 and 5 &times;
     *       10<sup>k</sup> are labelled too, and all labels are plain decimals ("0.05", "0.1")
     *       if the range lies within [10<sup>-3</sup>, 10<sup>4</sup>].</li>
     *   <li>Otherwise (less than about one decade) it falls back to nice linear values, which
     *       are then placed logarithmically.</li>
     * </ul>
     *
     * @param maxLabels upper bound on the number of labelled ticks, at least 2
     * @throws IllegalArgumentException unless {@code 0 < lo < hi} are finite
     */
    public static List<Tick> log(double lo, double hi, int maxLabels) {
        checkRange(lo, hi);
        if (lo <= 0) {
            throw new IllegalArgumentException("log axis range must be positive, got lo = " + lo);
        }
        if (maxLabels < 2) {
            throw new IllegalArgumentException("maxLabels must be >= 2, got " + maxLabels);
        }
        double a = StrictMath.log10(lo);
        double b = StrictMath.log10(hi);
        int kLo = (int) Math.ceil(a - EPS);
        int kHi = (int) Math.floor(b + EPS);
        int decades = kHi - kLo + 1;
        if (decades < 2) {
            return linear(lo, hi, Math.min(maxLabels, 6));
        }
        int stride = 1;
        while ((decades + stride - 1) / stride > maxLabels) {
            stride++;
        }
        boolean minors = decades <= 11;
        boolean labelMinors = stride == 1 && b - a < 2 && maxLabels >= decades + 3;
        // Short ranges label 2 and 5 too; plainly ("0.05") when all such values are moderate.
        boolean plain = labelMinors && lo >= 1e-3 * (1 - EPS) && hi <= 1e4 * (1 + EPS);
        List<Tick> out = new ArrayList<>();
        for (int k = (int) Math.floor(a + EPS); k <= kHi; k++) {
            double dec = StrictMath.pow(10, k);
            if (k >= kLo) {
                boolean lab = Math.floorMod(k, stride) == 0;
                out.add(new Tick(dec, !lab ? null : plain ? plain(1, k) : decade(k), lab));
            }
            if (!minors) {
                continue;
            }
            for (int m = 2; m <= 9; m++) {
                double v = m * dec;
                if (v >= lo * (1 - EPS) && v <= hi * (1 + EPS)) {
                    boolean lab = labelMinors && (m == 2 || m == 5);
                    String label = !lab ? null : plain ? plain(m, k) : m + "\u00d7" + decade(k);
                    out.add(new Tick(v, label, false));
                }
            }
        }
        return out;
    }

    /**
     * Ticks at caller-chosen values (e.g. the categorical-ish x values 2, 4, 8, 40), labelled
     * with as many decimals as their smallest spacing needs. Values outside {@code [lo, hi]} or
     * not finite are dropped.
     */
    public static List<Tick> custom(double[] values, double lo, double hi) {
        List<Double> keep = new ArrayList<>();
        for (double v : values) {
            if (Double.isFinite(v) && v >= lo - EPS * Math.abs(lo)
                    && v <= hi + EPS * Math.abs(hi)) {
                keep.add(v);
            }
        }
        keep.sort(Double::compare);
        double step = Double.POSITIVE_INFINITY;
        for (int i = 1; i < keep.size(); i++) {
            double d = keep.get(i) - keep.get(i - 1);
            if (d > 0) {
                step = Math.min(step, d);
            }
        }
        if (!Double.isFinite(step)) {
            step = keep.isEmpty() || keep.get(0) == 0 ? 1 : Math.abs(keep.get(0));
        }
        // Step used only to pick a decimal count: round it down to a power of ten.
        double p = StrictMath.pow(10, Math.floor(StrictMath.log10(step) + EPS));
        List<Tick> out = new ArrayList<>();
        for (int i = 0; i < keep.size(); i++) {
            if (i > 0 && keep.get(i).equals(keep.get(i - 1))) {
                continue;
            }
            out.add(new Tick(keep.get(i), exactish(keep.get(i), p), true));
        }
        return out;
    }

    private static String exactish(double v, double p) {
        // Use the shortest of the "step" format and a plain format that round-trips.
        String byStep = format(v, p);
        for (int d = 0; d <= 6; d++) {
            String s = String.format(Locale.ROOT, "%." + d + "f", v);
            if (Math.abs(Double.parseDouble(s) - v) <= 1e-9 * Math.max(1, Math.abs(v))) {
                return Math.abs(v) >= 1e5 || (v != 0 && Math.abs(v) < 1e-4) ? byStep
                        : s.replace('-', '\u2212');
            }
        }
        return byStep;
    }

    /** Decimals needed to write multiples of {@code step} exactly (0 for steps of 1 or more). */
    private static int decimals(double step) {
        return Math.max(0, (int) Math.ceil(-StrictMath.log10(step) - EPS));
    }

    /** Plain decimal label of m &times; 10<sup>k</sup>, e.g. "0.05" or "200". */
    private static String plain(int m, int k) {
        return String.format(Locale.ROOT, "%." + Math.max(0, -k) + "f", m * StrictMath.pow(10, k));
    }

    /** Label markup for 10<sup>k</sup>, e.g. {@code "10^{-6}"} with a true minus sign. */
    public static String decade(int k) {
        return "10^{" + (k < 0 ? "\u2212" + (-(long) k) : Integer.toString(k)) + "}";
    }

    /**
     * Formats a linear tick value given the tick step: fixed-point with just enough decimals
     * for the step, or {@code m\u00d710^{e}} for magnitudes of at least 10<sup>5</sup> or steps
     * below 10<sup>-4</sup>.
     */
    public static String format(double v, double step) {
        if (v == 0 || Math.abs(v) < Math.abs(step) * 1e-6) {
            return "0";
        }
        int decimals = decimals(step);
        double av = Math.abs(v);
        if (av >= 1e5 || decimals > 4) {
            int e = (int) Math.floor(StrictMath.log10(av) + EPS);
            double mant = v / StrictMath.pow(10, e);
            int md = decimals(step / StrictMath.pow(10, e));
            String ms = String.format(Locale.ROOT, "%." + Math.min(md, 6) + "f", mant);
            if (ms.equals("1")) {
                return decade(e);
            }
            if (ms.equals("-1")) {
                return "\u2212" + decade(e);
            }
            return ms.replace('-', '\u2212') + "\u00d7" + decade(e);
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v).replace('-', '\u2212');
    }

    private static void checkRange(double lo, double hi) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(lo < hi)) {
            throw new IllegalArgumentException(
                    "axis range must be finite with lo < hi, got [" + lo + ", " + hi + "]");
        }
    }
}
