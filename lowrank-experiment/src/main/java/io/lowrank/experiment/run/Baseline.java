package io.lowrank.experiment.run;

import io.lowrank.experiment.formats.ObservedEntries;
import io.lowrank.experiment.spec.Centring;
import io.lowrank.linalg.Check;

/**
 * The fitted centring baseline mu + b_i + c_j (zeros for what the {@link Centring} leaves out).
 *
 * @param centring how it was fitted
 * @param mean mu
 * @param rowBias b_i, one per row
 * @param colBias c_j, one per column
 * @param lambda the bias regularisation used (NaN when the centring fits no biases)
 */
public record Baseline(Centring centring, double mean, double[] rowBias, double[] colBias, double lambda) {

  /** The candidates of {@link #choose}: bias regularisation chosen on the held-out entries. */
  public static final double[] LAMBDA_GRID = {0.5, 1, 2, 5, 10, 20, 50};

  /** Sweeps of alternating least squares for the biases (converged to ~1e-6 well before). */
  static final int SWEEPS = 20;

  /** baseline(i, j). */
  public double at(int i, int j) {
    return mean + rowBias[i] + colBias[j];
  }

  /**
   * Fits the baseline on the entries at {@code positions} (the training entries).
   *
   * @param lambda regularisation of the biases (pulls rows and columns with few entries to 0), >= 0
   */
  public static Baseline fit(ObservedEntries data, int[] positions, Centring centring, double lambda) {
    Check.nonNegative(lambda, "bias regularisation lambda");
    double[] b = new double[data.rows()];
    double[] c = new double[data.cols()];
    if (centring == Centring.NONE) {
      return new Baseline(centring, 0.0, b, c, Double.NaN);
    }
    double mu = 0.0;
    for (int e : positions) {
      mu += data.value(e);
    }
    mu /= positions.length;
    if (centring == Centring.MEAN) {
      return new Baseline(centring, mu, b, c, Double.NaN);
    }
    int[] rowCount = new int[data.rows()];
    int[] colCount = new int[data.cols()];
    for (int e : positions) {
      rowCount[data.row(e)]++;
      colCount[data.col(e)]++;
    }
    double[] sum = new double[Math.max(data.rows(), data.cols())];
    for (int sweep = 0; sweep < SWEEPS; sweep++) {
      java.util.Arrays.fill(sum, 0.0);
      for (int e : positions) {
        sum[data.row(e)] += data.value(e) - mu - c[data.col(e)];
      }
      for (int i = 0; i < b.length; i++) {
        b[i] = sum[i] / (lambda + rowCount[i] + (lambda == 0 && rowCount[i] == 0 ? 1 : 0));
      }
      java.util.Arrays.fill(sum, 0.0);
      for (int e : positions) {
        sum[data.col(e)] += data.value(e) - mu - b[data.row(e)];
      }
      for (int j = 0; j < c.length; j++) {
        c[j] = sum[j] / (lambda + colCount[j] + (lambda == 0 && colCount[j] == 0 ? 1 : 0));
      }
    }
    return new Baseline(centring, mu, b, c, lambda);
  }

  /**
   * The baseline whose regularisation from {@link #LAMBDA_GRID} gives the smallest RMSE on the
   * entries at {@code heldOut} (fitted on {@code train}); ties go to the larger lambda.
   */
  public static Baseline choose(ObservedEntries data, int[] train, int[] heldOut, Centring centring) {
    Baseline best = null;
    double bestSq = Double.POSITIVE_INFINITY;
    for (double lambda : LAMBDA_GRID) {
      Baseline b = fit(data, train, centring, lambda);
      double sq = 0.0;
      for (int e : heldOut) {
        double d = data.value(e) - b.at(data.row(e), data.col(e));
        sq += d * d;
      }
      if (sq <= bestSq) {
        bestSq = sq;
        best = b;
      }
    }
    return best;
  }
}
