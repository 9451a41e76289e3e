package io.lowrank.bench.ratings;

import java.util.SplittableRandom;

/**
 * Biased matrix factorisation by stochastic gradient descent, Funk-SVD style (Funk 2006; Koren,
 * Bell, Volinsky 2009): {@code pred(u, i) = mu + b_u + c_i + p_u . q_i} with rank-{@code k}
 * factors, {@code mu} the mean training rating (fixed), fitted to
 * {@code sum_{(u,i)} (r_ui - pred(u, i))^2 + reg (b_u^2 + c_i^2 + |p_u|^2 + |q_i|^2)}.
 *
 * <p>One epoch visits every training entry once, in an order reshuffled each epoch (Fisher-Yates,
 * seeded), and with {@code e = r_ui - pred(u, i)} updates
 *
 * <pre>
 * b_u += lr (e - reg b_u)           c_i += lr (e - reg c_i)
 * p_u += lr (e q_i - reg p_u)       q_i += lr (e p_u - reg q_i)     (p_u and q_i updated from their old values)
 * </pre>
 *
 * <p>Start: biases zero, factor entries N(0, {@link #INIT_SD}^2), all from
 * {@code new SplittableRandom(seed)}. Factors are row-major {@code double[]} arrays
 * ({@code p[u * k + f]}); {@link #epoch()} allocates nothing.
 */
final class FunkSvd implements RatingModel {
  /** Standard deviation of the initial factor entries. */
  static final double INIT_SD = 0.1;

  final int rank;
  final double learningRate;
  final double reg;
  private final Ratings train;
  private final double mu;
  private final double[] userBias;
  private final double[] itemBias;
  private final double[] p;
  private final double[] q;
  private final int[] order;
  private final SplittableRandom rng;
  private int epochs;

  FunkSvd(Ratings train, int rank, double learningRate, double reg, long seed) {
    if (rank < 1 || !(learningRate > 0) || !(reg >= 0)) {
      throw new IllegalArgumentException("need rank >= 1, learning rate > 0, reg >= 0");
    }
    this.train = train;
    this.rank = rank;
    this.learningRate = learningRate;
    this.reg = reg;
    this.mu = train.mean();
    this.userBias = new double[train.users];
    this.itemBias = new double[train.items];
    this.rng = new SplittableRandom(seed);
    this.p = gaussian(train.users * rank, rng);
    this.q = gaussian(train.items * rank, rng);
    this.order = new int[train.size()];
    for (int t = 0; t < order.length; t++) {
      order[t] = t;
    }
  }

  private static double[] gaussian(int n, SplittableRandom rng) {
    double[] a = new double[n];
    for (int k = 0; k < n; k++) {
      a[k] = INIT_SD * rng.nextGaussian();
    }
    return a;
  }

  /** One SGD pass over the training entries in a fresh random order. */
  void epoch() {
    int[] ord = order;
    for (int t = ord.length - 1; t > 0; t--) {
      int s = rng.nextInt(t + 1);
      int x = ord[t];
      ord[t] = ord[s];
      ord[s] = x;
    }
    final int k = rank;
    final double lr = learningRate;
    final double lam = reg;
    final int[] user = train.user;
    final int[] item = train.item;
    final double[] r = train.value;
    final double[] bu = userBias;
    final double[] bi = itemBias;
    final double[] pp = p;
    final double[] qq = q;
    for (int t = 0; t < ord.length; t++) {
      int e0 = ord[t];
      int u = user[e0];
      int i = item[e0];
      int pu = u * k;
      int qi = i * k;
      double dot = 0;
      for (int f = 0; f < k; f++) {
        dot += pp[pu + f] * qq[qi + f];
      }
      double e = r[e0] - (mu + bu[u] + bi[i] + dot);
      bu[u] += lr * (e - lam * bu[u]);
      bi[i] += lr * (e - lam * bi[i]);
      for (int f = 0; f < k; f++) {
        double pf = pp[pu + f];
        double qf = qq[qi + f];
        pp[pu + f] = pf + lr * (e * qf - lam * pf);
        qq[qi + f] = qf + lr * (e * pf - lam * qf);
      }
    }
    epochs++;
  }

  int epochs() {
    return epochs;
  }

  @Override
  public double predict(int u, int i) {
    return RatingModel.biased(mu, userBias, itemBias, p, q, rank, u, i);
  }
}
