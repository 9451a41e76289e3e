package io.lowrank.bench.ratings;

/**
 * The benchmark's score: root-mean-square error over all test entries,
 * {@code sqrt( (1/|T|) sum_{(u,i) in T} (clip(pred(u,i)) - r_ui)^2 )}, where
 * {@code clip(x) = min(hi, max(lo, x))} and {@code [lo, hi]} is the range of the training ratings
 * (0.5 .. 5 on MovieLens). Clipping is applied to every method alike, lowrank included (its
 * {@code predictions.csv} is unclipped), and to the inner validation scores that choose the
 * baselines' hyper-parameters. A prediction that is not finite is an error, never skipped.
 */
final class Scorer {
  final double lo;
  final double hi;

  Scorer(double lo, double hi) {
    if (!(lo <= hi)) {
      throw new IllegalArgumentException("empty rating range [" + lo + ", " + hi + "]");
    }
    this.lo = lo;
    this.hi = hi;
  }

  /** The scorer of ratings in the range of {@code train}. */
  static Scorer rangeOf(Ratings train) {
    return new Scorer(train.min(), train.max());
  }

  double clip(double x) {
    return Math.min(hi, Math.max(lo, x));
  }

  /** RMSE of {@code model} on {@code test}. */
  double rmse(RatingModel model, Ratings test) {
    double s = 0;
    for (int t = 0; t < test.size(); t++) {
      double p = model.predict(test.user[t], test.item[t]);
      if (!Double.isFinite(p)) {
        throw new IllegalStateException("prediction " + p + " for entry " + t + " is not finite");
      }
      double e = clip(p) - test.value[t];
      s += e * e;
    }
    return Math.sqrt(s / test.size());
  }

  /** RMSE of {@code predictions[t]} against {@code test.value[t]}. */
  double rmse(double[] predictions, Ratings test) {
    if (predictions.length != test.size()) {
      throw new IllegalArgumentException(predictions.length + " predictions for " + test.size() + " test entries");
    }
    double s = 0;
    for (int t = 0; t < predictions.length; t++) {
      if (!Double.isFinite(predictions[t])) {
        throw new IllegalArgumentException("prediction " + predictions[t] + " for test entry " + t + " is not finite");
      }
      double e = clip(predictions[t]) - test.value[t];
      s += e * e;
    }
    return Math.sqrt(s / predictions.length);
  }
}
