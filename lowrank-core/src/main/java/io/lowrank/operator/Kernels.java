package io.lowrank.operator;

import java.util.Locale;

/**
 * Which row kernels this JVM runs, for library users and for {@code lowrank --version}. The packed
 * sensing operators pick their kernels once per JVM: the {@code jdk.incubator.vector} ones (256 or
 * 512 bits) when the JVM was started with {@code --add-modules jdk.incubator.vector}, else the
 * plain-Java ones. Both give bit-identical results (the order of operations is fixed, see the
 * kernel contract); the vector kernels make the sensing passes 2–3.5× faster (docs/performance.md).
 */
public final class Kernels {
  private Kernels() {}

  /** "vector512", "vector" (256-bit) or "plain". */
  public static String active() {
    return RowKernels.best().name();
  }

  /** True when the jdk.incubator.vector kernels are in use. */
  public static boolean vectorized() {
    return !active().equals(PlainRowKernels.INSTANCE.name());
  }

  /**
   * One line naming the active kernels and, when they are the plain ones, how to get the fast ones,
   * e.g. {@code "kernels: vector (jdk.incubator.vector, 256-bit lanes, FMA); 2 cores"}.
   */
  public static String describe() {
    int cores = Runtime.getRuntime().availableProcessors();
    String kernels = switch (active()) {
      case "vector512" -> "vector512 (jdk.incubator.vector, 512-bit lanes, FMA)";
      case "vector" -> "vector (jdk.incubator.vector, 256-bit lanes, FMA)";
      default -> "plain Java (jdk.incubator.vector "
          + (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() ? "present but unusable"
              : "not loaded; start the JVM with --add-modules jdk.incubator.vector for 2-3.5x faster sensing passes")
          + ")";
    };
    return String.format(Locale.ROOT, "kernels: %s; %d core%s available", kernels, cores, cores == 1 ? "" : "s");
  }
}
