package io.lowrank.cli;

import io.lowrank.experiment.engine.Engine;
import io.lowrank.experiment.engine.Engines;
import picocli.CommandLine.Option;

/** {@code --engine} and {@code --master}: where the runs of {@code sweep} and {@code complete} execute (docs/spark.md). */
final class EngineOptions {
  @Option(names = "--engine", paramLabel = "local|spark", order = 150, description = "where the work runs: this "
      + "process (local), or Apache Spark (spark: sweep runs its runs as Spark tasks, complete spreads its gradient "
      + "pass over the cluster; the same results bit for bit, docs/spark.md). Default: local.")
  String engine = "local";

  @Option(names = "--master", paramLabel = "URL", order = 151, description = "the Spark master with --engine spark: "
      + "local[N], local[*] or spark://host:7077. Default: local[T] with T the --threads.")
  String master;

  /** Refuses an unknown engine, or a master without a cluster engine, before any work is done. */
  void check() {
    if (!Engines.KNOWN.contains(engine)) {
      throw new io.lowrank.experiment.formats.BadInputException("--engine " + io.lowrank.experiment.formats.TripletFiles
          .shorten(engine) + " is not an engine; accepted: " + String.join(", ", Engines.KNOWN));
    }
    if (master != null && engine.equals("local")) {
      throw new io.lowrank.experiment.formats.BadInputException("--master " + io.lowrank.experiment.formats
          .TripletFiles.shorten(master) + " needs a cluster engine; accepted: --engine spark --master URL, or no --master");
    }
  }

  /** Opens the engine asked for; the caller closes it. */
  Engine open(int threads) {
    return Engines.open(engine, master, threads);
  }
}
