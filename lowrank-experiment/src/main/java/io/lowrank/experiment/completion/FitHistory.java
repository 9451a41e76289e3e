package io.lowrank.experiment.completion;

/**
 * The fit's course at each validation evaluation: iteration, training RMSE (NaN when the loss was
 * not recorded there) and validation RMSE, and the chosen iteration. Arrays are owned by this record.
 *
 * @param iterations the iterations t at which the validation error was measured
 * @param trainRmse training RMSE at those iterations
 * @param validationRmse validation RMSE at those iterations
 * @param chosenIteration the iteration of the smallest validation error (the model's factors)
 */
public record FitHistory(double[] iterations, double[] trainRmse, double[] validationRmse, int chosenIteration) {
  /** Number of evaluations. */
  public int size() {
    return iterations.length;
  }
}
