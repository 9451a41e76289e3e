package io.lowrank.experiment.completion;

import io.lowrank.experiment.figure.Figure;
import io.lowrank.experiment.figure.Series;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The figures of a completion fit, as data ({@link Figure}): training and validation RMSE over the
 * iterations with the chosen iteration marked, the singular values of the completed matrix with the
 * rank threshold, and the distribution of predicted against observed held-out values.
 */
public final class CompletionFigures {
  /** Singular values shown at most. */
  static final int SHOWN = 100;
  /** Histogram bins. */
  static final int BINS = 30;

  private CompletionFigures() {}

  /** The three figures of a fit: "rmse", "singular-values", "held-out-histogram". */
  public static List<Figure> of(CompletionModel model, CompletionResult first) {
    return List.of(rmse(model, first), singularValues(model), histogram(first));
  }

  static Figure rmse(CompletionModel model, CompletionResult first) {
    FitHistory h = model.history();
    Figure.Builder b = Figure.builder("rmse", "Training and validation RMSE over the iterations")
        .x("iteration t", false).y("RMSE (data units)", true);
    double[] x = h.iterations();
    double[] tr = h.trainRmse();
    if (Arrays.stream(tr).anyMatch(v -> Double.isFinite(v) && v > 0)) {
      b.add(Series.line("training entries", x, positive(tr), Series.Color.qualitative(0)));
    }
    b.add(Series.line("held-out entries", x, positive(h.validationRmse()), Series.Color.qualitative(1)));
    b.hline(first.baselineValidationRmse(), "bias-only baseline (held out)", Series.Color.neutral());
    b.vline(h.chosenIteration(), String.format(Locale.ROOT, "chosen t = %d", h.chosenIteration()),
        Series.Color.qualitative(1));
    return b.build();
  }

  private static double[] positive(double[] v) {
    double[] out = v.clone();
    for (int i = 0; i < out.length; i++) {
      if (!(out[i] > 0) || !Double.isFinite(out[i])) {
        out[i] = Double.NaN;
      }
    }
    return out;
  }

  static Figure singularValues(CompletionModel model) {
    double[] sv = model.singularValues();
    int k = Math.min(SHOWN, sv.length);
    double[] x = new double[k];
    double[] y = new double[k];
    int n = 0;
    for (int i = 0; i < k; i++) {
      if (sv[i] > 0) {
        x[n] = i + 1;
        y[n] = sv[i];
        n++;
      }
    }
    return Figure.builder("singular-values", "Singular values of the completed matrix and the rank threshold")
        .x("index k", false).y("sigma_k", true)
        .add(Series.linePoints("sigma_k", Arrays.copyOf(x, n), Arrays.copyOf(y, n), Series.Color.qualitative(0)))
        .hline(model.rankThreshold(), String.format(Locale.ROOT, "threshold %.3g", model.rankThreshold()),
            Series.Color.neutral())
        .vline(model.numericalRank() + 0.5, "numerical rank " + model.numericalRank(), Series.Color.qualitative(1))
        .build();
  }

  static Figure histogram(CompletionResult first) {
    double[] obs = first.heldOutObserved();
    double[] pred = first.heldOutPredicted();
    Figure.Builder b = Figure.builder("held-out-histogram", "Predicted and observed values on the held-out entries")
        .x("value", false).y("entries per bin", false);
    if (obs.length == 0) {
      return b.annotation("no held-out entries").build();
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : obs) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    double step = gridStep(obs);
    int bins;
    if (step > 0) {
      bins = (int) Math.round((hi - lo) / step) + 1;
      lo -= step / 2;
      hi += step / 2;
    } else {
      bins = BINS;
      for (double v : pred) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      if (!(hi > lo)) {
        hi = lo + 1;
      }
    }
    double[] centres = new double[bins];
    for (int i = 0; i < bins; i++) {
      centres[i] = lo + (i + 0.5) * (hi - lo) / bins;
    }
    b.add(Series.linePoints("observed", centres, counts(obs, lo, hi, bins), Series.Color.qualitative(0)));
    b.add(Series.linePoints("predicted (clipped to the observed range)", centres, counts(pred, lo, hi, bins),
        Series.Color.qualitative(1)));
    return b.annotation(String.format(Locale.ROOT, "%d held-out entries, RMSE %.4f", obs.length,
        first.validationRmse())).build();
  }

  private static double[] counts(double[] v, double lo, double hi, int bins) {
    double[] c = new double[bins];
    for (double x : v) {
      int bin = (int) Math.floor((x - lo) / (hi - lo) * bins);
      c[Math.max(0, Math.min(bins - 1, bin))]++;
    }
    return c;
  }

  /**
   * The spacing of values on a grid (ratings in whole or half stars): the smallest gap between
   * distinct values when there are at most {@link #BINS} of them and all lie on that grid; else 0.
   */
  static double gridStep(double[] v) {
    double[] d = Arrays.stream(v).distinct().sorted().toArray();
    if (d.length < 2 || d.length > BINS) {
      return 0;
    }
    double step = Double.POSITIVE_INFINITY;
    for (int i = 1; i < d.length; i++) {
      step = Math.min(step, d[i] - d[i - 1]);
    }
    for (double x : d) {
      double k = (x - d[0]) / step;
      if (Math.abs(k - Math.rint(k)) > 1e-6) {
        return 0;
      }
    }
    return step;
  }

  /** The figure ids, in order. */
  public static List<String> ids() {
    return new ArrayList<>(List.of("rmse", "singular-values", "held-out-histogram"));
  }
}
