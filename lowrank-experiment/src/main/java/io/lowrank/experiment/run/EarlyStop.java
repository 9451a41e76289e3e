package io.lowrank.experiment.run;

/**
 * What validation early stopping saw in one run (docs/math.md, "Rank-free recovery").
 *
 * @param chosenIteration the iteration of the chosen iterate: the smallest validation error up to
 *     the stop point (up to the end when patience never ran out)
 * @param stopIteration where patience ran out, or -1 if it never did (with {@code halt: false} the
 *     run went on to its budget)
 * @param chosenValidationMse the validation mean squared error of the chosen iterate
 * @param iterations the iterations at which the validation error was measured
 * @param validationMse the validation mean squared error at those iterations
 * @param chosen the chosen iterate's factors (null when no validation error was finite)
 * @param heldOut number of held-out measurements or entries
 */
public record EarlyStop(int chosenIteration, int stopIteration, double chosenValidationMse, double[] iterations,
    double[] validationMse, Factors chosen, int heldOut) {

  /** True when patience ran out before the iteration budget. */
  public boolean stopped() {
    return stopIteration >= 0;
  }
}
