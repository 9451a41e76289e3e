package io.lowrank.experiment.claims;

import io.lowrank.experiment.run.RunResult;
import io.lowrank.experiment.spec.RunSpec;
import java.util.List;
import java.util.Map;

/** One claim of docs/math.md §10: the runs it needs and how their results decide it. */
public interface Claim {

  /** The claim number in docs/math.md §10. */
  int number();

  /** The runs to execute (may overlap with other claims' runs; they are run once). */
  List<RunSpec> runs();

  /**
   * True when {@link #evaluate} reads the final factors of its runs (so a resumed reproduction must
   * store and load them); false by default.
   */
  default boolean needsFactors() {
    return false;
  }

  /** Decides the claim from the results (which contain at least {@link #runs()}). */
  ClaimResult evaluate(Map<RunSpec, RunResult> results);
}
