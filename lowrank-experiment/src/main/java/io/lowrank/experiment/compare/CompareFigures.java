package io.lowrank.experiment.compare;

import io.lowrank.diagnostics.Columns;
import io.lowrank.diagnostics.History;
import io.lowrank.experiment.figure.Figure;
import io.lowrank.experiment.figure.Series;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The figures of a comparison as plain data: per noise level, the relative test error against
 * iteration and against solve time (one panel per kappa and width, one line per method), and the
 * iterations to eps against kappa.
 */
public final class CompareFigures {
  private CompareFigures() {}

  /** All figures, in report order. */
  public static List<Figure> of(Comparison.Outcome outcome) {
    Comparison.Plan spec = outcome.plan();
    List<Figure> out = new ArrayList<>();
    for (double noise : spec.noises()) {
      String tag = "σ = " + num(noise);
      out.add(grid(outcome, noise, false, "compare-iterations-s" + idPart(noise),
          "Relative test error vs iteration (" + tag + ")"));
      out.add(grid(outcome, noise, true, "compare-time-s" + idPart(noise),
          "Relative test error vs solve time (" + tag + ")"));
      if (spec.kappas().size() > 1) {
        out.add(hittingIterations(outcome, noise));
      }
    }
    return out;
  }

  private static Figure grid(Comparison.Outcome outcome, double noise, boolean time, String id, String title) {
    Comparison.Plan spec = outcome.plan();
    List<Figure> panels = new ArrayList<>();
    double xMax = 0; // one x range for every panel, so that panels compare at a glance
    for (CompareRun run : outcome.runs()) {
      if (Double.compare(run.noise(), noise) == 0) {
        double[] x = run.history().column(time ? Columns.ELAPSED_S : History.ITERATION);
        for (double v : x) {
          xMax = Double.isFinite(v) ? Math.max(xMax, v) : xMax;
        }
      }
    }
    for (double kappa : spec.kappas()) {
      for (int width : spec.widths()) {
        Figure.Builder p = Figure.builder(id + "-k" + idPart(kappa) + "-w" + width,
                String.format(Locale.ROOT, "κ = %s, r' = %d", num(kappa), width))
            .x(time ? "solve time (s)" : "iteration t", false).y("relative test error", true);
        for (CompareRun run : outcome.runs()) {
          if (Double.compare(run.noise(), noise) != 0 || Double.compare(run.kappa(), kappa) != 0 || (run.width() != width && run.variant().usesWidth())) {
            continue;
          }
          Series s = trace(run, time);
          if (s != null) {
            p.add(s);
          }
        }
        p.hline(spec.eps(), "ε", Series.Color.neutral());
        if (xMax > 0) {
          p.xRange(0, xMax);
        }
        panels.add(p.build());
      }
    }
    return Figure.grid(id, title, panels);
  }

  /** A method's test error against iteration or time, without non-finite points. */
  static Series trace(CompareRun run, boolean time) {
    History h = run.history();
    double[] x = h.column(time ? Columns.ELAPSED_S : History.ITERATION);
    double[] y = h.column(Columns.TEST_ERROR);
    int k = 0;
    double[] fx = new double[x.length];
    double[] fy = new double[y.length];
    for (int i = 0; i < x.length; i++) {
      if (Double.isFinite(x[i]) && Double.isFinite(y[i]) && y[i] > 0) {
        fx[k] = x[i];
        fy[k] = y[i];
        k++;
      }
    }
    if (k == 0) {
      return null;
    }
    return Series.line(run.variant().label(), Arrays.copyOf(fx, k), Arrays.copyOf(fy, k), color(run.variant()));
  }

  private static Figure hittingIterations(Comparison.Outcome outcome, double noise) {
    Comparison.Plan spec = outcome.plan();
    List<Figure> panels = new ArrayList<>();
    for (int width : spec.widths()) {
      Figure.Builder p = Figure.builder("compare-hitting-s" + idPart(noise) + "-w" + width, "r' = " + width)
          .x("condition number κ", true).y("iterations to ε", true).xTicks(spec.kappas().stream().mapToDouble(Double::doubleValue).toArray());
      for (Variant m : spec.variants()) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<Double> missedX = new ArrayList<>();
        List<Double> missedY = new ArrayList<>();
        for (CompareRun run : outcome.runs()) {
          if (run.variant().equals(m) && Double.compare(run.noise(), noise) == 0 && (run.width() == width || !m.usesWidth())) {
            if (run.reached()) {
              xs.add(run.kappa());
              ys.add((double) Math.max(run.iterationsToEps(), 1));
            } else if (run.iterations() > 0) { // shown where it stopped, never left out
              missedX.add(run.kappa());
              missedY.add((double) run.iterations());
            }
          }
        }
        if (!xs.isEmpty()) {
          p.add(Series.points(m.label(), xs.stream().mapToDouble(Double::doubleValue).toArray(),
              ys.stream().mapToDouble(Double::doubleValue).toArray(), color(m)));
        }
        if (!missedX.isEmpty()) {
          p.add(Series.missed(m.label() + ": not reached",
              missedX.stream().mapToDouble(Double::doubleValue).toArray(),
              missedY.stream().mapToDouble(Double::doubleValue).toArray(), color(m)));
        }
      }
      panels.add(p.build());
    }
    return Figure.grid("compare-hitting-s" + idPart(noise), String.format(Locale.ROOT,
        "Iterations to ε = %s vs κ (σ = %s; ×: ε not reached, drawn at the last iteration)", sci(spec.eps()), num(noise)),
        panels);
  }

  /** One colour per row in every figure (by its place among the default rows). */
  static Series.Color color(Variant m) {
    int index = Variant.defaults(true).indexOf(m);
    if (index < 0) {
      index = Variant.defaults(false).indexOf(m);
    }
    return Series.Color.qualitative(Math.max(index, 0));
  }

  static String num(double v) {
    if (Double.isNaN(v)) {
      return "—";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e6) {
      return Long.toString((long) v);
    }
    return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
  }

  /** {@link #num} for identifiers ([A-Za-z0-9_-]): 0.01 -> 0p01. */
  static String idPart(double v) {
    return Double.isNaN(v) ? "inst" : num(v).replace('.', 'p');
  }

  static String sci(double v) {
    return String.format(Locale.ROOT, "%.0e", v);
  }
}
