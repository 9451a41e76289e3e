package io.lowrank.bench.ratings;

import java.util.Arrays;

import java.util.SplittableRandom;

/**
 * Alternating least squares with biases: {@code pred(u, i) = mu + b_u + c_i + p_u . q_i} with
 * rank-{@code k} factors and {@code mu} the mean training rating (fixed), fitted to
 *
 * <pre>
 * sum_{(u,i)} (r_ui - mu - b_u - c_i - p_u . q_i)^2
 *     + lambda ( sum_u n_u (|p_u|^2 + b_u^2) + sum_i n_i (|q_i|^2 + c_i^2) )
 * </pre>
 *
 * (the weighted-lambda regularisation of ALS-WR, Zhou et al. 2008; {@code n_u}, {@code n_i} are
 * the numbers of training ratings). A sweep solves exactly for every user, then for every item, the
 * ridge regression in the augmented unknown {@code x_u = [p_u; b_u]} with features
 * {@code z_i = [q_i; 1]} and targets {@code t_ui = r_ui - mu - c_i}:
 *
 * <pre>
 * (sum_{i in I(u)} z_i z_i^T + lambda n_u I) x_u = sum_{i in I(u)} t_ui z_i
 * </pre>
 *
 * and symmetrically for the items, by a Cholesky factorisation of the (k+1) x (k+1) matrix, so
 * the objective never increases. Start: item biases zero, item factor entries
 * N(0, {@link #INIT_SD}^2) from {@code new SplittableRandom(seed)}; the first half-sweep solves the
 * users. Factors are row-major {@code double[]} arrays; {@link #sweep()} allocates nothing.
 */
final class BiasedAls implements RatingModel {
  /** Standard deviation of the initial item factor entries. */
  static final double INIT_SD = 0.1;

  final int rank;
  final double lambda;
  private final Ratings train;
  private final double mu;
  private final double[] userBias;
  private final double[] itemBias;
  private final double[] p;
  private final double[] q;
  private final int[] userStart;
  private final int[] userOrder;
  private final int[] itemStart;
  private final int[] itemOrder;
  private final double[] normal;
  private final double[] rhs;
  private final double[] z;
  private int sweeps;

  BiasedAls(Ratings train, int rank, double lambda, long seed) {
    if (rank < 1 || !(lambda > 0)) {
      throw new IllegalArgumentException("need rank >= 1 and lambda > 0");
    }
    this.train = train;
    this.rank = rank;
    this.lambda = lambda;
    this.mu = train.mean();
    this.userBias = new double[train.users];
    this.itemBias = new double[train.items];
    this.p = new double[train.users * rank];
    this.q = new double[train.items * rank];
    SplittableRandom rng = new SplittableRandom(seed);
    for (int k = 0; k < q.length; k++) {
      q[k] = INIT_SD * rng.nextGaussian();
    }
    int[][] byUser = Ratings.groups(train.user, train.users);
    int[][] byItem = Ratings.groups(train.item, train.items);
    this.userStart = byUser[0];
    this.userOrder = byUser[1];
    this.itemStart = byItem[0];
    this.itemOrder = byItem[1];
    int m = rank + 1;
    this.normal = new double[m * m];
    this.rhs = new double[m];
    this.z = new double[m];
  }

  /** One sweep: every user's ridge regression, then every item's. */
  void sweep() {
    solveSide(train.users, userStart, userOrder, train.item, p, userBias, q, itemBias);
    solveSide(train.items, itemStart, itemOrder, train.user, q, itemBias, p, userBias);
    sweeps++;
  }

  int sweeps() {
    return sweeps;
  }

  /**
   * Solves, for every group g (user or item), for its factor row and bias, the other side fixed:
   * {@code other[e]} is the index on the other side of entry e.
   */
  private void solveSide(int groups, int[] start, int[] order, int[] other, double[] factors, double[] bias,
      double[] otherFactors, double[] otherBias) {
    final int k = rank;
    final int m = k + 1;
    final double[] a = normal;
    final double[] b = rhs;
    final double[] zz = z;
    final double[] r = train.value;
    for (int g = 0; g < groups; g++) {
      int from = start[g];
      int to = start[g + 1];
      int n = to - from;
      if (n == 0) {
        for (int f = 0; f < k; f++) {
          factors[g * k + f] = 0;
        }
        bias[g] = 0;
        continue;
      }
      Arrays.fill(a, 0, m * m, 0);
      Arrays.fill(b, 0, m, 0);
      for (int s = from; s < to; s++) {
        int e = order[s];
        int o = other[e];
        int base = o * k;
        for (int f = 0; f < k; f++) {
          zz[f] = otherFactors[base + f];
        }
        zz[k] = 1;
        double t = r[e] - mu - otherBias[o];
        for (int x = 0; x < m; x++) {
          double zx = zz[x];
          b[x] += t * zx;
          int row = x * m;
          for (int y = 0; y <= x; y++) {
            a[row + y] += zx * zz[y];
          }
        }
      }
      double ridge = lambda * n;
      for (int x = 0; x < m; x++) {
        a[x * m + x] += ridge;
      }
      choleskySolve(a, b, m);
      for (int f = 0; f < k; f++) {
        factors[g * k + f] = b[f];
      }
      bias[g] = b[k];
    }
  }

  /**
   * Solves {@code A x = b} in place for symmetric positive definite {@code A} (m x m, row-major,
   * lower triangle read): A is overwritten by its Cholesky factor L, b by x.
   */
  static void choleskySolve(double[] a, double[] b, int m) {
    for (int j = 0; j < m; j++) {
      int rj = j * m;
      double d = a[rj + j];
      for (int c = 0; c < j; c++) {
        d -= a[rj + c] * a[rj + c];
      }
      if (!(d > 0)) {
        throw new ArithmeticException("normal matrix is not positive definite (pivot " + d + ")");
      }
      double l = Math.sqrt(d);
      a[rj + j] = l;
      for (int i = j + 1; i < m; i++) {
        int ri = i * m;
        double s = a[ri + j];
        for (int c = 0; c < j; c++) {
          s -= a[ri + c] * a[rj + c];
        }
        a[ri + j] = s / l;
      }
    }
    for (int i = 0; i < m; i++) {
      int ri = i * m;
      double s = b[i];
      for (int c = 0; c < i; c++) {
        s -= a[ri + c] * b[c];
      }
      b[i] = s / a[ri + i];
    }
    for (int i = m - 1; i >= 0; i--) {
      double s = b[i];
      for (int c = i + 1; c < m; c++) {
        s -= a[c * m + i] * b[c];
      }
      b[i] = s / a[i * m + i];
    }
  }

  @Override
  public double predict(int u, int i) {
    return RatingModel.biased(mu, userBias, itemBias, p, q, rank, u, i);
  }
}
