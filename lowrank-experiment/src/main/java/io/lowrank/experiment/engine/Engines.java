package io.lowrank.experiment.engine;

import io.lowrank.experiment.formats.BadInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Looks engines up by name: {@code local} here, others through {@link EngineProvider}. */
public final class Engines {
  /** The engine names lowrank knows of (whether or not they are on the class path). */
  public static final List<String> KNOWN = List.of("local", "spark");

  private Engines() {}

  /**
   * The engine called {@code name}; {@code master} must be null for the local engine.
   *
   * @throws BadInputException for an unknown name, a master without a cluster engine, or an engine
   *     whose module is not on the class path (with how to get it)
   */
  public static Engine open(String name, String master, int threads) {
    if (name == null || name.equals("local")) {
      if (master != null) {
        throw new BadInputException("--master " + master + " needs a cluster engine; accepted: --engine spark --master "
            + master + ", or no --master");
      }
      return Engine.local();
    }
    List<String> found = new ArrayList<>(List.of("local"));
    for (EngineProvider p : ServiceLoader.load(EngineProvider.class)) {
      if (p.name().equals(name)) {
        return p.open(master, threads);
      }
      found.add(p.name());
    }
    if (KNOWN.contains(name)) {
      throw new BadInputException("--engine " + name + " needs the lowrank-" + name + " module, which is not on the "
          + "class path; run through ./lowrank, which builds lowrank-spark-dist/target/lowrank-spark-*-all.jar on first "
          + "use, or run that jar with java -jar / spark-submit");
    }
    throw new BadInputException("unknown engine '" + name + "'; accepted: " + String.join(", ", found));
  }
}
