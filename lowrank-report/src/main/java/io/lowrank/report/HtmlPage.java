package io.lowrank.report;

import io.lowrank.experiment.figure.Figure;
import java.util.Locale;
import java.util.Map;

/**
 * The HTML pieces shared by lowrank's reports (reproduce, compare): the page frame with its one
 * style sheet, escaping, figures (inline SVG via {@link FigureRenderer}), key-value tables and number
 * formatting. Pages are self-contained: no scripts, no external resources.
 */
final class HtmlPage {
  private HtmlPage() {}

  /** A new document up to and including {@code <main>}, with the given page title. */
  static StringBuilder begin(String title) {
    StringBuilder h = new StringBuilder(1 << 16);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
        .append("<title>").append(esc(title)).append("</title>\n")
        .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
    return h;
  }

  /** Closes the document opened by {@link #begin}, after a footer line (HTML). */
  static String end(StringBuilder h, String footerHtml) {
    h.append("<footer>").append(footerHtml).append("</footer>\n");
    h.append("</main>\n</body>\n</html>\n");
    return h.toString();
  }

  /**
   * A figure element: the SVG (its title is drawn in it) and a caption naming the standalone files
   * of {@link FigureFiles}, rather than repeating the title.
   */
  static void figure(StringBuilder h, Figure f) {
    h.append("<figure id=\"fig-").append(esc(f.id())).append("\">\n").append(FigureRenderer.svg(f)).append('\n')
        .append("<figcaption>Standalone: <code>figures/").append(esc(f.id())).append(".svg</code>; data: <code>figures/")
        .append(esc(f.id())).append(".csv</code></figcaption>\n</figure>\n");
  }

  /** A two-column table of names and values (values as text, or numbers via {@link #number}). */
  static void keyValues(StringBuilder h, String cssClass, Map<String, ?> entries) {
    h.append("<table class=\"").append(cssClass).append("\">\n");
    entries.forEach((k, v) -> h.append("<tr><th>").append(esc(k)).append("</th><td>")
        .append(v instanceof Double d ? number(d) : esc(String.valueOf(v))).append("</td></tr>\n"));
    h.append("</table>\n");
  }

  /**
   * A number for tables: integers (iteration counts) as integers, else 4 significant digits,
   * scientific outside [1e-3, 1e5); "—" when not finite.
   */
  static String number(Double v) {
    if (v == null || !Double.isFinite(v)) {
      return "—";
    }
    double a = Math.abs(v);
    if (v == Math.rint(v) && a < 1e7) {
      return Long.toString(v.longValue());
    }
    if (a != 0 && (a < 1e-3 || a >= 1e5)) {
      return String.format(Locale.ROOT, "%.3e", v);
    }
    return String.format(Locale.ROOT, "%.4g", v);
  }

  /** HTML-escapes text. */
  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        default -> b.append(ch);
      }
    }
    return b.toString();
  }

  static final String CSS = """
      body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #222; background: #fafafa; margin: 0; }
      main { max-width: 1100px; margin: 0 auto; padding: 24px 32px 48px; background: #fff; }
      h1 { font-size: 26px; margin: 8px 0 4px; }
      h2 { font-size: 21px; margin-top: 40px; border-bottom: 1px solid #ddd; padding-bottom: 6px; }
      h3 { font-size: 15px; margin: 18px 0 6px; color: #444; }
      p.lead { font-size: 15px; color: #333; }
      p.meta, p.ref { color: #666; font-size: 13px; }
      p.statement { font-size: 15px; font-style: italic; }
      table { border-collapse: collapse; font-size: 13px; }
      table.claims { width: 100%; margin: 16px 0; }
      table.claims th, table.claims td { border-bottom: 1px solid #e5e5e5; padding: 6px 8px; text-align: left; vertical-align: top; }
      table.kv th { text-align: left; font-weight: normal; color: #555; padding: 2px 16px 2px 0; }
      table.kv td { padding: 2px 0; font-family: "DejaVu Sans Mono", Menlo, monospace; }
      table.runs { width: 100%; margin: 12px 0; }
      table.runs th, table.runs td { border-bottom: 1px solid #e5e5e5; padding: 4px 8px; text-align: right; }
      table.runs th:nth-child(-n+4), table.runs td:nth-child(-n+4) { text-align: left; }
      table.runs td { font-family: "DejaVu Sans Mono", Menlo, monospace; }
      table.runs tr.group td { border-top: 2px solid #ccc; }
      figure { margin: 18px 0; }
      figure svg { max-width: 100%; height: auto; }
      figcaption { font-size: 13px; color: #555; }
      .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: bold; vertical-align: middle; }
      .pass { background: #d8f0d8; color: #1b5e20; }
      .fail { background: #f8d7da; color: #8b0000; }
      .na { background: #eee; color: #555; }
      p.verdict { font-size: 14px; background: #f6f6f6; padding: 8px 10px; border-radius: 4px; }
      footer { margin-top: 40px; font-size: 12px; color: #777; }
      code { font-size: 90%; }
      """;
}
