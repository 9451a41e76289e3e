package io.lowrank.testkit;

import io.lowrank.linalg.Mat;
import io.lowrank.model.AsymmetricGroundTruth;
import io.lowrank.model.GroundTruth;
import io.lowrank.model.GroundTruthSpec;
import io.lowrank.model.Problem;
import io.lowrank.operator.AsymmetricGaussianSensing;
import io.lowrank.operator.Precision;
import io.lowrank.operator.RankOneSensing;
import io.lowrank.operator.SamplingPatterns;
import io.lowrank.random.Seeds;

/** Planted instances of the measurement models beyond GOE sensing, seeded per concern. */
public final class PlantedModels {
  private PlantedModels() {}

  /** Asymmetric Gaussian sensing of a rank-r, condition-kappa n1 x n2 M* = L* R*^T with m measurements. */
  public static Problem asymmetricSensing(int n1, int n2, int r, double kappa, int m, double sigma, long seed) {
    return asymmetricSensing(n1, n2, r, kappa, m, sigma, seed, Precision.FLOAT64);
  }

  /** As above with the operator stored in {@code precision}. */
  public static Problem asymmetricSensing(int n1, int n2, int r, double kappa, int m, double sigma, long seed,
      Precision precision) {
    AsymmetricGroundTruth truth = AsymmetricGroundTruth.generate(n1, n2, r, kappa, Seeds.derive(seed, Seeds.Stream.TRUTH));
    var op = AsymmetricGaussianSensing.generate(n1, n2, m, Seeds.derive(seed, Seeds.Stream.OPERATOR), precision);
    return Problem.senseAsymmetric(op, truth, sigma, Seeds.derive(seed, Seeds.Stream.NOISE));
  }

  /** Rank-one sensing y_i = a_i^T M* a_i / sqrt(m) of a PSD rank-r M* = X X^T. */
  public static Problem rankOneSensing(int n, int r, double kappa, int m, long seed) {
    return rankOneSensing(n, r, kappa, m, seed, Precision.FLOAT64);
  }

  /** As above with the vectors a_i rounded to {@code precision}. */
  public static Problem rankOneSensing(int n, int r, double kappa, int m, long seed, Precision precision) {
    GroundTruth truth = GroundTruth.generate(GroundTruthSpec.of(n, r, kappa), Seeds.derive(seed, Seeds.Stream.TRUTH));
    return Problem.sense(RankOneSensing.generate(n, m, Seeds.derive(seed, Seeds.Stream.OPERATOR), precision), truth,
        0.0, 0);
  }

  /** Symmetric completion of X X^T (n x n, rank r) from a Bernoulli(p) upper triangle. */
  public static Problem symmetricCompletion(int n, int r, double kappa, double p, long seed) {
    GroundTruth truth = GroundTruth.generate(GroundTruthSpec.of(n, r, kappa), Seeds.derive(seed, Seeds.Stream.TRUTH));
    var op = SamplingPatterns.uniformSymmetric(n, p, Seeds.derive(seed, Seeds.Stream.OPERATOR));
    return Problem.sense(op, truth, 0.0, 0);
  }

  /** Rectangular completion of L* R*^T (n1 x n2, rank r) from Bernoulli(p) entries, with noise sigma. */
  public static Problem rectangularCompletion(int n1, int n2, int r, double kappa, double p, double sigma, long seed) {
    AsymmetricGroundTruth truth = AsymmetricGroundTruth.generate(n1, n2, r, kappa, Seeds.derive(seed, Seeds.Stream.TRUTH));
    var op = SamplingPatterns.uniform(n1, n2, p, Seeds.derive(seed, Seeds.Stream.OPERATOR));
    return Problem.senseAsymmetric(op, truth, sigma, Seeds.derive(seed, Seeds.Stream.NOISE));
  }

  /** Stacks L (n1 x k) over R (n2 x k) into one (n1 + n2) x k matrix, for the gradient checker. */
  public static Mat stack(Mat left, Mat right) {
    Mat s = new Mat(left.rows() + right.rows(), left.cols());
    System.arraycopy(left.data(), 0, s.data(), 0, left.data().length);
    System.arraycopy(right.data(), 0, s.data(), left.data().length, right.data().length);
    return s;
  }

  /** The top n1 rows of a stacked matrix (a copy). */
  public static Mat top(Mat stacked, int n1) {
    Mat l = new Mat(n1, stacked.cols());
    System.arraycopy(stacked.data(), 0, l.data(), 0, l.data().length);
    return l;
  }

  /** The rows below the first n1 of a stacked matrix (a copy). */
  public static Mat bottom(Mat stacked, int n1) {
    Mat r = new Mat(stacked.rows() - n1, stacked.cols());
    System.arraycopy(stacked.data(), n1 * stacked.cols(), r.data(), 0, r.data().length);
    return r;
  }
}
