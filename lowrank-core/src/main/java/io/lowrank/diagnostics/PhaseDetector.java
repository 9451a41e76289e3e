package io.lowrank.diagnostics;

import io.lowrank.model.DataSpectrum;
import io.lowrank.model.GroundTruth;
import java.util.Arrays;

/**
 * Finds the phase boundaries T1 &lt; T2, the Phase III rate and the error floor in a recorded trace
 * (docs/math.md §7). The trace must hold {@code power_distance} (from {@link SpectralProbe}) and, for the
 * ground-truth variant, {@code signal} and {@code test_error} (from {@link SignalNoiseProbe} and
 * {@link Probes#testError}); the data-only variant uses {@code sigma_r} and
 * {@code relative_residual}. Boundaries are resolved to the recording cadence.
 */
public final class PhaseDetector {
  private final PhaseThresholds thresholds;

  public PhaseDetector(PhaseThresholds thresholds) {
    this.thresholds = thresholds;
  }

  /** Ground truth: T2 at signal^2 >= f sigma_r(M*), rate and floor of the test error. */
  public PhaseBoundaries groundTruth(History h, GroundTruth truth) {
    return detect(h.column(History.ITERATION), h.column(Columns.POWER_DISTANCE), h.column(Columns.SIGNAL),
        thresholds.signalFraction() * truth.smallestEigenvalue(), h.column(Columns.TEST_ERROR),
        column(h, Columns.SPECTRAL_ALIGNMENT), column(h, Columns.ANGLE_TO_TRUTH));
  }

  /** Data only: T2 at sigma_r(U_t)^2 >= f lambda_r(A*(y)), rate and floor of the relative residual. */
  public PhaseBoundaries dataOnly(History h, DataSpectrum spectrum, int rank) {
    return detect(h.column(History.ITERATION), h.column(Columns.POWER_DISTANCE), h.column(Columns.SIGMA_R),
        thresholds.signalFraction() * spectrum.lambda(rank), h.column(Columns.RELATIVE_RESIDUAL),
        column(h, Columns.SPECTRAL_ALIGNMENT), column(h, Columns.ANGLE_TO_TRUTH));
  }

  private static double[] column(History h, String name) {
    return h.has(name) ? h.column(name) : null;
  }

  /**
   * The general detector on raw columns.
   *
   * @param t recorded iterations (increasing)
   * @param powerDistance distance to the power iterate at each t
   * @param signal the growing quantity (sigma_min(V_X^T U) or sigma_r(U)) at each t
   * @param signalSquaredTarget T2 is the first t with signal^2 >= this
   * @param error the error whose rate and floor are reported
   * @param alignment spectral alignment per t, or null
   * @param truthAngle angle to col(X) per t, or null
   */
  public PhaseBoundaries detect(double[] t, double[] powerDistance, double[] signal, double signalSquaredTarget,
      double[] error, double[] alignment, double[] truthAngle) {
    int n = t.length;
    int i1 = -1;
    int i2 = -1;
    for (int i = 0; i < n; i++) {
      if (i1 < 0 && powerDistance[i] > thresholds.powerDeviation()) {
        i1 = i;
      }
      if (i2 < 0 && signal[i] * signal[i] >= signalSquaredTarget) {
        i2 = i;
      }
    }
    double floor = floor(error);
    double rate = Double.NaN;
    if (i2 >= 0) {
      rate = fitRate(t, error, i2, Double.isNaN(floor) ? 0.0 : thresholds.fitAboveFloor() * floor);
    }
    return new PhaseBoundaries(i1 < 0 ? -1 : (int) t[i1], i2 < 0 ? -1 : (int) t[i2], rate, floor,
        i1 >= 0 && alignment != null ? alignment[i1] : Double.NaN,
        i1 >= 0 && truthAngle != null ? truthAngle[i1] : Double.NaN);
  }

  /**
   * The median error over the final window (capped at the final error), once the error has flattened
   * there (it falls by at most the flatness factor from the window's first to its last point); NaN
   * ("not reached") while it is still falling. A floor is never above the run's final error.
   */
  double floor(double[] error) {
    int n = error.length;
    if (n == 0) {
      return Double.NaN;
    }
    int windowStart = Math.max(0, Math.min(n - 1, (int) Math.floor(n * (1 - thresholds.floorWindow()))));
    double first = error[windowStart];
    double last = error[n - 1];
    if (!(first > 0 && last > 0) || first > thresholds.floorFlatness() * last || n - windowStart < 2) {
      return Double.NaN;
    }
    double[] tail = Arrays.copyOfRange(error, windowStart, n);
    Arrays.sort(tail);
    return Math.min(tail[tail.length / 2], last);
  }

  /** exp(slope) of the least-squares line log(error) ~ t over points from {@code from} above {@code cutoff}. */
  private static double fitRate(double[] t, double[] error, int from, double cutoff) {
    int end = from;
    while (end < t.length && error[end] >= cutoff && error[end] > 0) {
      end++;
    }
    int k = end - from;
    if (k < 3) {
      return Double.NaN;
    }
    double mx = 0;
    double my = 0;
    for (int i = from; i < end; i++) {
      mx += t[i];
      my += Math.log(error[i]);
    }
    mx /= k;
    my /= k;
    double sxx = 0;
    double sxy = 0;
    for (int i = from; i < end; i++) {
      double dx = t[i] - mx;
      sxx += dx * dx;
      sxy += dx * (Math.log(error[i]) - my);
    }
    return Math.exp(sxy / sxx);
  }
}
