package io.lowrank.report.svg;

/**
 * Minimal streaming SVG/XML writer: element helpers, attribute escaping and compact,
 * locale-independent number formatting. Output is pure ASCII (non-ASCII text is written as
 * numeric character references), so it can be inlined in any HTML page regardless of encoding.
 */
final class SvgWriter {

    /** Font stack: Helvetica/Arial metrics, which {@link RichText} width estimates assume. */
    static final String FONT = "Helvetica, Arial, Liberation Sans, DejaVu Sans, sans-serif";

    private final StringBuilder sb = new StringBuilder(16_384);

    /**
     * Formats a coordinate with at most two decimals and no trailing zeros ("12.5", "-3", "0").
     *
     * @throws IllegalStateException for non-finite values (an internal bug: callers filter them)
     */
    static String num(double v) {
        if (!Double.isFinite(v) || Math.abs(v) > 1e12) {
            throw new IllegalStateException("coordinate out of range: " + v);
        }
        long r = Math.round(v * 100.0);
        if (r == 0) {
            return "0";
        }
        StringBuilder s = new StringBuilder(12);
        if (r < 0) {
            s.append('-');
            r = -r;
        }
        s.append(r / 100);
        long frac = r % 100;
        if (frac != 0) {
            s.append('.');
            if (frac < 10) {
                s.append('0').append(frac);
            } else {
                s.append(frac % 10 == 0 ? frac / 10 : frac);
            }
        }
        return s.toString();
    }

    /**
     * Escapes text for XML character data and attribute values. Characters outside printable
     * ASCII become numeric references; characters not allowed in XML 1.0 are dropped.
     */
    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (cp < 0x20) {
                        if (cp == '\t' || cp == '\n' || cp == '\r') {
                            out.append(' ');
                        }
                    } else if (cp < 0x7f) {
                        out.append((char) cp);
                    } else if (isXmlChar(cp)) {
                        out.append("&#").append(cp).append(';');
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean isXmlChar(int cp) {
        return (cp >= 0x80 && cp <= 0xD7FF && cp != 0x7f)
                || (cp >= 0xE000 && cp <= 0xFFFD)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }

    /** Appends {@code <tag k="v" ...>}; attributes are name/value pairs, null values skipped. */
    SvgWriter open(String tag, Object... kv) {
        start(tag, kv);
        sb.append('>');
        return this;
    }

    /** Appends a self-closing element {@code <tag k="v" .../>} followed by a newline. */
    SvgWriter empty(String tag, Object... kv) {
        start(tag, kv);
        sb.append("/>\n");
        return this;
    }

    /** Appends {@code </tag>} followed by a newline. */
    SvgWriter close(String tag) {
        sb.append("</").append(tag).append(">\n");
        return this;
    }

    /** Appends escaped character data. */
    SvgWriter text(String s) {
        sb.append(esc(s));
        return this;
    }

    /** Appends pre-built markup verbatim. */
    SvgWriter raw(String s) {
        sb.append(s);
        return this;
    }

    private void start(String tag, Object[] kv) {
        if (kv.length % 2 != 0) {
            throw new IllegalStateException("attributes must be name/value pairs");
        }
        sb.append('<').append(tag);
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            if (v == null) {
                continue;
            }
            sb.append(' ').append(kv[i]).append("=\"");
            if (v instanceof Double d) {
                sb.append(num(d));
            } else if (v instanceof Integer || v instanceof Long) {
                sb.append(v);
            } else {
                sb.append(esc(v.toString()));
            }
            sb.append('"');
        }
    }

    /** Straight line segment. {@code dash} may be null for a solid line. */
    SvgWriter line(double x1, double y1, double x2, double y2, String stroke, double width,
            String dash) {
        return empty("line", "x1", x1, "y1", y1, "x2", x2, "y2", y2, "stroke", stroke,
                "stroke-width", width, "stroke-dasharray", dash);
    }

    /**
     * Text element whose content is {@link RichText} markup.
     *
     * @param anchor {@code start}, {@code middle} or {@code end}
     * @param extra additional attribute name/value pairs
     */
    SvgWriter text(double x, double y, String markup, double fontSize, String anchor,
            String fill, Object... extra) {
        Object[] kv = new Object[10 + extra.length];
        Object[] base = {"x", x, "y", y, "font-size", fontSize, "text-anchor",
            "start".equals(anchor) ? null : anchor, "fill", fill};
        System.arraycopy(base, 0, kv, 0, base.length);
        System.arraycopy(extra, 0, kv, base.length, extra.length);
        open("text", kv);
        RichText.parse(markup).write(this, fontSize);
        sb.append("</text>\n");
        return this;
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
