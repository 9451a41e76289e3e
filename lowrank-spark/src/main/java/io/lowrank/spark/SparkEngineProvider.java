package io.lowrank.spark;

import io.lowrank.experiment.engine.Engine;
import io.lowrank.experiment.engine.EngineProvider;

/** Registers the {@code spark} engine ({@code --engine spark}) with {@link io.lowrank.experiment.engine.Engines}. */
public final class SparkEngineProvider implements EngineProvider {
  @Override
  public String name() {
    return "spark";
  }

  @Override
  public Engine open(String master, int threads) {
    return SparkEngine.open(master, threads);
  }
}
