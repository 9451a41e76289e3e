package io.lowrank.report.svg;

import java.util.ArrayList;
import java.util.List;

/**
 * Tiny text markup for labels: {@code ^{...}} is a superscript and {@code _{...}} a subscript;
 * {@code ^} directly followed by an optional sign and letters/digits (as in {@code R^2} or
 * {@code 10^-6}) is a superscript up to the next other character. A leading {@code -} in a
 * superscript is typeset as a true minus sign. Everything else is literal text.
 *
 * <p>Also estimates rendered text widths with Helvetica/Arial advance widths, which is what the
 * layout code uses to reserve space for tick labels and legends.
 */
final class RichText {

    /** A run of text at a baseline shift: 0 normal, +1 superscript, -1 subscript. */
    record Run(String text, int shift) {
    }

    static final double SCRIPT_SCALE = 0.72;
    static final double SUP_RISE = 0.42;
    static final double SUB_DROP = 0.22;

    private final List<Run> runs;

    private RichText(List<Run> runs) {
        this.runs = runs;
    }

    List<Run> runs() {
        return runs;
    }

    /** Parses markup; never fails (unmatched braces are kept literally). */
    static RichText parse(String s) {
        List<Run> runs = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if ((c == '^' || c == '_') && i + 1 < n) {
                int shift = c == '^' ? 1 : -1;
                if (s.charAt(i + 1) == '{') {
                    int j = s.indexOf('}', i + 2);
                    if (j > i + 2) {
                        flush(runs, cur);
                        runs.add(new Run(minus(s.substring(i + 2, j)), shift));
                        i = j + 1;
                        continue;
                    }
                } else if (shift == 1) {
                    int j = i + 1;
                    if (s.charAt(j) == '-' || s.charAt(j) == '+' || s.charAt(j) == '\u2212') {
                        j++;
                    }
                    int k = j;
                    while (k < n && (Character.isLetterOrDigit(s.charAt(k))
                            || (s.charAt(k) == '.' && k + 1 < n
                                && Character.isDigit(s.charAt(k + 1))))) {
                        k++;
                    }
                    if (k > j) {
                        flush(runs, cur);
                        runs.add(new Run(minus(s.substring(i + 1, k)), 1));
                        i = k;
                        continue;
                    }
                }
            }
            cur.append(c);
            i++;
        }
        flush(runs, cur);
        return new RichText(runs);
    }

    private static void flush(List<Run> runs, StringBuilder cur) {
        if (cur.length() > 0) {
            runs.add(new Run(cur.toString(), 0));
            cur.setLength(0);
        }
    }

    private static String minus(String s) {
        return s.startsWith("-") ? "\u2212" + s.substring(1) : s;
    }

    /** The text without markup (superscripts written as {@code ^x}), for titles and ARIA. */
    static String plain(String markup) {
        StringBuilder sb = new StringBuilder();
        for (Run r : parse(markup).runs) {
            sb.append(r.shift() > 0 ? "^" : r.shift() < 0 ? "_" : "").append(r.text());
        }
        return sb.toString();
    }

    /** True if any run is a superscript. */
    boolean hasSuperscript() {
        return runs.stream().anyMatch(r -> r.shift() > 0);
    }

    /** Estimated rendered width in pixels at the given font size. */
    double width(double fontSize) {
        double w = 0;
        for (Run r : runs) {
            w += plainWidth(r.text()) * (r.shift() == 0 ? 1 : SCRIPT_SCALE);
        }
        return w * fontSize;
    }

    /** Convenience: estimated width of markup {@code s} at {@code fontSize}. */
    static double widthOf(String s, double fontSize) {
        return parse(s).width(fontSize);
    }

    /** Writes the runs as SVG text content (plain text and {@code <tspan>} elements). */
    void write(SvgWriter w, double fontSize) {
        double offset = 0;
        for (Run r : runs) {
            double target = r.shift() > 0 ? -SUP_RISE * fontSize
                    : r.shift() < 0 ? SUB_DROP * fontSize : 0;
            double dy = target - offset;
            offset = target;
            if (dy == 0 && r.shift() == 0) {
                w.text(r.text());
            } else {
                w.open("tspan", "dy", dy == 0 ? null : dy,
                        "font-size", r.shift() == 0 ? null : fontSize * SCRIPT_SCALE);
                w.text(r.text()).raw("</tspan>");
            }
        }
    }

    /** Width of unformatted text in em units (Helvetica/Arial advance widths, rounded up). */
    static double plainWidth(String s) {
        double w = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            w += charWidth(cp);
        }
        return w * 1.03;
    }

    private static double charWidth(int c) {
        if (c >= '0' && c <= '9') {
            return 0.556;
        }
        switch (c) {
            case ' ', '.', ',', ':', ';', '!', '/', '\\', '|', '\'', 'i', 'j', 'l', 'I', 'f',
                    't':
                return 0.278;
            case '-', '(', ')', '[', ']', '{', '}', 'r', '"':
                return 0.333;
            case 'm', 'M':
                return 0.833;
            case 'w', 'W':
                return 0.80;
            case 'c', 'k', 's', 'v', 'x', 'y', 'z', 'J':
                return 0.5;
            case '+', '=', '<', '>', '~', 0x2212, 0xd7:
                return 0.584;
            case 'G', 'O', 'Q', '%':
                return 0.82;
            case 'C', 'D', 'H', 'N', 'R', 'U':
                return 0.722;
            case 'F', 'T', 'Z':
                return 0.611;
            case 'L':
                return 0.556;
            default:
                if (c >= 'a' && c <= 'z') {
                    return 0.556;
                }
                if (c >= 'A' && c <= 'Z') {
                    return 0.667;
                }
                return 0.62;
        }
    }
}
