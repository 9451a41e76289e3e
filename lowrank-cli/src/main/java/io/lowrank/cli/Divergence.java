package io.lowrank.cli;

import io.lowrank.solver.SolveResult;
import io.lowrank.solver.StopRules;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The one line of a run that diverged, the same on every command:
 * {@code lowrank <command>: error: diverged at iteration N (step size mu = ...): <cause>; <fix>},
 * with exit status 1. When the loss was not finite before the first step, the step is not the
 * cause: the data's magnitude is, and the line says so (exit status 2, bad input).
 */
final class Divergence {
  private Divergence() {}

  /**
   * Prints the line and returns the exit status.
   *
   * @param where e.g. "" or " of the refit" or " in channel 2"
   * @param knob the option that sets the step, e.g. "--step-fraction (now 50)"
   */
  static int report(PrintWriter err, String command, SolveResult solve, String where, double step, String knob) {
    return report(err, command, solve.iterations(), solve.initialLoss(), where, step, knob);
  }

  /** As above, from the iteration count and the loss before the first step. */
  static int report(PrintWriter err, String command, int iterations, double initialLoss, String where, double step,
      String knob) {
    if (!Double.isFinite(initialLoss)) {
      err.println(String.format(Locale.ROOT, "lowrank %s: error: the loss is not finite at the start%s (iteration 0): "
          + "the data's magnitude overflows double precision, not the step size; scale the data down (divide the "
          + "values by a power of ten)", command, where));
      err.flush();
      return Main.EXIT_BAD_INPUT;
    }
    err.println(String.format(Locale.ROOT, "lowrank %s: error: diverged at iteration %d%s (step size mu = %s): the loss "
        + "exceeded %s x its initial value or became non-finite; reduce %s", command, iterations, where,
        OptionChecks.compact(step), OptionChecks.compact(StopRules.DEFAULT_DIVERGENCE_FACTOR), knob));
    err.flush();
    return Main.EXIT_DIVERGED;
  }
}
