package io.lowrank.experiment.claims;

import io.lowrank.diagnostics.Columns;
import io.lowrank.experiment.figure.Figure;
import io.lowrank.experiment.figure.Series;
import io.lowrank.experiment.run.RunResult;
import io.lowrank.experiment.spec.InitSpec;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.stats.Stats;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Helpers shared by the claim checks: seed medians, formatting, alpha colours. */
final class ClaimSupport {
  private ClaimSupport() {}

  /** The small random start's alpha of a spec. */
  static double alpha(RunSpec s) {
    return ((InitSpec.SmallRandom) s.init()).alpha();
  }

  /** Every configuration crossed with every seed, configurations outermost. */
  static List<RunSpec> withSeeds(List<RunSpec> configurations, long[] seeds) {
    List<RunSpec> runs = new java.util.ArrayList<>();
    for (RunSpec c : configurations) {
      for (long s : seeds) {
        runs.add(c.withSeed(s));
      }
    }
    return runs;
  }

  /** The first recorded iteration with test error at most {@code target}, NaN when never reached. */
  static ToDoubleFunction<RunResult> iterationsTo(double target) {
    return r -> {
      int t = r.firstIterationBelow(Columns.TEST_ERROR, target);
      return t < 0 ? Double.NaN : t;
    };
  }

  /** One value per seed of {@code spec}'s configuration. */
  static double[] perSeed(Map<RunSpec, RunResult> results, RunSpec spec, long[] seeds, ToDoubleFunction<RunResult> f) {
    double[] v = new double[seeds.length];
    for (int i = 0; i < seeds.length; i++) {
      RunResult res = results.get(spec.withSeed(seeds[i]));
      if (res == null) {
        throw new IllegalStateException("missing run " + spec.withSeed(seeds[i]).id());
      }
      v[i] = f.applyAsDouble(res);
    }
    return v;
  }

  /** The median over seeds. */
  static double median(Map<RunSpec, RunResult> results, RunSpec spec, long[] seeds, ToDoubleFunction<RunResult> f) {
    return Stats.median(perSeed(results, spec, seeds, f));
  }

  /** Position of alpha on the shared sequential ramp: 1 -> 0, 1e-1 -> 1, ..., 1e-8 -> 8. */
  static Series.Color alphaColor(double alpha) {
    // qualitative (Okabe–Ito, colour-blind safe), keyed on the decade of α: neighbouring decades
    // (1e-3, 1e-4, 1e-5) get clearly different colours, and one α has one colour in every figure
    int k = (int) Math.round(-Math.log10(alpha));
    return Series.Color.qualitative(Math.floorMod(k, 7));
  }

  /** "1e-06" style. */
  static String sci(double v) {
    return String.format(Locale.ROOT, "%.2e", v);
  }

  /** "α = 1e-6". */
  static String alphaLabel(double alpha) {
    return alpha == 1.0 ? "α = 1" : String.format(Locale.ROOT, "α = 1e%d", (int) Math.round(Math.log10(alpha)));
  }

  /** A number without trailing zeros: 2, 2.5, 1e-06. */
  static String compact(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e9) {
      return Long.toString((long) v);
    }
    return Math.abs(v) >= 1e-3 && Math.abs(v) < 1e6 ? String.format(Locale.ROOT, "%.4g", v).replaceAll("0+$", "")
        .replaceAll("\\.$", "") : sci(v);
  }

  static String fixed(double v, int digits) {
    return String.format(Locale.ROOT, "%." + digits + "f", v);
  }

  /** Test error (or another column) against iteration for one run, as a line. */
  static Series trace(RunResult run, String column, String label, Series.Color color) {
    return Series.line(label, run.history().column(Columns.ITERATION), run.history().column(column), color);
  }

  /** {@code count} copies of {@code value}. */
  static double[] filled(int count, double value) {
    double[] v = new double[count];
    java.util.Arrays.fill(v, value);
    return v;
  }

  /**
   * Labelled ticks for a short log axis over [lo, hi] (e.g. 60 to 400, where decade ticks would
   * label only 100): multiples m × 10^k with m from 1, 2, 5, or the finer 1, 2, 3, 5, 7, or 1 to 9,
   * the coarsest that puts at least four ticks inside [lo, hi].
   */
  static double[] ticks125(double lo, double hi) {
    double[][] mantissas = {{1, 2, 5}, {1, 2, 3, 5, 7}, {1, 2, 3, 4, 5, 6, 7, 8, 9}};
    List<Double> t = new java.util.ArrayList<>();
    for (double[] ms : mantissas) {
      t.clear();
      for (double d = Math.pow(10, Math.floor(Math.log10(Math.max(lo, 1e-300)))); d <= hi; d *= 10) {
        for (double m : ms) {
          if (m * d >= lo && m * d <= hi) {
            t.add(m * d);
          }
        }
      }
      if (t.size() >= 4) {
        break;
      }
    }
    return t.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Adds the three phase bands of a run to a figure builder (when detected). */
  static void phaseBands(Figure.Builder b, RunResult run) {
    var p = run.phases();
    if (p == null || p.t1() < 0) {
      return;
    }
    double end = run.history().last(Columns.ITERATION);
    b.band(0, p.t1(), "I");
    if (p.t2() > p.t1()) {
      b.band(p.t1(), p.t2(), "II");
      b.band(p.t2(), end, "III");
    }
  }

  /** L R^T (a new n1 x n2 matrix), the end-to-end matrix of a pair of factors. */
  static io.lowrank.linalg.Mat product(io.lowrank.linalg.Mat left, io.lowrank.linalg.Mat right) {
    io.lowrank.linalg.Mat p = new io.lowrank.linalg.Mat(left.rows(), right.rows());
    io.lowrank.linalg.Dense.multiplyTransB(left, right, p);
    return p;
  }

  static double[] toArray(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
