package io.lowrank.report.svg;

import java.util.Locale;

/**
 * Colour palettes for figures.
 *
 * <p>{@link #color(int)} is the Okabe&ndash;Ito qualitative palette (distinguishable under the
 * common forms of colour-vision deficiency), reordered so that the first colours have good
 * contrast on white. {@link #sequential(int, int)} samples the viridis colour map, which is
 * perceptually uniform and ordered by lightness, for ordered parameters such as a sweep of
 * step sizes: the same {@code (i, count)} always yields the same colour, so a parameter value
 * keeps its colour across figures.
 */
public final class Palette {

    private static final String[] QUALITATIVE = {
        "#0072B2", // blue
        "#D55E00", // vermillion
        "#009E73", // bluish green
        "#CC79A7", // reddish purple
        "#E69F00", // orange
        "#56B4E9", // sky blue
        "#000000", // black
        "#F0E442", // yellow (last: low contrast on white)
    };

    /** Viridis sampled at 17 equally spaced points (0, 1/16, ..., 1). */
    private static final int[] VIRIDIS = {
        0x440154, 0x48186a, 0x472d7b, 0x424086, 0x3b528b, 0x33638d, 0x2c728e, 0x26828e,
        0x21918c, 0x1fa088, 0x28ae80, 0x3fbc73, 0x5ec962, 0x84d44b, 0xaddc30, 0xd8e219,
        0xfde725,
    };

    /**
     * Upper end of the viridis range used by {@link #sequential(int, int)}; the last, very light
     * yellow part of the map is skipped because it is hard to see on a white background.
     */
    private static final double SEQ_MAX = 0.9;

    private Palette() {
    }

    /** Number of distinct colours returned by {@link #color(int)} before it cycles. */
    public static int size() {
        return QUALITATIVE.length;
    }

    /**
     * The {@code i}-th colour of the qualitative palette, as {@code #RRGGBB}; cycles after
     * {@link #size()} colours.
     *
     * @param i any non-negative index
     * @throws IllegalArgumentException if {@code i} is negative
     */
    public static String color(int i) {
        if (i < 0) {
            throw new IllegalArgumentException("palette index must be >= 0, got " + i);
        }
        return QUALITATIVE[i % QUALITATIVE.length];
    }

    /**
     * Colour {@code i} of {@code count} ordered colours sampled from viridis (dark purple for
     * {@code i = 0} through blue and green to yellow-green for {@code i = count - 1}).
     *
     * @param i index in {@code [0, count)}
     * @param count number of ordered colours needed, at least 1
     * @return the colour as {@code #rrggbb}
     * @throws IllegalArgumentException if {@code count < 1} or {@code i} is out of range
     */
    public static String sequential(int i, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
        if (i < 0 || i >= count) {
            throw new IllegalArgumentException("index " + i + " out of range [0, " + count + ")");
        }
        double t = count == 1 ? 0.5 * SEQ_MAX : SEQ_MAX * i / (count - 1);
        return sequential(t);
    }

    /**
     * Viridis at position {@code t} in {@code [0, 1]} (clamped), linearly interpolated between
     * 17 reference colours.
     *
     * @param t position along the colour map; NaN is treated as 0
     * @return the colour as {@code #rrggbb}
     */
    public static String sequential(double t) {
        double u = Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t));
        double pos = u * (VIRIDIS.length - 1);
        int k = Math.min((int) Math.floor(pos), VIRIDIS.length - 2);
        double f = pos - k;
        int a = VIRIDIS[k];
        int b = VIRIDIS[k + 1];
        int r = lerp(a >> 16 & 0xff, b >> 16 & 0xff, f);
        int g = lerp(a >> 8 & 0xff, b >> 8 & 0xff, f);
        int bl = lerp(a & 0xff, b & 0xff, f);
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, bl);
    }

    private static int lerp(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }
}
