package io.lowrank.cli;

import io.lowrank.experiment.spec.SpecFiles;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options every command that runs solvers shares, with one name, meaning and default
 * everywhere (the README's option table lists them). Values left out keep the spec's defaults.
 */
final class RunOptions {
  @Option(names = "--seed", paramLabel = "SEED", order = 100,
      description = "master seed; truth, operator, noise, start and hold-out split use derived streams. Default: 1.")
  Long seed;

  @Option(names = "--iters", paramLabel = "T", order = 101,
      description = "iteration budget of each run. Default: 2000 (5000 for ratings).")
  Integer iters;

  @Option(names = "--tol", paramLabel = "TOL", order = 102,
      description = "a run converges when ||A(UU^T) - y|| / ||y|| <= TOL; 0 disables. Default: 1e-10 (0 for ratings).")
  Double tol;

  @Option(names = "--time-limit", paramLabel = "SECONDS", order = 103,
      description = "stop each run after this much solve time. Default: none.")
  Double timeLimit;

  @Option(names = "--record-every", paramLabel = "K", order = 104,
      description = "record the history every K iterations (and the last). Default: 1 (for ratings: the validation "
          + "cadence, 5).")
  Integer recordEvery;

  @Option(names = "--threads", paramLabel = "N", order = 105,
      description = "threads: runs of a many-run command run on them in parallel, and a single run uses them for its "
          + "passes over the operator where the model has a parallel pass; results are identical for every N. "
          + "Default: the number of cores.")
  Integer threads;

  @Option(names = "--set", paramLabel = "KEY=VALUE", order = 106,
      description = "set any spec key (e.g. --set problem.noise=0.01, --set alpha=1e-4); repeatable; each key once "
          + "(by an option or a --set), except that on run a --set overrides the spec file. Keys: docs/math.md §12.")
  List<String> sets = new ArrayList<>();

  @Option(names = "--print-spec", order = 107, description = "print the fully resolved spec as YAML and exit.")
  boolean printSpec;

  @Option(names = "--json", order = 108, description = "print the summary as JSON on stdout instead of the human summary.")
  boolean json;

  /** Applies the run options to a spec document (before its own --set assignments). */
  void applyTo(SpecFiles.Source source) {
    source.option("seed", seed, "--seed");
    source.option("stop.iterations", iters, "--iters");
    source.option("stop.tolerance", tol, "--tol");
    source.option("stop.time_limit", timeLimit, "--time-limit");
    source.option("record.every", recordEvery, "--record-every");
  }

  /** Applies the --set assignments (last, so that they win). */
  void applySets(SpecFiles.Source source) {
    source.setAll(sets);
  }

  /** Worker threads of a many-run command. */
  int workers() {
    int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    OptionChecks.intRange(n, 1, io.lowrank.experiment.spec.RunSpec.MAX_THREADS, "--threads",
        "1 <= --threads <= " + io.lowrank.experiment.spec.RunSpec.MAX_THREADS);
    return n;
  }
}
