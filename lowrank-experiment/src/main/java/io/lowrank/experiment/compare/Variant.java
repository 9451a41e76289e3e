package io.lowrank.experiment.compare;

import io.lowrank.experiment.spec.InitSpec;
import io.lowrank.experiment.spec.MethodSpec;
import io.lowrank.solver.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One row of a comparison: a {@link Method} with its default step and the start it is compared
 * from. The id is the method's, or {@code spectral-} and the method's for the spectral start (the
 * only such row by default is {@code spectral-gd}, "spectral + GD"); exact ScaledGD always starts
 * from the spectral start (it needs the rank and a well-conditioned factor), under its own id.
 *
 * @param method the method
 * @param spectral true when the run starts from the spectral initialiser
 */
public record Variant(Method method, boolean spectral) {

  /** The default rows for models of the symmetric (true) or asymmetric (false) factorisation, in table order. */
  public static List<Variant> defaults(boolean symmetric) {
    List<Variant> out = new ArrayList<>(List.of(new Variant(Method.GD, false), new Variant(Method.GD, true),
        new Variant(Method.SCALED_GD, true), new Variant(Method.SCALED_GD_LAMBDA, false),
        new Variant(Method.PREC_GD, false)));
    if (!symmetric) {
      out.add(new Variant(Method.ALS, false));
    }
    out.add(new Variant(Method.NUCLEAR, false));
    if (symmetric) {
      out.add(new Variant(Method.DEEP, false));
    }
    return out;
  }

  /** The row named {@code id} ("gd", "spectral-gd", "scaledgd", ...); the message lists the accepted ids. */
  public static Variant parse(String id, List<Variant> accepted) {
    String key = id.strip().toLowerCase(Locale.ROOT);
    for (Variant v : accepted) {
      if (v.id().equals(key)) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown method '" + id + "'; accepted: " + ids(accepted));
  }

  /** "gd, spectral-gd, ...". */
  public static String ids(List<Variant> variants) {
    return String.join(", ", variants.stream().map(Variant::id).toList());
  }

  /** The row's name in options and files. */
  public String id() {
    return spectral && method != Method.SCALED_GD ? "spectral-" + method.id() : method.id();
  }

  /** The row's name in tables and legends. */
  public String label() {
    return switch (method) {
      case GD -> spectral ? "spectral + GD" : "GD (small init)";
      case SCALED_GD -> "ScaledGD (spectral)";
      default -> method.label();
    };
  }

  /** False for the convex baseline, which has no factor width. */
  public boolean usesWidth() {
    return method != Method.NUCLEAR;
  }

  /** Whether the row runs at width r' for rank r (exact ScaledGD only at r' = r). */
  public boolean runsAt(int width, int rank) {
    return method != Method.SCALED_GD || width == rank;
  }

  /** The method spec with its defaults (depth for deep). */
  MethodSpec methodSpec(int depth) {
    return switch (method) {
      case GD -> new MethodSpec.Gd(null, null);
      case SCALED_GD -> new MethodSpec.ScaledGd(null, null);
      case SCALED_GD_LAMBDA -> new MethodSpec.ScaledGdLambda(null, null, null, null);
      case PREC_GD -> new MethodSpec.PrecGd(null, null);
      case ALS -> new MethodSpec.Als(null, null);
      case NUCLEAR -> new MethodSpec.Nuclear(null, null, null, null);
      case DEEP -> new MethodSpec.Deep(depth, null, null, null);
    };
  }

  /** The start: spectral (spare columns at scale alpha), or small random at alpha (deep: at deepAlpha). */
  InitSpec init(double alpha, double deepAlpha) {
    if (spectral) {
      return new InitSpec.Spectral(null, alpha);
    }
    return new InitSpec.SmallRandom(method == Method.DEEP ? deepAlpha : alpha, null);
  }
}
