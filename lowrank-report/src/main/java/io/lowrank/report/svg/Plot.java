package io.lowrank.report.svg;

import io.lowrank.experiment.figure.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An immutable 2-D plot rendered as a standalone SVG element, meant to be inlined in an HTML
 * report. Build one with {@link #builder()}:
 *
 * <pre>{@code
 * String svg = Plot.builder()
 *     .title("Test error").xLabel("iteration").yLabel("error").yScale(Scale.LOG)
 *     .band(0, 60, "I", "#999999")
 *     .line("alpha = 0.1", it, err, Palette.sequential(0, 3))
 *     .vline(60, "T_{1}", "#444444")
 *     .build().toSvg(640, 420);
 * }</pre>
 *
 * <p>Text (titles, labels, legend entries, annotations) may use a tiny markup: {@code ^{...}}
 * for superscripts, {@code _{...}} for subscripts, and {@code ^} directly followed by a signed
 * word such as {@code R^2} or {@code 10^-6}. All text is XML-escaped.
 *
 * <p>Output is deterministic: the same plot always renders to the same string. Element ids
 * (for clip paths) are derived from a hash of the plot's content and the requested size, so
 * different plots inlined in one page do not collide.
 */
public final class Plot {

    /** Default width of {@link #toSvg()} in pixels. */
    public static final int DEFAULT_WIDTH = 640;
    /** Default height of {@link #toSvg()} in pixels. */
    public static final int DEFAULT_HEIGHT = 420;
    /** Smallest accepted width/height. */
    static final int MIN_SIZE = 120;

    final String title;
    final String xLabel;
    final String yLabel;
    final Scale xScale;
    final Scale yScale;
    final double[] xRange;
    final double[] yRange;
    final double[] xTicks;
    final double[] yTicks;
    final List<Series> series;
    final List<Overlays.Band> bands;
    final List<Overlays.RefLine> refLines;
    final List<String> annotations;
    final boolean legend;
    final LegendPosition legendPosition;
    final LegendPosition annotationPosition;
    final String id;
    final long hash;

    private Plot(Builder b) {
        title = b.title;
        xLabel = b.xLabel;
        yLabel = b.yLabel;
        xScale = b.xScale;
        yScale = b.yScale;
        xRange = b.xRange;
        yRange = b.yRange;
        xTicks = b.xTicks;
        yTicks = b.yTicks;
        series = List.copyOf(b.series);
        bands = List.copyOf(b.bands);
        refLines = List.copyOf(b.refLines);
        annotations = List.copyOf(b.annotations);
        legend = b.legend;
        legendPosition = b.legendPosition;
        annotationPosition = b.annotationPosition;
        id = b.id;
        hash = computeHash();
    }

    /** Starts building a plot (linear axes, legend on, automatic legend position). */
    public static Builder builder() {
        return new Builder();
    }

    /** The plot title, or {@code null}. */
    public String title() {
        return title;
    }

    /** Renders at {@value #DEFAULT_WIDTH} x {@value #DEFAULT_HEIGHT} pixels. */
    public String toSvg() {
        return toSvg(DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    /**
     * Renders the plot as a complete {@code <svg>} element with {@code xmlns}, {@code viewBox},
     * {@code width} and {@code height}.
     *
     * @throws IllegalArgumentException if either size is below 120 pixels
     */
    public String toSvg(int widthPx, int heightPx) {
        checkSize(widthPx, heightPx);
        String ident = id != null ? id
                : "lrp" + Long.toHexString(Fnv.mix(Fnv.mix(hash, widthPx), heightPx));
        SvgWriter w = new SvgWriter();
        w.open("svg", "xmlns", "http://www.w3.org/2000/svg", "width", widthPx, "height", heightPx,
                "viewBox", "0 0 " + widthPx + " " + heightPx, "font-family", SvgWriter.FONT,
                "role", "img", "aria-label", title == null ? null : RichText.plain(title));
        w.raw("\n");
        if (title != null) {
            w.open("title").text(RichText.plain(title)).close("title");
        }
        new PlotRenderer(this, widthPx, heightPx, ident).render(w);
        w.close("svg");
        return w.toString();
    }

    static void checkSize(int w, int h) {
        if (w < MIN_SIZE || h < MIN_SIZE) {
            throw new IllegalArgumentException("plot size must be at least " + MIN_SIZE + "x"
                    + MIN_SIZE + " pixels, got " + w + "x" + h);
        }
    }

    private long computeHash() {
        long h = Fnv.SEED;
        h = Fnv.mix(Fnv.mix(Fnv.mix(h, title), xLabel), yLabel);
        h = Fnv.mix(Fnv.mix(h, xScale.ordinal()), yScale.ordinal());
        h = Fnv.mix(Fnv.mix(Fnv.mix(Fnv.mix(h, xRange), yRange), xTicks), yTicks);
        for (Series s : series) {
            h = Fnv.mix(Fnv.mix(Fnv.mix(h, s.style().ordinal()), s.label()), colorOf(s));
            h = Fnv.mix(Fnv.mix(Fnv.mix(Fnv.mix(Fnv.mix(h, (s.style() == Series.Style.DASHED) ? 1 : 0), s.x()), s.y()), s.lo()),
                    s.hi());
        }
        for (Overlays.Band b : bands) {
            h = Fnv.mix(Fnv.mix(Fnv.mix(Fnv.mix(h, b.x0()), b.x1()), b.label()), b.color());
        }
        for (Overlays.RefLine r : refLines) {
            h = Fnv.mix(Fnv.mix(Fnv.mix(Fnv.mix(h, r.vertical() ? 1 : 2), r.value()), r.label()),
                    r.color());
        }
        for (String a : annotations) {
            h = Fnv.mix(h, a);
        }
        h = Fnv.mix(Fnv.mix(h, legend ? 1 : 0), legendPosition.ordinal());
        return Fnv.mix(Fnv.mix(h, annotationPosition.ordinal()), id);
    }

    /** Fluent builder for {@link Plot}. Builders are not thread-safe. */
    public static final class Builder {
        private String title;
        private String xLabel;
        private String yLabel;
        private Scale xScale = Scale.LINEAR;
        private Scale yScale = Scale.LINEAR;
        private double[] xRange;
        private double[] yRange;
        private double[] xTicks;
        private double[] yTicks;
        private final List<Series> series = new ArrayList<>();
        private final List<Overlays.Band> bands = new ArrayList<>();
        private final List<Overlays.RefLine> refLines = new ArrayList<>();
        private final List<String> annotations = new ArrayList<>();
        private boolean legend = true;
        private LegendPosition legendPosition = LegendPosition.AUTO;
        private LegendPosition annotationPosition = LegendPosition.AUTO;
        private String id;

        private Builder() {
        }

        /** Title drawn above the plot area; {@code null} for none. */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /** Label centred below the x axis; {@code null} for none. */
        public Builder xLabel(String label) {
            this.xLabel = label;
            return this;
        }

        /** Label centred left of the y axis, rotated; {@code null} for none. */
        public Builder yLabel(String label) {
            this.yLabel = label;
            return this;
        }

        /** Scale of the x axis (default {@link Scale#LINEAR}). */
        public Builder xScale(Scale scale) {
            this.xScale = Objects.requireNonNull(scale, "xScale");
            return this;
        }

        /** Scale of the y axis (default {@link Scale#LINEAR}). */
        public Builder yScale(Scale scale) {
            this.yScale = Objects.requireNonNull(scale, "yScale");
            return this;
        }

        /** Fixed x range instead of the automatic one; must be positive on a log axis. */
        public Builder xRange(double lo, double hi) {
            this.xRange = range("xRange", lo, hi);
            return this;
        }

        /** Fixed y range instead of the automatic one; must be positive on a log axis. */
        public Builder yRange(double lo, double hi) {
            this.yRange = range("yRange", lo, hi);
            return this;
        }

        /** Explicit x tick positions (e.g. 2, 4, 8, 40) instead of automatic ticks. */
        public Builder xTicks(double... values) {
            this.xTicks = ticks("xTicks", values);
            return this;
        }

        /** Explicit y tick positions instead of automatic ticks. */
        public Builder yTicks(double... values) {
            this.yTicks = ticks("yTicks", values);
            return this;
        }

        /**
         * Solid polyline through {@code (x[i], y[i])}. Non-finite points (and non-positive ones
         * on log axes) break the line into separate segments.
         *
         * @param label legend text, or {@code null} to leave the series out of the legend
         * @param color CSS colour, or {@code null} for the next {@link Palette#color(int)}
         * @throws IllegalArgumentException if an array is null or the lengths differ
         */
        public Builder line(String label, double[] x, double[] y, String color) {
            series.add(copy(label, Series.Style.LINE, x, y, null, null, color));
            return this;
        }

        /** Like {@link #line} but dashed (e.g. a fitted line). */
        public Builder dashedLine(String label, double[] x, double[] y, String color) {
            series.add(copy(label, Series.Style.DASHED, x, y, null, null, color));
            return this;
        }

        /** Circle markers at {@code (x[i], y[i])}; invalid points are skipped. */
        public Builder points(String label, double[] x, double[] y, String color) {
            series.add(copy(label, Series.Style.POINTS, x, y, null, null, color));
            return this;
        }

        /** Cross markers: runs that did not reach a target, where they stopped. */
        public Builder missed(String label, double[] x, double[] y, String color) {
            series.add(copy(label, Series.Style.MISSED, x, y, null, null, color));
            return this;
        }

        /** Solid line with circle markers at every point. */
        public Builder linePoints(String label, double[] x, double[] y, String color) {
            series.add(copy(label, Series.Style.LINE_POINTS, x, y, null, null, color));
            return this;
        }

        /**
         * Marker at {@code (x[i], mid[i])} with a vertical bar from {@code lo[i]} to
         * {@code hi[i]} with caps (e.g. median and quartiles). When a plot has several
         * error-bar series they are offset horizontally by a few pixels so that bars at the
         * same x do not hide each other. On a log y axis a non-positive {@code lo} draws the
         * bar down to the bottom edge without a cap.
         *
         * @throws IllegalArgumentException if an array is null or the lengths differ
         */
        public Builder errorBars(String label, double[] x, double[] mid, double[] lo,
                double[] hi, String color) {
            series.add(copy(label, Series.Style.ERROR_BARS, x, mid, lo, hi, color));
            return this;
        }

        /**
         * Line with markers through {@code (x[i], mid[i])} over a translucent band from
         * {@code lo[i]} to {@code hi[i]} (e.g. the median and interquartile range over seeds).
         *
         * @throws IllegalArgumentException if an array is null or the lengths differ
         */
        public Builder lineBand(String label, double[] x, double[] mid, double[] lo, double[] hi,
                String color) {
            series.add(copy(label, Series.Style.LINE_BAND, x, mid, lo, hi, color));
            return this;
        }

        /**
         * Translucent full-height vertical band over {@code [x0, x1]} (order does not matter),
         * with {@code label} (may be null) drawn small at the top inside the band.
         *
         * @param color CSS colour of the band, or {@code null} for grey
         */
        public Builder band(double x0, double x1, String label, String color) {
            finite("band x0", x0);
            finite("band x1", x1);
            bands.add(new Overlays.Band(Math.min(x0, x1), Math.max(x0, x1), label, color));
            return this;
        }

        /** Dashed vertical marker line at {@code x}; its label is drawn above the plot area. */
        public Builder vline(double x, String label, String color) {
            finite("vline x", x);
            refLines.add(new Overlays.RefLine(true, x, label, color));
            return this;
        }

        /** Dashed horizontal reference line at {@code y}; its label sits above its right end. */
        public Builder hline(double y, String label, String color) {
            finite("hline y", y);
            refLines.add(new Overlays.RefLine(false, y, label, color));
            return this;
        }

        /**
         * Adds a line of text to a small boxed note inside the plot area (e.g.
         * {@code "slope = 1.31, R^2 = 0.99"}); {@code '\n'} starts a new line. The note goes
         * into the emptiest free corner unless {@link #annotationPosition} says otherwise.
         */
        public Builder annotation(String text) {
            annotations.add(Objects.requireNonNull(text, "annotation text"));
            return this;
        }

        /** Corner of the annotation box; {@link LegendPosition#OUTSIDE_RIGHT} is not allowed. */
        public Builder annotationPosition(LegendPosition position) {
            if (position == null || position == LegendPosition.OUTSIDE_RIGHT) {
                throw new IllegalArgumentException("annotation position must be AUTO or an "
                        + "inside corner, got " + position);
            }
            this.annotationPosition = position;
            return this;
        }

        /** Whether to draw a legend for labelled series (default true). */
        public Builder legend(boolean show) {
            this.legend = show;
            return this;
        }

        /** Legend placement (default {@link LegendPosition#AUTO}). */
        public Builder legendPosition(LegendPosition position) {
            this.legendPosition = Objects.requireNonNull(position, "legendPosition");
            return this;
        }

        /**
         * Explicit element-id prefix (letters, digits, '-' and '_' only) instead of the
         * content-derived one; the caller then keeps it unique within the page.
         */
        public Builder id(String id) {
            if (id == null || !id.matches("[A-Za-z][A-Za-z0-9_-]*")) {
                throw new IllegalArgumentException("id must match [A-Za-z][A-Za-z0-9_-]*, got "
                        + id);
            }
            this.id = id;
            return this;
        }

        /**
         * Builds the plot.
         *
         * @throws IllegalArgumentException if a fixed range is not positive on a log axis
         */
        public Plot build() {
            if (xScale == Scale.LOG && xRange != null && xRange[0] <= 0) {
                throw new IllegalArgumentException("xRange must be positive on a LOG x axis, got ["
                        + xRange[0] + ", " + xRange[1] + "]");
            }
            if (yScale == Scale.LOG && yRange != null && yRange[0] <= 0) {
                throw new IllegalArgumentException("yRange must be positive on a LOG y axis, got ["
                        + yRange[0] + ", " + yRange[1] + "]");
            }
            return new Plot(this);
        }

        private static double[] range(String what, double lo, double hi) {
            if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(lo < hi)
                    || Math.abs(lo) > 1e300 || Math.abs(hi) > 1e300) {
                throw new IllegalArgumentException(what + " must be finite with lo < hi, got ["
                        + lo + ", " + hi + "]");
            }
            return new double[] {lo, hi};
        }

        private static double[] ticks(String what, double[] values) {
            if (values == null || values.length == 0) {
                throw new IllegalArgumentException(what + " needs at least one value");
            }
            for (double v : values) {
                finite(what, v);
            }
            return values.clone();
        }

        private static void finite(String what, double v) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(what + " must be finite, got " + v);
            }
        }
    }

    /** The explicit CSS colour of a series, or null (the plot's next palette colour). */
    static String colorOf(Series s) {
        return s.color() == null ? null : s.color().literal();
    }

    /** A validated series with copies of the arrays (so later changes to them do not change the plot). */
    static Series copy(String label, Series.Style style, double[] x, double[] y, double[] lo, double[] hi,
            String color) {
        new Series(label, style, x, y, lo, hi, null);
        return new Series(label, style, x.clone(), y.clone(), lo == null ? null : lo.clone(),
                hi == null ? null : hi.clone(), Series.Color.of(color));
    }
}
