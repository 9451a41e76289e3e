package io.lowrank.bench;

import io.lowrank.init.SmallRandomInit;
import io.lowrank.linalg.Mat;
import io.lowrank.model.Problem;
import io.lowrank.operator.EntrySampling;
import io.lowrank.parallel.Parallelism;
import io.lowrank.random.Seeds;
import io.lowrank.solver.AsymmetricGradientDescent;
import io.lowrank.solver.Iterate;
import io.lowrank.solver.StepRule;
import java.util.BitSet;
import java.util.SplittableRandom;

/**
 * The completion benchmark problem shared by {@link CompletionIterationBenchmark} and
 * {@link CompletionTiming}, shaped like {@code numpy_completion.py} of the shared bench folder:
 * M* = L* R*^T of rank r = 10, exactly |Omega| distinct entries drawn uniformly and
 * stored in row-major order, p = |Omega| / (n1 n2), L_0 and R_0 small random (alpha = 1e-3), plain
 * asymmetric GD with mu = 0.5 (the peer's default 0.5 / ||M*||_2), noise-free.
 */
final class CompletionSetup {
  static final int RANK = 10;
  static final double ALPHA = 1e-3;
  static final double MU = 0.5;

  private CompletionSetup() {}

  /**
   * Exactly {@code nobs} distinct entries of an n1 x n2 matrix, uniform, row-major. Up to 2^31
   * cells a bit set marks the drawn cells; beyond (n = 200000: 4e10 cells) the cells are drawn as
   * longs, sorted and deduplicated, and redrawn until {@code nobs} are distinct.
   */
  static EntrySampling sample(int n1, int n2, int nobs, long seed) {
    long cells = (long) n1 * n2;
    if (nobs > cells) {
      throw new IllegalArgumentException("need nobs <= n1 n2");
    }
    if (cells > Integer.MAX_VALUE) {
      return sampleLarge(n1, n2, nobs, cells, Seeds.rng(seed));
    }
    BitSet taken = new BitSet((int) cells);
    SplittableRandom rng = Seeds.rng(seed);
    int count = 0;
    while (count < nobs) {
      int c = (int) rng.nextLong(cells);
      if (!taken.get(c)) {
        taken.set(c);
        count++;
      }
    }
    int[] rows = new int[nobs];
    int[] cols = new int[nobs];
    int e = 0;
    for (int c = taken.nextSetBit(0); c >= 0; c = taken.nextSetBit(c + 1)) {
      rows[e] = c / n2;
      cols[e] = c % n2;
      e++;
    }
    return EntrySampling.rectangular(n1, n2, rows, cols, nobs / (double) cells);
  }

  private static EntrySampling sampleLarge(int n1, int n2, int nobs, long cells, SplittableRandom rng) {
    long[] drawn = new long[nobs];
    int distinct = 0;
    while (distinct < nobs) {
      for (int e = distinct; e < nobs; e++) {
        drawn[e] = rng.nextLong(cells);
      }
      java.util.Arrays.sort(drawn);
      distinct = 0;
      for (int e = 0; e < nobs; e++) {
        if (e == 0 || drawn[e] != drawn[e - 1]) {
          drawn[distinct++] = drawn[e];
        }
      }
    }
    int[] rows = new int[nobs];
    int[] cols = new int[nobs];
    for (int e = 0; e < nobs; e++) {
      rows[e] = (int) (drawn[e] / n2);
      cols[e] = (int) (drawn[e] % n2);
    }
    return EntrySampling.rectangular(n1, n2, rows, cols, nobs / (double) cells);
  }

  /**
   * The problem, its fused pass run on {@code parallelism}. M* = L* R*^T with i.i.d. Gaussian
   * factors scaled by 1/sqrt(n), never formed densely (no ground truth is attached: n1 n2 = 4e8 at
   * n = 20000); y = A(M*).
   */
  static Problem problem(int n1, int n2, int nobs, Parallelism parallelism, long seed) {
    SplittableRandom rng = Seeds.rng(Seeds.derive(seed, Seeds.Stream.TRUTH));
    Mat left = new Mat(n1, RANK);
    Mat right = new Mat(n2, RANK);
    Seeds.gaussian(rng, 1.0 / Math.sqrt(n1), left.data(), 0, left.data().length);
    Seeds.gaussian(rng, 1.0 / Math.sqrt(n2), right.data(), 0, right.data().length);
    EntrySampling op = sample(n1, n2, nobs, Seeds.derive(seed, Seeds.Stream.OPERATOR)).withParallelism(parallelism);
    double[] y = new double[nobs];
    op.forward(left, right, y, op.workspace(RANK));
    return Problem.ofAsymmetric(op, y, null);
  }

  /** Plain asymmetric GD of width {@code width} from a small random start. */
  static Iterate start(Problem p, int width) {
    int n1 = p.operator().rows();
    int n2 = p.operator().cols();
    return AsymmetricGradientDescent.plain(new StepRule.Absolute(MU))
        .start(p, SmallRandomInit.draw(n1, width, ALPHA, 1), SmallRandomInit.draw(n2, width, ALPHA, 2));
  }
}
