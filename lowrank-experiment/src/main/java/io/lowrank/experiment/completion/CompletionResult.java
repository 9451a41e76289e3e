package io.lowrank.experiment.completion;

import io.lowrank.experiment.run.Baseline;
import io.lowrank.experiment.run.RunResult;
import io.lowrank.linalg.Mat;
import io.lowrank.solver.SolveResult;

/**
 * The outcome of a rank-free completion run. Predictions are baseline(i, j) + L_i . R_j with the
 * chosen (best-validation) factors.
 *
 * @param run the run behind it (resolved spec, history, termination, timings)
 * @param baseline the fitted centring baseline
 * @param left L of the chosen iterate (n1 x r'), or null when no validation error was finite
 * @param right R of the chosen iterate (n2 x r'), or null likewise
 * @param chosenIteration the iteration of the chosen iterate (-1 when none)
 * @param validationRmse RMSE of the chosen iterate on the held-out entries
 * @param baselineValidationRmse RMSE of the baseline alone on the held-out entries
 * @param trainRmse RMSE of the chosen iterate on the training entries
 * @param numericalRank the number of singular values of the completed matrix above {@code rankThreshold}
 * @param singularValues the singular values of the completed matrix mu + b 1^T + 1 c^T + L R^T, descending
 * @param rankThreshold max(1e-3 sigma_1, validationRmse (sqrt n1 + sqrt n2) / sqrt p), docs/math.md §9
 * @param trainEntries number of training entries
 * @param validationEntries number of held-out entries
 * @param width r'
 * @param validationIterations iterations at which the validation error was measured
 * @param validationRmseTrace validation RMSE at those iterations
 * @param trainRmseTrace training RMSE at those iterations (NaN where the loss was not recorded)
 * @param fitNanos wall time of the fit (baseline, operator, solve)
 * @param heldOutObserved the held-out values, in data units (empty when no iterate was chosen)
 * @param heldOutPredicted the chosen iterate's predictions at the held-out entries
 */
public record CompletionResult(RunResult run, Baseline baseline, Mat left, Mat right, int chosenIteration,
    double validationRmse, double baselineValidationRmse, double trainRmse, int numericalRank, double[] singularValues, double rankThreshold,
    int trainEntries, int validationEntries, int width, double[] validationIterations, double[] validationRmseTrace, double[] trainRmseTrace,
    long fitNanos, double[] heldOutObserved, double[] heldOutPredicted) {

  /** The Driver's result. */
  public SolveResult solve() {
    return run.solve();
  }

  /** The step size mu. */
  public double stepSize() {
    return run.stepSize();
  }

  /** True when the run diverged or never had a finite validation error (no chosen iterate). */
  public boolean failed() {
    return left == null || run.diverged();
  }

  /** The prediction at (i, j): baseline(i, j) + L_i . R_j. */
  public double predict(int i, int j) {
    return CompletionModel.predict(baseline, left, right, i, j);
  }
}
