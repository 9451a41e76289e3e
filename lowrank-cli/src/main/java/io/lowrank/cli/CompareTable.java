package io.lowrank.cli;

import io.lowrank.experiment.compare.CompareRun;
import io.lowrank.experiment.compare.Comparison;
import java.util.Locale;

/** The terminal table of {@code lowrank compare}: one line per run, a blank line between configurations. */
final class CompareTable {
  private CompareTable() {}

  static String render(Comparison.Outcome outcome) {
    StringBuilder b = new StringBuilder();
    String eps = String.format(Locale.ROOT, "%.0e", outcome.plan().eps());
    b.append(String.format(Locale.ROOT, "%n%-6s %-6s %-4s %-22s %11s %11s %11s %7s %9s  %s%n", "noise", "kappa", "r'",
        "method", "its to " + eps, "s to " + eps, "final error", "its", "solve s", "termination"));
    String group = null;
    for (CompareRun r : outcome.runs()) {
      String g = r.noise() + "/" + r.kappa();
      if (group != null && !g.equals(group)) {
        b.append('\n');
      }
      group = g;
      b.append(String.format(Locale.ROOT, "%-6s %-6s %-4s %-22s %11s %11s %11s %7d %9.3f  %s%n", num(r.noise()),
          num(r.kappa()), r.width() > 0 ? Integer.toString(r.width()) : "-", r.variant().label(),
          r.reached() ? Integer.toString(r.iterationsToEps()) : "-",
          r.reached() ? String.format(Locale.ROOT, "%.3f", r.secondsToEps()) : "-",
          Double.isFinite(r.finalError()) ? String.format(Locale.ROOT, "%.2e", r.finalError()) : "-", r.iterations(),
          r.seconds(), r.termination()));
    }
    b.append('\n');
    if (outcome.anyNotReached()) {
      String note = "- " + Comparison.notReachedNote("\"its to eps\"", "eps");
      b.append(String.join("\n", Terminal.wrap(note, Terminal.TABLE_WIDTH))).append("\n\n");
    }
    return b.toString();
  }

  private static String num(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e6) {
      return Long.toString((long) v);
    }
    return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
  }
}
