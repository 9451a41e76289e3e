package io.lowrank.experiment.completion;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Cholesky;
import io.lowrank.linalg.Decompositions;
import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.validation.NumericalRank;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The convex baseline of inpainting: nuclear-norm regularised completion of the observed entries,
 * <pre>
 *   minimise F(Z) = 1/2 sum_{(i,j) in train} (Z_ij - v_ij)^2 + lambda ||Z||_*    (Z n1 x n2),
 * </pre>
 * the objective of the core's nuclear-norm FISTA ({@code method: nuclear}, docs/math.md §5) in
 * the units of the data, with lambda chosen on held-out entries along a path (docs/inpaint.md).
 *
 * <p><b>Solver.</b> The core FISTA thresholds the singular values of a dense n1 x n2 iterate at
 * every step (an eigen-decomposition of order n1 + n2: 25 s per step at 512 x 512, measured), so
 * the baseline is solved in factored form: ||Z||_* = min over Z = L R^T of
 * (||L||_F^2 + ||R||_F^2) / 2 (Srebro et al. 2005), hence F(Z) = min G(L, R) with
 * <pre>
 *   G(L, R) = 1/2 sum_train (L_i . R_j - v_ij)^2 + lambda/2 (||L||_F^2 + ||R||_F^2)   (L n1 x k, R n2 x k),
 * </pre>
 * whose minimisers with rank(L R^T) &lt; k are minimisers of F (Mazumder, Hastie, Tibshirani 2010,
 * and the certificate below). G is minimised by the majorise-minimise updates of softImpute-ALS
 * (Hastie, Mazumder, Lee, Zadeh 2015) with over-relaxation omega: with the training residual
 * S = P_train(V - L R^T) (sparse),
 * <pre>
 *   L &lt;- (L (R^T R) + omega S R) (R^T R + omega lambda I)^{-1},   then R likewise with the new L,
 * </pre>
 * i.e. L &lt;- L - omega grad_L G (R^T R + omega lambda I)^{-1}, each a proximal step of size omega on
 * the factor (G decreases for 0 &lt; omega &lt; 2; omega = 1 is plain softImpute-ALS), accelerated by
 * momentum with adaptive restart (see {@code solve}). One update costs O(|train| k + (n1 + n2) k^2);
 * no n1 x n2 matrix is formed.
 *
 * <p><b>Certificate.</b> Z = L R^T minimises F exactly when ||P_train(V - Z)||_2 &lt;= lambda with
 * equality on the row and column spaces of Z (the subgradient condition of the nuclear norm);
 * {@link Result#dualRatio()} reports ||P_train(V - Z)||_2 / lambda (power iteration), which is 1 at
 * the optimum and above 1 when the width k or the iteration budget cut the solve short.
 *
 * <p><b>Path.</b> lambda_s = lambda_max q^s, s = 1..{@code maxStages}, where lambda_max =
 * ||P_train(V)||_2 is the smallest lambda with solution 0. The first stage starts from the top
 * singular pair of P_train(V) soft-thresholded at lambda_1 (the other columns small and random),
 * each later one from the previous solution; a stage ends when an update changes the training
 * predictions by less than {@code tolerance} (relative) or after {@code stageIterations} updates.
 * After each stage the RMSE on the held-out entries is measured, the best stage is kept, and the
 * path stops after {@code patience} stages without a relative improvement of 1e-4.
 * {@link #refit} then solves once more on every entry at the chosen weight per entry.
 */
public final class InpaintNuclear {
  private InpaintNuclear() {}

  /** Relative improvement of the validation RMSE that counts as progress along the path. */
  static final double MIN_IMPROVEMENT = 1e-4;
  /** Blocks of factor rows the work of an update is cut into (fixed: results do not depend on threads). */
  static final int BLOCKS = 8;
  /** Power iterations for spectral norms of the sparse data and residual. */
  static final int POWER_ITERATIONS = 100;

  /**
   * How the path is run.
   *
   * @param width k, the factor width (an upper bound on the rank of the solution)
   * @param ratio q in lambda_s = lambda_max q^s, 0 &lt; q &lt; 1
   * @param maxStages most stages
   * @param patience stages without validation progress before the path stops
   * @param stageIterations most updates per stage
   * @param tolerance a stage ends when an update changes the training predictions L_i . R_j by at
   *     most this, relative (||delta|| / ||prediction||)
   * @param relaxation omega in (0, 2)
   * @param seed seed of the small random columns of the start
   * @param threads threads for the updates (results do not depend on it)
   */
  public record Config(int width, double ratio, int maxStages, int patience, int stageIterations, double tolerance,
      double relaxation, long seed, int threads) {
    public Config {
      Check.positive(width, "nuclear-norm factor width");
      Check.inRange(ratio, Double.MIN_NORMAL, 1.0 - 1e-9, "nuclear-norm path ratio");
      Check.positive(maxStages, "nuclear-norm path stages");
      Check.positive(patience, "nuclear-norm path patience");
      Check.positive(stageIterations, "nuclear-norm iterations per stage");
      Check.inRange(tolerance, 0.0, 1.0, "nuclear-norm stage tolerance");
      Check.inRange(relaxation, 1e-3, 1.999, "nuclear-norm relaxation");
      Check.positive(threads, "threads");
    }

    /** The defaults of docs/inpaint.md: q = 0.7, 20 stages, patience 2, 150 updates, tolerance 3e-4, omega = 1.8. */
    public static Config defaults(int width, long seed, int threads) {
      return new Config(width, 0.7, 20, 2, 150, 3e-4, 1.8, seed, threads);
    }
  }

  /**
   * One stage of the path.
   *
   * @param lambda the weight
   * @param iterations updates run
   * @param validationRmse RMSE of L R^T on the held-out entries
   */
  public record Stage(double lambda, int iterations, double validationRmse) {}

  /**
   * The outcome.
   *
   * @param left L of the chosen stage, or of its refit (n1 x k)
   * @param right R likewise (n2 x k); the estimate is Z = L R^T
   * @param lambda the chosen lambda (of the refit: scaled to all entries)
   * @param lambdaMax ||P_train(V)||_2
   * @param chosenStage index of the chosen stage in {@code stages} (-1 when lambda_max = 0 and Z = 0)
   * @param stages every stage run, in order
   * @param validationRmse RMSE of the chosen Z on the held-out entries
   * @param dualRatio ||P(V - Z)||_2 / lambda on the entries Z was fitted to (1 at the optimum, above
   *     when the width or the budget cut the solve short; NaN when lambda_max = 0 and Z = 0)
   * @param rank number of singular values of Z above 1e-3 of the largest (from the factors)
   * @param iterations total updates over the path (and the refit)
   * @param refitIterations updates of the refit on every entry ({@link #refit}), 0 when not refitted
   * @param nanos wall time
   */
  public record Result(Mat left, Mat right, double lambda, double lambdaMax, int chosenStage, List<Stage> stages,
      double validationRmse, double dualRatio, int rank, int iterations, int refitIterations, long nanos) {

    /** Z_ij = L_i . R_j. */
    public double predict(int i, int j) {
      return dot(left.data(), i, right.data(), j, left.cols());
    }
  }

  /**
   * Runs the path on training entries (rows[e], cols[e], values[e]) and chooses lambda by the RMSE
   * on the held-out entries (vRows, vCols, vValues); entries are in the units of the data (e.g.
   * centred pixel values), each (row, column) at most once.
   */
  public static Result fit(int n1, int n2, int[] rows, int[] cols, double[] values, int[] vRows, int[] vCols,
      double[] vValues, Config config) {
    Check.positive(n1, "rows");
    Check.positive(n2, "columns");
    Check.shape(rows.length == cols.length && rows.length == values.length && rows.length > 0,
        "training entries: %d rows, %d columns, %d values (at least one)", rows.length, cols.length, values.length);
    Check.shape(vRows.length == vCols.length && vRows.length == vValues.length && vRows.length > 0,
        "held-out entries: %d rows, %d columns, %d values (at least one)", vRows.length, vCols.length, vValues.length);
    long start = System.nanoTime();
    int k = Math.min(config.width(), Math.min(n1, n2));
    double[] u = new double[n1];
    double[] v = new double[n2];
    double lambdaMax = topPair(n1, n2, rows, cols, values, u, v);
    Mat left = new Mat(n1, k);
    Mat right = new Mat(n2, k);
    if (!(lambdaMax > 0) || !Double.isFinite(lambdaMax)) {
      double rmse = rmse(left.data(), right.data(), k, vRows, vCols, vValues);
      return new Result(left, right, 0.0, 0.0, -1, List.of(), rmse, Double.NaN, 0, 0, 0, System.nanoTime() - start);
    }
    // start: the top singular pair of the data, soft-thresholded at the first lambda (the first
    // stage's answer for fully observed data), and the other columns small and random
    SplittableRandom rng = new SplittableRandom(config.seed());
    double scale = 1e-3 * Math.sqrt(lambdaMax / k);
    for (int i = 0; i < left.data().length; i++) {
      left.data()[i] = scale * rng.nextGaussian();
    }
    for (int i = 0; i < right.data().length; i++) {
      right.data()[i] = scale * rng.nextGaussian();
    }
    double top = Math.sqrt(lambdaMax * (1.0 - config.ratio()));
    for (int i = 0; i < n1; i++) {
      left.data()[i * k] = top * u[i];
    }
    for (int j = 0; j < n2; j++) {
      right.data()[j * k] = top * v[j];
    }
    ExecutorService pool = pool(config.threads());
    try {
      return path(n1, n2, k, rows, cols, values, vRows, vCols, vValues, config, left, right, lambdaMax,
          new Updater(n1, n2, k, rows, cols, values, config.relaxation(), pool, config.threads() - 1), start);
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
  }

  /**
   * Refits a chosen path result on every entry (training and held-out, (rows, cols, values) in the
   * units of the data, e.g. centred by a baseline fitted on all of them): one more stage at
   * lambda_all = lambda |all| / |train| (the same weight per entry, as the data term grows with the
   * number of entries), warm-started from the chosen factors. The path, the chosen stage and its
   * validation RMSE are kept; factors, lambda, certificate and rank are those of the refit.
   *
   * @param trainEntries |train| of the path
   */
  public static Result refit(Result chosen, int n1, int n2, int[] rows, int[] cols, double[] values, int trainEntries,
      Config config) {
    Check.shape(rows.length == cols.length && rows.length == values.length && rows.length > 0,
        "entries: %d rows, %d columns, %d values (at least one)", rows.length, cols.length, values.length);
    Check.positive(trainEntries, "training entries of the path");
    if (chosen.chosenStage() < 0) {
      return chosen;
    }
    long start = System.nanoTime();
    int k = chosen.left().cols();
    Mat left = chosen.left().copy();
    Mat right = chosen.right().copy();
    double lambda = chosen.lambda() * rows.length / trainEntries;
    ExecutorService pool = pool(config.threads());
    try {
      Updater up = new Updater(n1, n2, k, rows, cols, values, config.relaxation(), pool, config.threads() - 1);
      int it = up.solve(left, right, lambda, config.stageIterations(), config.tolerance());
      double ratio = up.residualNorm(left, right) / lambda;
      int rank = rank(left, right);
      return new Result(left, right, lambda, chosen.lambdaMax(), chosen.chosenStage(), chosen.stages(),
          chosen.validationRmse(), ratio, rank, chosen.iterations() + it, it,
          chosen.nanos() + System.nanoTime() - start);
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
  }

  /** Worker threads for the updates beyond the caller's (null for one thread). */
  private static ExecutorService pool(int threads) {
    return threads > 1 ? Executors.newFixedThreadPool(threads - 1, r -> {
      Thread t = new Thread(r, "lowrank-nuclear");
      t.setDaemon(true);
      return t;
    }) : null;
  }

  private static Result path(int n1, int n2, int k, int[] rows, int[] cols, double[] values, int[] vRows, int[] vCols,
      double[] vValues, Config config, Mat left, Mat right, double lambdaMax, Updater up, long start) {
    List<Stage> stages = new ArrayList<>();
    Mat bestLeft = new Mat(n1, k);
    Mat bestRight = new Mat(n2, k);
    double best = Double.POSITIVE_INFINITY;
    int bestStage = -1;
    int sinceBest = 0;
    int total = 0;
    for (int s = 1; s <= config.maxStages() && sinceBest < config.patience(); s++) {
      double lambda = lambdaMax * Math.pow(config.ratio(), s);
      int it = up.solve(left, right, lambda, config.stageIterations(), config.tolerance());
      total += it;
      double val = rmse(left.data(), right.data(), k, vRows, vCols, vValues);
      stages.add(new Stage(lambda, it, val));
      if (val < best * (1.0 - MIN_IMPROVEMENT) || bestStage < 0) {
        best = Math.min(best, val);
        bestStage = stages.size() - 1;
        bestLeft.copyFrom(left);
        bestRight.copyFrom(right);
        sinceBest = 0;
      } else {
        sinceBest++;
      }
      if (!Double.isFinite(val)) {
        break;
      }
    }
    double lambda = stages.get(bestStage).lambda();
    double ratio = up.residualNorm(bestLeft, bestRight) / lambda;
    int rank = rank(bestLeft, bestRight);
    return new Result(bestLeft, bestRight, lambda, lambdaMax, bestStage, List.copyOf(stages),
        stages.get(bestStage).validationRmse(), ratio, rank, total, 0, System.nanoTime() - start);
  }

  /**
   * One orientation of the training entries: grouped by the rows of the factor being updated
   * (rows of L: by image row; rows of R: by image column), in a fixed order, with the ranges of
   * each block of factor rows.
   */
  private static final class Side {
    final int n;
    final int[] own;
    final int[] other;
    final double[] values;
    final double[] residual;
    /** Entries of factor rows [blockRow[b], blockRow[b + 1]) are [blockEntry[b], blockEntry[b + 1]). */
    final int[] blockRow;
    final int[] blockEntry;
    final Mat rhs;

    /** Entries ordered by (own, other) by a stable counting sort. */
    Side(int n, int[] own, int[] other, double[] values, int k, int blocks) {
      this.n = n;
      int m = own.length;
      int[] ptr = new int[n + 1];
      for (int e = 0; e < m; e++) {
        ptr[own[e] + 1]++;
      }
      for (int i = 0; i < n; i++) {
        ptr[i + 1] += ptr[i];
      }
      int[] order = new int[m];
      int[] next = Arrays.copyOf(ptr, n);
      int[] byOther = stableByKey(other, m);
      for (int e : byOther) {
        order[next[own[e]]++] = e;
      }
      this.own = new int[m];
      this.other = new int[m];
      this.values = new double[m];
      for (int q = 0; q < m; q++) {
        this.own[q] = own[order[q]];
        this.other[q] = other[order[q]];
        this.values[q] = values[order[q]];
      }
      this.residual = new double[m];
      int b = blocks;
      this.blockRow = new int[b + 1];
      this.blockEntry = new int[b + 1];
      for (int q = 0; q <= b; q++) {
        blockRow[q] = (int) ((long) n * q / b);
        blockEntry[q] = ptr[blockRow[q]];
      }
      this.rhs = new Mat(n, k);
    }

    int blocks() {
      return blockRow.length - 1;
    }

    private static int[] stableByKey(int[] key, int m) {
      int max = 0;
      for (int e = 0; e < m; e++) {
        max = Math.max(max, key[e]);
      }
      int[] ptr = new int[max + 2];
      for (int e = 0; e < m; e++) {
        ptr[key[e] + 1]++;
      }
      for (int i = 0; i <= max; i++) {
        ptr[i + 1] += ptr[i];
      }
      int[] out = new int[m];
      for (int e = 0; e < m; e++) {
        out[ptr[key[e]]++] = e;
      }
      return out;
    }
  }

  /**
   * The majorise-minimise updates of one training set, with their buffers. The work of every
   * update is cut into a fixed number of blocks of factor rows whose partial sums are added in
   * block order, so results do not depend on the number of threads.
   */
  private static final class Updater {
    private final int k;
    private final Side byRow;
    private final Side byCol;
    private final double omega;
    private final ExecutorService pool;
    /** Pool threads that help the caller. */
    private final int helpers;
    private final double[][] partialGram;
    private final double[] partialSum;
    private final double[] gram;
    private final Cholesky cholesky;
    private final Mat prevLeft;
    private final Mat prevRight;
    private final double[] pred;
    private final double[] predPrev;

    Updater(int n1, int n2, int k, int[] rows, int[] cols, double[] values, double omega, ExecutorService pool,
        int helpers) {
      this.k = k;
      this.helpers = helpers;
      int blocks = Math.min(BLOCKS, Math.min(n1, n2));
      this.byRow = new Side(n1, rows, cols, values, k, blocks);
      this.byCol = new Side(n2, cols, rows, values, k, blocks);
      this.omega = omega;
      this.pool = pool;
      this.partialGram = new double[BLOCKS][k * k];
      this.partialSum = new double[BLOCKS];
      this.gram = new double[k * k];
      this.cholesky = new Cholesky(k);
      this.prevLeft = new Mat(n1, k);
      this.prevRight = new Mat(n2, k);
      this.pred = new double[rows.length];
      this.predPrev = new double[rows.length];
    }

    /**
     * Updates (L, R) at weight lambda until the training predictions L_i . R_j change by at most
     * {@code tolerance} (relative, per update); returns the number of updates. Each update starts
     * from the extrapolated point x_t + beta_t (x_t - x_{t-1}) (Nesterov's momentum,
     * beta_t = (t - 1) / (t + 2)) and falls back to a plain update from x_t, resetting the momentum,
     * when G would increase (adaptive restart, O'Donoghue and Candes 2015), so G never increases.
     */
    int solve(Mat left, Mat right, double lambda, int maxIterations, double tolerance) {
      prevLeft.copyFrom(left);
      prevRight.copyFrom(right);
      double previous = objective(left, right, lambda);
      change();
      double w = omega;
      int m = 0;
      for (int t = 1; t <= maxIterations; t++) {
        update(left, right, lambda, w);
        double g = objective(left, right, lambda);
        if (!(g <= previous) && m > 0) {
          left.copyFrom(prevLeft);
          right.copyFrom(prevRight);
          m = 0;
          update(left, right, lambda, w);
          g = objective(left, right, lambda);
        }
        if (!(g <= previous) && w > 1.0) {
          w = 1.0; // over-relaxation overshot: the plain majorise-minimise update is monotone
        }
        if (!Double.isFinite(g) || change() <= tolerance) {
          return t;
        }
        previous = g;
        m++;
        double beta = (m - 1.0) / (m + 2.0);
        extrapolate(left, prevLeft, beta);
        extrapolate(right, prevRight, beta);
      }
      return maxIterations;
    }

    private void update(Mat left, Mat right, double lambda, double w) {
      half(left, right, byRow, lambda, w);
      half(right, left, byCol, lambda, w);
    }

    /** prev &lt;- x; x &lt;- x + beta (x - prev_old). */
    private static void extrapolate(Mat x, Mat prev, double beta) {
      double[] xd = x.data();
      double[] pd = prev.data();
      for (int i = 0; i < xd.length; i++) {
        double v = xd[i];
        xd[i] = v + beta * (v - pd[i]);
        pd[i] = v;
      }
    }

    /**
     * x &lt;- (x (y^T y) + w S y) (y^T y + w lambda I)^{-1} = x + w (S y - lambda x) (y^T y + w lambda I)^{-1}
     * with S = P_train(V - x y^T) seen from side {@code s} (x's rows own the entries): a step of
     * size w along the negative gradient of G in x, preconditioned by (y^T y + w lambda I)^{-1}.
     */
    private void half(Mat x, Mat y, Side s, double lambda, double w) {
      double[] xd = x.data();
      double[] yd = y.data();
      Side ys = s == byRow ? byCol : byRow;
      // residual at (x, y), and the partial Grams y^T y over blocks of y's rows
      parallel(s.blocks(), b -> {
        for (int e = s.blockEntry[b]; e < s.blockEntry[b + 1]; e++) {
          s.residual[e] = s.values[e] - dot(xd, s.own[e], yd, s.other[e], k);
        }
        double[] g = partialGram[b];
        Arrays.fill(g, 0.0);
        for (int j = ys.blockRow[b]; j < ys.blockRow[b + 1]; j++) {
          int o = j * k;
          for (int a = 0; a < k; a++) {
            double ya = yd[o + a];
            if (ya == 0.0) {
              continue;
            }
            int ga = a * k;
            for (int c = a; c < k; c++) {
              g[ga + c] += ya * yd[o + c];
            }
          }
        }
      });
      Arrays.fill(gram, 0.0);
      for (int b = 0; b < s.blocks(); b++) {
        double[] g = partialGram[b];
        for (int i = 0; i < gram.length; i++) {
          gram[i] += g[i];
        }
      }
      for (int a = 0; a < k; a++) {
        for (int c = 0; c < a; c++) {
          gram[a * k + c] = gram[c * k + a];
        }
      }
      // the negative gradient S y - lambda x, row by row
      double[] rd = s.rhs.data();
      parallel(s.blocks(), b -> {
        for (int i = s.blockRow[b]; i < s.blockRow[b + 1]; i++) {
          int o = i * k;
          for (int c = 0; c < k; c++) {
            rd[o + c] = -lambda * xd[o + c];
          }
        }
        for (int e = s.blockEntry[b]; e < s.blockEntry[b + 1]; e++) {
          double r = s.residual[e];
          int o = s.own[e] * k;
          int p = s.other[e] * k;
          for (int c = 0; c < k; c++) {
            rd[o + c] += r * yd[p + c];
          }
        }
      });
      for (int a = 0; a < k; a++) {
        gram[a * k + a] += w * lambda;
      }
      if (!cholesky.factor(gram)) {
        Arrays.fill(xd, Double.NaN);
        return;
      }
      cholesky.solveRows(s.rhs, s.rhs);
      for (int i = 0; i < xd.length; i++) {
        xd[i] += w * rd[i];
      }
    }

    /** G(L, R); the predictions L_i . R_j on the training entries (row order) go to {@code pred}. */
    double objective(Mat left, Mat right, double lambda) {
      double[] l = left.data();
      double[] r = right.data();
      Side s = byRow;
      parallel(s.blocks(), b -> {
        double f = 0.0;
        for (int e = s.blockEntry[b]; e < s.blockEntry[b + 1]; e++) {
          double z = dot(l, s.own[e], r, s.other[e], k);
          pred[e] = z;
          double d = z - s.values[e];
          f += d * d;
        }
        partialSum[b] = f;
      });
      double f = 0.0;
      for (int b = 0; b < s.blocks(); b++) {
        f += partialSum[b];
      }
      double q = 0.0;
      for (double v : l) {
        q += v * v;
      }
      for (double v : r) {
        q += v * v;
      }
      return 0.5 * f + 0.5 * lambda * q;
    }

    /** ||pred - predPrev|| / ||pred|| (0 when nothing moved), then predPrev &lt;- pred. */
    double change() {
      double d = 0.0;
      double n = 0.0;
      for (int e = 0; e < pred.length; e++) {
        double x = pred[e] - predPrev[e];
        d += x * x;
        n += pred[e] * pred[e];
      }
      System.arraycopy(pred, 0, predPrev, 0, pred.length);
      return d == 0.0 ? 0.0 : Math.sqrt(d / n);
    }

    /** ||P_train(V - L R^T)||_2. */
    double residualNorm(Mat left, Mat right) {
      Side s = byRow;
      double[] res = new double[s.values.length];
      for (int e = 0; e < res.length; e++) {
        res[e] = s.values[e] - dot(left.data(), s.own[e], right.data(), s.other[e], k);
      }
      return spectralNorm(byRow.n, byCol.n, s.own, s.other, res);
    }

    /**
     * Runs body(0..blocks-1), each block once, on the caller and the pool's threads, which claim
     * blocks from a shared counter (in the caller alone when there is no pool).
     */
    private void parallel(int blocks, IntConsumer body) {
      if (pool == null) {
        for (int b = 0; b < blocks; b++) {
          body.accept(b);
        }
        return;
      }
      AtomicInteger next = new AtomicInteger();
      Runnable claim = () -> {
        for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
          body.accept(b);
        }
      };
      List<Future<?>> tasks = new ArrayList<>(helpers);
      for (int t = 0; t < helpers; t++) {
        tasks.add(pool.submit(claim));
      }
      claim.run();
      for (Future<?> f : tasks) {
        try {
          f.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException re) {
            throw re;
          }
          throw new IllegalStateException(e.getCause());
        }
      }
    }
  }

  /**
   * The number of singular values of L R^T above {@link NumericalRank#DEFAULT_RELATIVE_THRESHOLD}
   * of the largest, from k x k matrices only: with L^T L = V D V^T, the squared singular values
   * are the eigenvalues of D^{1/2} V^T (R^T R) V D^{1/2} (symmetric eigen-decompositions, robust to
   * rank-deficient factors).
   */
  static int rank(Mat left, Mat right) {
    int k = left.cols();
    Mat ll = new Mat(k, k);
    Mat rr = new Mat(k, k);
    Dense.multiplyTransA(left, left, ll);
    Dense.multiplyTransA(right, right, rr);
    Decompositions.SymmetricEigen e = Decompositions.symmetricEigen(ll);
    Mat scaled = new Mat(k, k);
    for (int i = 0; i < k; i++) {
      for (int a = 0; a < k; a++) {
        scaled.set(i, a, e.vectors().get(i, a) * Math.sqrt(Math.max(e.values()[a], 0.0)));
      }
    }
    Mat tmp = new Mat(k, k);
    Mat core = new Mat(k, k);
    Dense.multiply(rr, scaled, tmp);
    Dense.multiplyTransA(scaled, tmp, core);
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < i; j++) {
        double m = 0.5 * (core.get(i, j) + core.get(j, i));
        core.set(i, j, m);
        core.set(j, i, m);
      }
    }
    double[] squared = Decompositions.symmetricEigen(core).values();
    double top = Math.sqrt(Math.max(squared.length == 0 ? 0.0 : squared[0], 0.0));
    int count = 0;
    for (double q : squared) {
      count += top > 0 && Math.sqrt(Math.max(q, 0.0)) > NumericalRank.DEFAULT_RELATIVE_THRESHOLD * top ? 1 : 0;
    }
    return count;
  }

  /** sum_t x[i k + t] y[j k + t]. */
  static double dot(double[] x, int i, double[] y, int j, int k) {
    double s = 0.0;
    int a = i * k;
    int b = j * k;
    for (int t = 0; t < k; t++) {
      s += x[a + t] * y[b + t];
    }
    return s;
  }

  /** RMSE of L R^T on the given entries. */
  static double rmse(double[] l, double[] r, int k, int[] rows, int[] cols, double[] values) {
    double s = 0.0;
    for (int e = 0; e < values.length; e++) {
      double d = dot(l, rows[e], r, cols[e], k) - values[e];
      s += d * d;
    }
    return Math.sqrt(s / values.length);
  }

  /**
   * ||P(V)||_2 of the sparse n1 x n2 matrix with the given entries, by power iteration on P(V)^T P(V)
   * from a fixed start (an estimate from below, accurate to ~1e-6 relative when the top two singular
   * values are apart).
   */
  static double spectralNorm(int n1, int n2, int[] rows, int[] cols, double[] values) {
    return topPair(n1, n2, rows, cols, values, null, null);
  }

  /**
   * The top singular value of the sparse matrix P(V) by power iteration; its left and right
   * singular vectors (unit) go to {@code u} (n1) and {@code v} (n2) when these are not null.
   */
  static double topPair(int n1, int n2, int[] rows, int[] cols, double[] values, double[] u, double[] v) {
    double[] x = new double[n2];
    double[] y = new double[n1];
    SplittableRandom rng = new SplittableRandom(0x5EEDL);
    for (int j = 0; j < n2; j++) {
      x[j] = 1.0 + 0.1 * rng.nextGaussian();
    }
    double sigma = 0.0;
    for (int it = 0; it < POWER_ITERATIONS; it++) {
      double nx = norm(x);
      if (!(nx > 0) || !Double.isFinite(nx)) {
        return nx > 0 ? Double.NaN : 0.0;
      }
      for (int j = 0; j < n2; j++) {
        x[j] /= nx;
      }
      Arrays.fill(y, 0.0);
      for (int e = 0; e < values.length; e++) {
        y[rows[e]] += values[e] * x[cols[e]];
      }
      sigma = norm(y);
      if (it == POWER_ITERATIONS - 1) {
        break;
      }
      Arrays.fill(x, 0.0);
      for (int e = 0; e < values.length; e++) {
        x[cols[e]] += values[e] * y[rows[e]];
      }
    }
    if (u != null && sigma > 0) {
      for (int i = 0; i < n1; i++) {
        u[i] = y[i] / sigma;
      }
      System.arraycopy(x, 0, v, 0, n2);
    }
    return sigma;
  }

  private static double norm(double[] v) {
    double s = 0.0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
