package io.lowrank.experiment.compare;

import io.lowrank.linalg.Check;
import io.lowrank.model.GroundTruthSpec;
import io.lowrank.model.Spacing;
import java.util.Arrays;
import java.util.List;

/**
 * A validated side-by-side comparison (MATH.md §1.1 sensing, §2-§3 methods): one GOE operator per
 * seed shared by every configuration, one planted M* per kappa, one noise draw per sigma, and every
 * method at every width (the convex baseline once, it has no width).
 *
 * @param n dimension
 * @param r rank of M*
 * @param m measurements
 * @param kappas condition numbers of M* (each >= 1)
 * @param noises noise levels sigma (each >= 0)
 * @param widths factor widths r' (each 1..n)
 * @param seed master seed (truth, operator, noise and starts from derived streams)
 * @param alpha small initial scale (GD, ScaledGD(lambda), PrecGD; spare spectral columns)
 * @param deepAlpha initial scale of the deep factorisation (its escape from a small start is slow)
 * @param depth depth L of the deep factorisation
 * @param iterations iteration budget per run (the convex path shares it over its stages)
 * @param eps the relative test error whose hitting time and iteration are reported
 * @param tolerance CONVERGED once the relative residual is below this (0 disables)
 * @param timeLimitSeconds solve-time limit per run, or null
 * @param recordEvery recording cadence (hitting times are resolved to it)
 * @param methods the methods, in table order
 * @param spacing spacing of the singular values of X
 */
public record CompareSpec(int n, int r, int m, double[] kappas, double[] noises, int[] widths, long seed, double alpha,
    double deepAlpha, int depth, int iterations, double eps, double tolerance, Double timeLimitSeconds, int recordEvery,
    List<CompareMethod> methods, Spacing spacing) {

  /** Stages of the nuclear-norm path. */
  public static final int PATH_STAGES = 8;
  /** Final lambda / lambda_max of the path on noise-free data. */
  public static final double PATH_FINAL_FRACTION = 1e-8;

  public CompareSpec {
    Check.positive(n, "n");
    Check.inRange(r, 1, n, "r");
    Check.positive(m, "m");
    Check.shape(kappas != null && kappas.length > 0, "at least one kappa is required");
    Check.shape(noises != null && noises.length > 0, "at least one noise level is required");
    Check.shape(widths != null && widths.length > 0, "at least one width is required");
    for (double k : kappas) {
      Check.inRange(k, 1.0, 1e12, "kappa");
    }
    for (double s : noises) {
      Check.nonNegative(s, "noise");
    }
    for (int w : widths) {
      Check.inRange(w, 1, n, "width r'");
    }
    Check.positive(alpha, "alpha");
    Check.positive(deepAlpha, "deep alpha");
    Check.inRange(depth, 1, 64, "depth");
    Check.inRange(iterations, 1, Integer.MAX_VALUE - 1, "iterations");
    Check.inRange(eps, Double.MIN_NORMAL, 1.0, "eps");
    Check.inRange(tolerance, 0.0, 1.0, "tolerance");
    if (timeLimitSeconds != null) {
      Check.inRange(timeLimitSeconds, 1e-6, 1e9, "time limit (seconds)");
    }
    Check.positive(recordEvery, "record-every");
    Check.shape(methods != null && !methods.isEmpty(), "at least one method is required");
    Check.shape(spacing != null, "spacing is required");
    kappas = kappas.clone();
    noises = noises.clone();
    widths = widths.clone();
    methods = List.copyOf(methods);
  }

  /** The truth parameters for one kappa. */
  public GroundTruthSpec truthSpec(double kappa) {
    return new GroundTruthSpec(n, r, kappa, spacing);
  }

  @Override
  public double[] kappas() {
    return kappas.clone();
  }

  @Override
  public double[] noises() {
    return noises.clone();
  }

  @Override
  public int[] widths() {
    return widths.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CompareSpec c && n == c.n && r == c.r && m == c.m && Arrays.equals(kappas, c.kappas)
        && Arrays.equals(noises, c.noises) && Arrays.equals(widths, c.widths) && seed == c.seed
        && alpha == c.alpha && deepAlpha == c.deepAlpha && depth == c.depth && iterations == c.iterations
        && eps == c.eps && tolerance == c.tolerance && java.util.Objects.equals(timeLimitSeconds, c.timeLimitSeconds)
        && recordEvery == c.recordEvery && methods.equals(c.methods) && spacing == c.spacing;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(n, r, m, Arrays.hashCode(kappas), Arrays.hashCode(noises), Arrays.hashCode(widths),
        seed, alpha, deepAlpha, depth, iterations, eps, tolerance, timeLimitSeconds, recordEvery, methods, spacing);
  }

  @Override
  public String toString() {
    return "CompareSpec[n=" + n + ", r=" + r + ", m=" + m + ", kappas=" + Arrays.toString(kappas) + ", noises="
        + Arrays.toString(noises) + ", widths=" + Arrays.toString(widths) + ", seed=" + seed + ", methods=" + methods
        + "]";
  }
}
