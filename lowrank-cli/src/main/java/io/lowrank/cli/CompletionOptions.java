package io.lowrank.cli;

import io.lowrank.experiment.spec.SpecFiles;
import java.util.LinkedHashMap;
import picocli.CommandLine.Option;

/**
 * The options of the rank-free completion fit that {@code complete} and {@code inpaint} share
 * (docs/math.md §9); values left out keep the ratings spec's defaults.
 */
final class CompletionOptions {
  @Option(names = "--width", paramLabel = "R'", order = 40,
      description = "factor width r'. Default: min(rows, columns, 100) (for an image: min(height, width, 100)).")
  Integer width;

  @Option(names = "--alpha", paramLabel = "A", order = 41,
      description = "initial scale: L_0 = A G_L / sqrt(r'), R_0 = A G_R / sqrt(r'). Default: 1e-3.")
  Double alpha;

  @Option(names = "--step-fraction", paramLabel = "C", order = 42,
      description = "c in the step size mu = c / ||A*(y)||. Default: 0.25.")
  Double stepFraction;

  @Option(names = "--hold-out", paramLabel = "F", order = 43,
      description = "fraction of the observed entries held out for validation, 0 < F < 1. Default: 0.1.")
  Double holdOut;

  @Option(names = "--patience", paramLabel = "T", order = 44,
      description = "stop after T iterations without validation progress. Default: 200.")
  Integer patience;

  @Option(names = "--centring", paramLabel = "none|mean|biases", order = 46,
      description = "baseline removed before fitting: none, the global mean, or mean + row and column biases. "
          + "Default: biases (inpaint: mean).")
  String centring;

  /** Sets the keys of every option given. */
  void applyTo(SpecFiles.Source source) {
    source.option("problem.centring", centring, "--centring");
    source.option("width", width, "--width");
    source.option("init.alpha", alpha, "--alpha");
    source.option("method.step_fraction", stepFraction, "--step-fraction");
    source.preset("stop.early_stopping", new LinkedHashMap<>());
    source.option("stop.early_stopping.hold_out", holdOut, "--hold-out");
    source.option("stop.early_stopping.patience", patience, "--patience");
  }
}
