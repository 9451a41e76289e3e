package io.lowrank.report.svg;

import io.lowrank.experiment.figure.Series;
import java.util.ArrayList;
import java.util.List;

/** Legend box and annotation (note) box layout and drawing. */
final class Legend {

    /** One legend row: a line/marker sample in the series style, then the label. */
    record Entry(String label, String color, Series.Style kind, boolean dashed) {
    }

    static final double FS = 12;
    static final double PAD = 7;
    static final double SAMPLE = 26;
    static final double GAP = 6;
    static final double ROW = 17;
    static final double NOTE_FS = 12;
    static final double NOTE_PAD = 6;
    static final double NOTE_ROW = 16;
    private static final String BOX_FILL = "#ffffff";
    private static final String BOX_STROKE = "#c4c4c4";

    private final List<Entry> entries;
    private final double textWidth;

    Legend(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        double tw = 0;
        for (Entry e : entries) {
            tw = Math.max(tw, RichText.widthOf(e.label(), FS));
        }
        this.textWidth = tw;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    double width() {
        return PAD + SAMPLE + GAP + textWidth + PAD;
    }

    double height() {
        return 2 * PAD + ROW * entries.size() - 3;
    }

    /** Draws the legend with its top-left corner at {@code (x, y)}. */
    void draw(SvgWriter w, double x, double y) {
        w.open("g", "class", "lr-legend");
        w.raw("\n");
        box(w, x, y, width(), height());
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            double cy = y + PAD + ROW * i + ROW / 2 - 1.5;
            double sx0 = x + PAD;
            double sx1 = sx0 + SAMPLE;
            double mx = (sx0 + sx1) / 2;
            switch (e.kind()) {
                case LINE, DASHED -> w.line(sx0, cy, sx1, cy, e.color(), PlotRenderer.LINE_W,
                        e.dashed() ? PlotRenderer.DASH : null);
                case LINE_POINTS -> {
                    w.line(sx0, cy, sx1, cy, e.color(), PlotRenderer.LINE_W, null);
                    PlotRenderer.marker(w, mx, cy, e.color());
                }
                case POINTS -> PlotRenderer.marker(w, mx, cy, e.color());
                case MISSED -> PlotRenderer.cross(w, mx, cy, e.color());
                case LINE_BAND -> {
                    w.empty("rect", "x", SvgWriter.num(sx0), "y", SvgWriter.num(cy - 5), "width",
                            SvgWriter.num(SAMPLE), "height", "10", "fill", e.color(), "fill-opacity", "0.18");
                    w.line(sx0, cy, sx1, cy, e.color(), PlotRenderer.LINE_W, null);
                    PlotRenderer.marker(w, mx, cy, e.color());
                }
                case ERROR_BARS -> {
                    PlotRenderer.errorBar(w, mx, cy - 6, cy + 6, true, true, e.color());
                    PlotRenderer.marker(w, mx, cy, e.color());
                }
                default -> throw new IllegalStateException(e.kind().toString());
            }
            w.text(sx1 + GAP, cy + FS * 0.35, e.label(), FS, "start", PlotRenderer.TEXT);
        }
        w.close("g");
    }

    /** Splits annotation strings into display lines. */
    static List<String> noteLines(List<String> annotations) {
        List<String> lines = new ArrayList<>();
        for (String a : annotations) {
            for (String l : a.split("\n", -1)) {
                lines.add(l);
            }
        }
        return lines;
    }

    /** Width and height of the note box for these lines. */
    static double[] noteSize(List<String> lines) {
        double tw = 0;
        for (String l : lines) {
            tw = Math.max(tw, RichText.widthOf(l, NOTE_FS));
        }
        return new double[] {tw + 2 * NOTE_PAD, NOTE_ROW * lines.size() + 2 * NOTE_PAD - 3};
    }

    /** Draws the note box with its top-left corner at {@code (x, y)}. */
    static void drawNote(SvgWriter w, List<String> lines, double x, double y) {
        double[] size = noteSize(lines);
        w.open("g", "class", "lr-annotation");
        w.raw("\n");
        box(w, x, y, size[0], size[1]);
        for (int i = 0; i < lines.size(); i++) {
            double base = y + NOTE_PAD + NOTE_ROW * i + NOTE_FS * 0.85;
            w.text(x + NOTE_PAD, base, lines.get(i), NOTE_FS, "start", PlotRenderer.TEXT);
        }
        w.close("g");
    }

    private static void box(SvgWriter w, double x, double y, double bw, double bh) {
        w.empty("rect", "x", x, "y", y, "width", bw, "height", bh, "rx", 3.0,
                "fill", BOX_FILL, "fill-opacity", 0.88, "stroke", BOX_STROKE,
                "stroke-width", 0.8);
    }
}
