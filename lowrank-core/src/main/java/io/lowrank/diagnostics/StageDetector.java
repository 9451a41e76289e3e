package io.lowrank.diagnostics;

import io.lowrank.model.DataSpectrum;
import io.lowrank.model.GroundTruth;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the {@link Stages} of incremental learning in a trace that holds the singular values
 * {@code sv_1 .. sv_r} of U_t (from {@link SpectralProbe}) and the loss: stage k is reached at the
 * first recorded t with sv_k(t)^2 >= fraction x target_k, the target being the k-th eigenvalue of M*
 * (ground truth) or of A*(y) (data only); resolved to the recording cadence.
 */
public final class StageDetector {
  /** Half of the target, as in the and Jin et al.'s description of a learned component. */
  public static final double DEFAULT_FRACTION = 0.5;
  /** A plateau is where the loss stays within this factor of its level. */
  public static final double PLATEAU_BAND = 1.5;

  private final double fraction;

  public StageDetector(double fraction) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction must be in (0, 1], got " + fraction);
    }
    this.fraction = fraction;
  }

  /** The detector with {@link #DEFAULT_FRACTION}. */
  public static StageDetector defaults() {
    return new StageDetector(DEFAULT_FRACTION);
  }

  /** True when the history holds sv_1 .. sv_r. */
  public static boolean applicable(History h, int r) {
    for (int k = 1; k <= r; k++) {
      if (!h.has(Columns.singularValue(k))) {
        return false;
      }
    }
    return r > 0;
  }

  /** Stages against the eigenvalues sigma_k(M*) = s_k(X)^2 of the ground truth. */
  public Stages groundTruth(History h, GroundTruth truth) {
    double[] s = truth.factorSingularValues();
    double[] targets = new double[s.length];
    for (int k = 0; k < s.length; k++) {
      targets[k] = s[k] * s[k];
    }
    return detect(h, targets);
  }

  /** Stages against the top eigenvalues lambda_k(A*(y)), k = 1..rank (data only). */
  public Stages dataOnly(History h, DataSpectrum spectrum, int rank) {
    double[] targets = new double[rank];
    for (int k = 0; k < rank; k++) {
      targets[k] = spectrum.lambda(k + 1);
    }
    return detect(h, targets);
  }

  /** Stages for the given targets (length r; the history must hold sv_1 .. sv_r). */
  public Stages detect(History h, double[] targets) {
    double[] t = h.column(Columns.ITERATION);
    double[] loss = h.column(Columns.LOSS);
    int r = targets.length;
    int[] rows = new int[r];
    int[] times = new int[r];
    for (int k = 0; k < r; k++) {
      double[] sv = h.column(Columns.singularValue(k + 1));
      rows[k] = -1;
      for (int i = 0; i < sv.length; i++) {
        if (sv[i] * sv[i] >= fraction * targets[k]) {
          rows[k] = i;
          break;
        }
      }
      times[k] = rows[k] < 0 ? -1 : (int) t[rows[k]];
    }
    List<Stages.Plateau> plateaus = new ArrayList<>();
    for (int k = 0; k + 1 < r; k++) {
      int a = rows[k];
      int b = rows[k + 1];
      if (a < 0 || b <= a + 1) {
        continue;
      }
      double level = loss[(a + b) / 2];
      int from = (a + b) / 2;
      while (from - 1 >= a && within(loss[from - 1], level)) {
        from--;
      }
      int to = (a + b) / 2;
      while (to + 1 <= b && within(loss[to + 1], level)) {
        to++;
      }
      plateaus.add(new Stages.Plateau(k + 1, (int) t[from], (int) t[to], level));
    }
    return new Stages(times, targets.clone(), List.copyOf(plateaus));
  }

  private static boolean within(double v, double level) {
    return v <= PLATEAU_BAND * level && v >= level / PLATEAU_BAND;
  }
}
