package io.lowrank.bench.ratings;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A planted ratings matrix: {@code r_ui = mu + b_u + c_i + p_u . q_i + sigma e_ui} with Gaussian
 * biases, rank-{@code k} Gaussian factors (entries of variance 1/sqrt(k), so {@code p_u . q_i} has variance
 * about 1) and Gaussian noise, observed on a uniformly random fraction of the entries. Split into
 * train and test by {@link RatingsSplit#testMask}.
 */
final class Planted {
  final double mu;
  final double[] userBias;
  final double[] itemBias;
  final Ratings all;
  final Ratings train;
  final Ratings test;
  /** The noiseless value of each test entry. */
  final double[] testTruth;

  Planted(int users, int items, int rank, double biasSd, double noise, double observed, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    mu = 3.5;
    userBias = new double[users];
    itemBias = new double[items];
    for (int u = 0; u < users; u++) {
      userBias[u] = biasSd * rng.nextGaussian();
    }
    for (int i = 0; i < items; i++) {
      itemBias[i] = biasSd * rng.nextGaussian();
    }
    double s = Math.pow(Math.max(rank, 1), -0.25);
    double[] p = new double[users * rank];
    double[] q = new double[items * rank];
    for (int k = 0; k < p.length; k++) {
      p[k] = s * rng.nextGaussian();
    }
    for (int k = 0; k < q.length; k++) {
      q[k] = s * rng.nextGaussian();
    }
    int cap = (int) (users * (long) items * observed * 1.2) + 16;
    int[] uu = new int[cap];
    int[] ii = new int[cap];
    double[] vv = new double[cap];
    double[] truth = new double[cap];
    int n = 0;
    for (int u = 0; u < users; u++) {
      for (int i = 0; i < items; i++) {
        if (rng.nextDouble() < observed && n < cap) {
          double dot = 0;
          for (int f = 0; f < rank; f++) {
            dot += p[u * rank + f] * q[i * rank + f];
          }
          truth[n] = mu + userBias[u] + itemBias[i] + dot;
          uu[n] = u;
          ii[n] = i;
          vv[n] = truth[n] + noise * rng.nextGaussian();
          n++;
        }
      }
    }
    all = new Ratings(Arrays.copyOf(uu, n), Arrays.copyOf(ii, n),
        Arrays.copyOf(vv, n), users, items);
    boolean[] isTest = RatingsSplit.testMask(all, 0.1, 7);
    train = all.subset(isTest, false);
    test = all.subset(isTest, true);
    double[] t = new double[test.size()];
    int k = 0;
    for (int e = 0; e < n; e++) {
      if (isTest[e]) {
        t[k++] = truth[e];
      }
    }
    testTruth = t;
  }

  /** A scorer that never clips (the planted values are unbounded). */
  static Scorer noClip() {
    return new Scorer(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  }
}
