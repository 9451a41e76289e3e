package io.lowrank.spark;

import org.apache.spark.SparkException;

/** Turns Spark's wrapping of a task's failure back into lowrank's own exception. */
final class SparkFailures {
  private static final int MAX_LINE = 200;

  private SparkFailures() {}

  /**
   * The first exception in {@code e}'s cause chain that is not Spark's own wrapper (a task's
   * {@link io.lowrank.experiment.formats.BadInputException} stays one, so the CLI prints its
   * one-line message), or {@code e} itself.
   */
  static RuntimeException unwrap(Exception e) {
    Throwable t = e;
    int depth = 0;
    while (t != null && depth++ < 20) {
      if (t instanceof RuntimeException r && !(t instanceof SparkException)) {
        return r;
      }
      if (t instanceof Error err) {
        throw err;
      }
      t = t.getCause() == t ? null : t.getCause();
    }
    return new IllegalStateException("Spark failed: " + firstLine(e), e);
  }

  /** What Spark accepts as a master: local[N], local[*], local[N,F], local-cluster[...], spark://, yarn, k8s://. */
  private static final java.util.regex.Pattern MASTER = java.util.regex.Pattern.compile(
      "local|local\\[(\\d+|\\*)(,\\d+)?]|local-cluster\\[\\d+, *\\d+, *\\d+]|spark://\\S+|yarn|k8s://\\S+");

  /** True when {@code master} has the form of a Spark master URL (whether or not a cluster answers there). */
  static boolean isMaster(String master) {
    return MASTER.matcher(master).matches();
  }

  /** The first line of an exception's message, shortened. */
  static String firstLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    if (nl >= 0) {
      m = m.substring(0, nl);
    }
    return m.length() <= MAX_LINE ? m : m.substring(0, MAX_LINE - 3) + "...";
  }
}
