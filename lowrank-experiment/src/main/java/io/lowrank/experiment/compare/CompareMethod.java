package io.lowrank.experiment.compare;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The methods {@code lowrank compare} runs side by side (MATH.md §2-§3). */
public enum CompareMethod {
  /** Plain GD from the small random start U_0 = alpha G / sqrt(r'). */
  GD("gd", "GD (small init)", true),
  /** Plain GD from the spectral start (spare columns small random). */
  SPECTRAL_GD("spectral-gd", "spectral + GD", true),
  /** Exact-rank ScaledGD from the spectral start (run at r' = r only). */
  SCALED_GD("scaledgd", "ScaledGD (spectral)", true),
  /** ScaledGD(lambda) from the small random start. */
  SCALED_GD_LAMBDA("scaledgd-lambda", "ScaledGD(λ)", true),
  /** PrecGD from the small random start. */
  PREC_GD("precgd", "PrecGD", true),
  /** The convex baseline: PSD nuclear-norm FISTA along a warm-started lambda path. */
  NUCLEAR("nuclear", "nuclear norm (FISTA)", false),
  /** Deep (depth-L) factorisation from a small start. */
  DEEP("deep", "deep factorisation", true);

  private final String id;
  private final String label;
  private final boolean usesWidth;

  CompareMethod(String id, String label, boolean usesWidth) {
    this.id = id;
    this.label = label;
    this.usesWidth = usesWidth;
  }

  /** The command-line and file name of the method. */
  public String id() {
    return id;
  }

  /** The name in tables and legends. */
  public String label() {
    return label;
  }

  /** False for the convex baseline, which has no factor width. */
  public boolean usesWidth() {
    return usesWidth;
  }

  /** Whether the method runs at width r' for rank r (exact ScaledGD only at r' = r). */
  public boolean runsAt(int width, int rank) {
    return this != SCALED_GD || width == rank;
  }

  /** The method with this id; the message lists the accepted ones. */
  public static CompareMethod parse(String id) {
    for (CompareMethod m : values()) {
      if (m.id.equalsIgnoreCase(id.strip())) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown method '" + id + "'; accepted: " + ids());
  }

  /** "gd, spectral-gd, ...". */
  public static String ids() {
    return Arrays.stream(values()).map(CompareMethod::id).collect(Collectors.joining(", "));
  }
}
