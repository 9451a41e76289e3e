package io.lowrank.experiment.engine;

import io.lowrank.experiment.formats.BadInputException;
import io.lowrank.experiment.formats.TripletFiles;
import io.lowrank.experiment.output.RunStore;
import io.lowrank.experiment.run.ProgressListener;
import io.lowrank.experiment.run.RunResult;
import io.lowrank.experiment.run.Runner;
import io.lowrank.experiment.run.Workload;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.solver.Observer;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Where runs execute: this process ({@link #local()}) or a cluster (lowrank-spark registers the
 * engine {@code spark} through {@link EngineProvider}). An engine changes where the arithmetic
 * happens, never its result: every engine gives the local engine's results bit for bit (docs/spark.md).
 * An engine may hold resources (a cluster session): close it after the last run.
 */
public interface Engine extends AutoCloseable {
  /** The engine's name ({@code local}, {@code spark}). */
  String name();

  /**
   * Runs every spec of {@code todo} (distinct, none complete in {@code store}) and saves each to
   * {@code store} as it finishes, with its factors when {@code keepFactors} accepts it.
   * {@code progress} is told of every finished run, one call at a time, counting from 1.
   *
   * @return every run's result, in the order of {@code todo}
   */
  Map<RunSpec, RunResult> runAll(Runner runner, List<RunSpec> todo, RunStore store, Predicate<RunSpec> keepFactors,
      ProgressListener progress);

  /**
   * One run on a prepared workload (see {@link Runner#run(RunSpec, Workload, List)}); engines that
   * distribute a single run do so for rectangular completion (ratings) and run anything else locally.
   */
  RunResult run(Runner runner, RunSpec spec, Workload workload, List<? extends Observer> observers);

  /**
   * Reads (row id, column id, value) triples with the engine's own distributed reader: CSV/TSV or
   * Parquet parsed where the data lives, ids numbered in sorted order
   * ({@link io.lowrank.experiment.formats.SortedIds}), so the result is that of
   * {@code SortedIds.of(TripletFiles.read(input, policy))} on the same file, whatever the cluster.
   * {@code check} sees the numbers of rows, columns and entries before the entries are gathered.
   *
   * @throws BadInputException on a malformed input, and from an engine without a distributed reader
   *     (the local engine: {@link TripletFiles#read} is its reader)
   */
  default TripletFiles.Data readRatings(java.nio.file.Path input, TripletFiles.Duplicates policy,
      TripletFiles.SizeCheck check) {
    throw new BadInputException("the " + name() + " engine has no distributed reader; accepted: --reader spark "
        + "with --engine spark, or lowrank's own reader");
  }

  /** Releases what the engine holds; the local engine holds nothing. */
  @Override
  default void close() {}

  /** The engine of this process: the {@link Runner}'s threads. */
  static Engine local() {
    return LocalEngine.INSTANCE;
  }
}
