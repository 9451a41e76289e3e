package io.lowrank.experiment.stats;

import java.util.Arrays;

/** Small statistics for experiment summaries: medians, quantiles, least-squares lines. */
public final class Stats {
  private Stats() {}

  /** A fitted line y = intercept + slope x with its coefficient of determination. */
  public record Line(double slope, double intercept, double rSquared, int points) {}

  /** Median of the finite values (NaN when there are none). */
  public static double median(double[] values) {
    return quantile(values, 0.5);
  }

  /** Linear-interpolated quantile q in [0, 1] of the finite values (NaN when there are none). */
  public static double quantile(double[] values, double q) {
    double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    double pos = q * (v.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(v.length - 1, lo + 1);
    return v[lo] + (pos - lo) * (v[hi] - v[lo]);
  }

  /** Least-squares line through the points with finite coordinates. */
  public static Line fit(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("x has " + x.length + " values, y has " + y.length);
    }
    double mx = 0;
    double my = 0;
    int k = 0;
    for (int i = 0; i < x.length; i++) {
      if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
        mx += x[i];
        my += y[i];
        k++;
      }
    }
    if (k < 2) {
      return new Line(Double.NaN, Double.NaN, Double.NaN, k);
    }
    mx /= k;
    my /= k;
    double sxx = 0;
    double sxy = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
        sxx += (x[i] - mx) * (x[i] - mx);
        sxy += (x[i] - mx) * (y[i] - my);
        syy += (y[i] - my) * (y[i] - my);
      }
    }
    double slope = sxy / sxx;
    double r2 = syy == 0 ? 1.0 : sxy * sxy / (sxx * syy);
    return new Line(slope, my - slope * mx, r2, k);
  }

  /** log10 of every value (NaN for non-positive values). */
  public static double[] log10(double[] values) {
    return Arrays.stream(values).map(v -> v > 0 ? Math.log10(v) : Double.NaN).toArray();
  }

  /**
   * Spearman's rank correlation: the Pearson correlation of the ranks (ties get their average
   * rank); NaN when fewer than two points or when either variable is constant.
   */
  public static double spearman(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("x has " + x.length + " values, y has " + y.length);
    }
    if (x.length < 2) {
      return Double.NaN;
    }
    double[] a = ranks(x);
    double[] b = ranks(y);
    double ma = Arrays.stream(a).average().orElse(0);
    double mb = Arrays.stream(b).average().orElse(0);
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < a.length; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
  }

  /** Ranks 1..n, ties averaged. */
  static double[] ranks(double[] v) {
    Integer[] order = new Integer[v.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (p, q) -> Double.compare(v[p], v[q]));
    double[] r = new double[v.length];
    int i = 0;
    while (i < order.length) {
      int j = i;
      while (j + 1 < order.length && v[order[j + 1]] == v[order[i]]) {
        j++;
      }
      double mean = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        r[order[k]] = mean;
      }
      i = j + 1;
    }
    return r;
  }
}
