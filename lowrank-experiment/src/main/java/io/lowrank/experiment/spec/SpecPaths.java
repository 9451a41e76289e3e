package io.lowrank.experiment.spec;

import java.util.Locale;
import java.util.Map;

/**
 * Short names for spec keys, so that {@code --set n=60} means {@code --set problem.n=60}
 * (docs/math.md and the README list them). Keys may be written with '-' or '_'.
 */
public final class SpecPaths {
  private SpecPaths() {}

  /** Alias -> full dotted path. */
  public static final Map<String, String> ALIASES = Map.ofEntries(
      Map.entry("model", "problem.model"), Map.entry("n", "problem.n"), Map.entry("n1", "problem.n1"),
      Map.entry("n2", "problem.n2"), Map.entry("r", "problem.r"), Map.entry("kappa", "problem.kappa"),
      Map.entry("spacing", "problem.spacing"), Map.entry("m", "problem.m"),
      Map.entry("oversampling", "problem.oversampling"), Map.entry("noise", "problem.noise"),
      Map.entry("sampling", "problem.sampling"), Map.entry("alpha", "init.alpha"), Map.entry("beta", "init.beta"),
      Map.entry("step", "method.step"), Map.entry("step_fraction", "method.step_fraction"),
      Map.entry("depth", "method.depth"), Map.entry("iterations", "stop.iterations"),
      Map.entry("iters", "stop.iterations"), Map.entry("tolerance", "stop.tolerance"), Map.entry("tol", "stop.tolerance"),
      Map.entry("time_limit", "stop.time_limit"), Map.entry("target_error", "stop.target_error"),
      Map.entry("record_every", "record.every"), Map.entry("probes", "record.probes"));

  /** The full dotted path of a key as typed ({@code n} -> {@code problem.n}; '-' -> '_'). */
  public static String canonical(String key) {
    String k = key.strip().toLowerCase(Locale.ROOT).replace('-', '_');
    int dot = k.indexOf('.');
    String head = dot < 0 ? k : k.substring(0, dot);
    String mapped = ALIASES.get(head);
    if (mapped != null) {
      return dot < 0 ? mapped : mapped + k.substring(dot);
    }
    return k;
  }
}
