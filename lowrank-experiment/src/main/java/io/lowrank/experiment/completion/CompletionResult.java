package io.lowrank.experiment.completion;

import io.lowrank.linalg.Mat;
import io.lowrank.solver.SolveResult;

/**
 * The outcome of a rank-free completion run. Predictions are baseline(i, j) + L_i . R_j with the
 * chosen (best-validation) factors.
 *
 * @param baseline the fitted centring baseline
 * @param left L of the chosen iterate (n1 x r')
 * @param right R of the chosen iterate (n2 x r')
 * @param chosenIteration the iteration of the chosen iterate
 * @param solve how the run ended (EARLY_STOPPED when the patience ran out)
 * @param validationRmse RMSE of the chosen iterate on the held-out entries
 * @param baselineValidationRmse RMSE of the baseline alone on the held-out entries
 * @param trainRmse RMSE of the chosen iterate on the training entries
 * @param numericalRank singular values of L R^T above 1e-3 sigma_1
 * @param singularValues the singular values of L R^T, descending
 * @param trainEntries number of training entries
 * @param validationEntries number of held-out entries
 * @param width r'
 * @param stepSize mu
 * @param validationIterations iterations at which the validation error was measured
 * @param validationRmseTrace validation RMSE at those iterations
 * @param fitNanos wall time of the fit (baseline, operator, solve)
 */
public record CompletionResult(Baseline baseline, Mat left, Mat right, int chosenIteration, SolveResult solve,
    double validationRmse, double baselineValidationRmse, double trainRmse, int numericalRank, double[] singularValues,
    int trainEntries, int validationEntries, int width, double stepSize, double[] validationIterations,
    double[] validationRmseTrace, long fitNanos) {

  /** The prediction at (i, j). */
  public double predict(int i, int j) {
    int k = left.cols();
    double[] l = left.data();
    double[] r = right.data();
    double s = baseline.at(i, j);
    int li = i * k;
    int rj = j * k;
    for (int t = 0; t < k; t++) {
      s += l[li + t] * r[rj + t];
    }
    return s;
  }
}
