package io.lowrank.bench.ratings;

import java.util.Arrays;

/**
 * Bias-only baseline: {@code pred(u, i) = mu + b_u + c_i}, with {@code mu} the mean training
 * rating and the biases minimising
 * {@code sum_{(u,i)} (r_ui - mu - b_u - c_i)^2 + lambdaUser sum_u b_u^2 + lambdaItem sum_i c_i^2}
 * by alternating closed-form updates (exact block coordinate descent on this convex quadratic),
 * from zero, for {@link #SWEEPS} sweeps:
 *
 * <pre>
 * b_u = sum_{i in I(u)} (r_ui - mu - c_i) / (lambdaUser + n_u)     for every user u
 * c_i = sum_{u in U(i)} (r_ui - mu - b_u) / (lambdaItem + n_i)     for every item i
 * </pre>
 *
 * (Koren 2008, section 2.1). The sweeps allocate nothing.
 */
final class BiasOnly implements RatingModel {
  /** Sweeps of the alternating updates (each a pass over the entries per block). */
  static final int SWEEPS = 50;

  final double mu;
  final double[] userBias;
  final double[] itemBias;
  final double lambdaUser;
  final double lambdaItem;

  private BiasOnly(double mu, double[] userBias, double[] itemBias, double lambdaUser, double lambdaItem) {
    this.mu = mu;
    this.userBias = userBias;
    this.itemBias = itemBias;
    this.lambdaUser = lambdaUser;
    this.lambdaItem = lambdaItem;
  }

  /** Fits the biases of {@code train} with the given regularisations (each >= 0). */
  static BiasOnly fit(Ratings train, double lambdaUser, double lambdaItem) {
    if (!(lambdaUser >= 0 && lambdaItem >= 0)) {
      throw new IllegalArgumentException("regularisation must be >= 0");
    }
    double mu = train.mean();
    int[] nu = train.userCounts();
    int[] ni = train.itemCounts();
    double[] b = new double[train.users];
    double[] c = new double[train.items];
    double[] sumU = new double[train.users];
    double[] sumI = new double[train.items];
    int n = train.size();
    int[] user = train.user;
    int[] item = train.item;
    double[] r = train.value;
    for (int sweep = 0; sweep < SWEEPS; sweep++) {
      Arrays.fill(sumU, 0);
      for (int t = 0; t < n; t++) {
        sumU[user[t]] += r[t] - mu - c[item[t]];
      }
      for (int u = 0; u < b.length; u++) {
        b[u] = nu[u] == 0 ? 0 : sumU[u] / (lambdaUser + nu[u]);
      }
      Arrays.fill(sumI, 0);
      for (int t = 0; t < n; t++) {
        sumI[item[t]] += r[t] - mu - b[user[t]];
      }
      for (int i = 0; i < c.length; i++) {
        c[i] = ni[i] == 0 ? 0 : sumI[i] / (lambdaItem + ni[i]);
      }
    }
    return new BiasOnly(mu, b, c, lambdaUser, lambdaItem);
  }

  @Override
  public double predict(int u, int i) {
    return mu + userBias[u] + itemBias[i];
  }
}
