package io.lowrank.operator;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Mat;
import io.lowrank.linalg.Memory;
import io.lowrank.random.Seeds;
import java.util.SplittableRandom;

/**
 * The random and data-driven sampling patterns of completion (docs/math.md, "Completion"), each
 * made into an {@link EntrySampling}: uniform Bernoulli(p) sampling of every entry (symmetric:
 * of the upper triangle, mirrored), and ReLU (threshold) sampling of Liu et al. (ICML 2024), which
 * observes the entries above a threshold.
 */
public final class SamplingPatterns {
  private SamplingPatterns() {}

  /** Uniform Bernoulli(p) sampling of every entry of an n1 x n2 matrix, drawn from {@code seed}. */
  public static EntrySampling uniform(int n1, int n2, double p, long seed) {
    Check.positive(n1, "n1");
    Check.positive(n2, "n2");
    Check.inRange(p, Double.MIN_NORMAL, 1.0, "sampling rate p");
    return bernoulli(n1, n2, p, seed, false);
  }

  /** Uniform Bernoulli(p) sampling of the upper triangle of an n x n matrix, mirrored. */
  public static EntrySampling uniformSymmetric(int n, double p, long seed) {
    Check.positive(n, "n");
    Check.inRange(p, Double.MIN_NORMAL, 1.0, "sampling rate p");
    return bernoulli(n, n, p, seed, true);
  }

  private static EntrySampling bernoulli(int n1, int n2, double p, long seed, boolean sym) {
    long expected = (long) Math.ceil(p * n1 * (double) n2) + 16;
    Memory.require(8 * expected, expected, "the sampled entries (about p n1 n2 pairs of ints)",
        "lower the sampling rate or the size");
    SplittableRandom rng = Seeds.rng(seed);
    IntList r = new IntList();
    IntList c = new IntList();
    for (int i = 0; i < n1; i++) {
      for (int j = sym ? i : 0; j < n2; j++) {
        if (rng.nextDouble() < p) {
          r.add(i);
          c.add(j);
        }
      }
    }
    Check.shape(r.size > 0, "sampling with p = %s observed no entry of the %d x %d matrix; raise p", p, n1, n2);
    return new EntrySampling(n1, n2, sym, r.toArray(), c.toArray(), p);
  }

  /**
   * ReLU (threshold) sampling of Liu et al. (ICML 2024): Omega = {(i, j) : (L R^T)_ij > tau}, where
   * M = L R^T is the matrix to be observed (L n1 x r, R n2 x r). The rescaling uses the observed
   * fraction p = |Omega| / (n1 n2). Costs O(n1 n2 r) once; the operator itself is sparse.
   */
  public static EntrySampling threshold(Mat left, Mat right, double tau) {
    return thresholdOf(left, right, tau, false);
  }

  /** ReLU sampling with the default threshold tau = 0: the positive entries of L R^T. */
  public static EntrySampling threshold(Mat left, Mat right) {
    return threshold(left, right, 0.0);
  }

  /** Symmetric ReLU sampling with the default threshold tau = 0: the positive entries of X X^T. */
  public static EntrySampling thresholdSymmetric(Mat x) {
    return thresholdSymmetric(x, 0.0);
  }

  /** Symmetric ReLU sampling of M = X X^T: upper-triangle pairs with M_ij > tau, mirrored. */
  public static EntrySampling thresholdSymmetric(Mat x, double tau) {
    return thresholdOf(x, x, tau, true);
  }

  private static EntrySampling thresholdOf(Mat left, Mat right, double tau, boolean sym) {
    Check.shape(left.cols() == right.cols(), "L is %s and R is %s: their widths differ", left, right);
    Check.shape(Double.isFinite(tau), "threshold tau must be finite, got %s", tau);
    int a = left.rows();
    int b = right.rows();
    int k = left.cols();
    IntList r = new IntList();
    IntList c = new IntList();
    double[] l = left.data();
    double[] rd = right.data();
    for (int i = 0; i < a; i++) {
      for (int j = sym ? i : 0; j < b; j++) {
        double s = 0.0;
        for (int t = 0; t < k; t++) {
          s += l[i * k + t] * rd[j * k + t];
        }
        if (s > tau) {
          r.add(i);
          c.add(j);
        }
      }
    }
    Check.shape(r.size > 0, "no entry exceeds the threshold tau = %s; lower it", tau);
    double total = sym ? a * (a + 1) / 2.0 : a * (double) b;
    return new EntrySampling(a, b, sym, r.toArray(), c.toArray(), r.size / total);
  }
}
