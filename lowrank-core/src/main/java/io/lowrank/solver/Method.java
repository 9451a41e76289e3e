package io.lowrank.solver;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The methods of lowrank, each with the one name it has everywhere: {@link Solver#method()}, run
 * specs, the command line, file and column names, tables and reports (docs/math.md, "Methods").
 * Which starting point a run uses is a separate choice (an initialiser, not a method), so
 * "spectral + GD" is {@link #GD} from the spectral start.
 */
public enum Method {
  /** Gradient descent on the factors (MATH: U ← U - mu grad f(U)). */
  GD("gd", "GD"),
  /** ScaledGD of Tong, Ma and Chi (2021): preconditioner (U^T U)^{-1}, exact rank. */
  SCALED_GD("scaledgd", "ScaledGD"),
  /** ScaledGD(lambda) of Xu, Shen, Ma and Chi (2023): preconditioner (U^T U + lambda I)^{-1}. */
  SCALED_GD_LAMBDA("scaledgd-lambda", "ScaledGD(λ)"),
  /** PrecGD of Zhang, Fattahi and Zhang (2021): damping lambda_t = sqrt(f(U_t)). */
  PREC_GD("precgd", "PrecGD"),
  /** Alternating least squares with a ridge (asymmetric models). */
  ALS("als", "ALS"),
  /** The convex baseline: nuclear-norm regularised least squares by FISTA along a lambda path. */
  NUCLEAR("nuclear", "nuclear norm (FISTA)"),
  /** Deep factorisation U = W_L ... W_1 (symmetric models). */
  DEEP("deep", "deep factorisation");

  private final String id;
  private final String label;

  Method(String id, String label) {
    this.id = id;
    this.label = label;
  }

  /** The name used in specs, options, files and columns, e.g. {@code scaledgd-lambda}. */
  public String id() {
    return id;
  }

  /** The name in tables and legends, e.g. {@code ScaledGD(λ)}. */
  public String label() {
    return label;
  }

  /** The method named {@code id} (case-insensitive); the message lists the accepted names. */
  public static Method of(String id) {
    String key = id == null ? "" : id.strip().toLowerCase(Locale.ROOT);
    for (Method m : values()) {
      if (m.id.equals(key)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown method '" + id + "'; accepted: " + ids());
  }

  /** "gd, scaledgd, ...". */
  public static String ids() {
    return Arrays.stream(values()).map(Method::id).collect(Collectors.joining(", "));
  }
}
