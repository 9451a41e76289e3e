package io.lowrank.experiment.engine;

/**
 * A source of engines found with {@link java.util.ServiceLoader} (file
 * {@code META-INF/services/io.lowrank.experiment.engine.EngineProvider}); lowrank-spark provides
 * {@code spark}.
 */
public interface EngineProvider {
  /** The name users select it by ({@code --engine NAME}). */
  String name();

  /**
   * Opens an engine.
   *
   * @param master where to run (for Spark: {@code local[2]}, {@code spark://host:7077}); null for the
   *     engine's default
   * @param threads the threads asked for (the default master's parallelism)
   */
  Engine open(String master, int threads);
}
