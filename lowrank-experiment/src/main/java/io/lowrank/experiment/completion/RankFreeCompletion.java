package io.lowrank.experiment.completion;

import io.lowrank.init.FactorPair;
import io.lowrank.init.SmallRandomPairInit;
import io.lowrank.linalg.Memory;
import io.lowrank.model.Problem;
import io.lowrank.operator.EntrySampling;
import io.lowrank.random.Seeds;
import io.lowrank.solver.AsymmetricGradientDescent;
import io.lowrank.solver.Driver;
import io.lowrank.solver.Iterate;
import io.lowrank.solver.Observer;
import io.lowrank.solver.SolveResult;
import io.lowrank.solver.StepRule;
import io.lowrank.solver.StopRules;
import io.lowrank.validation.EarlyStopping;
import io.lowrank.validation.HoldOut;
import io.lowrank.validation.NumericalRank;
import io.lowrank.validation.ValidationSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Rank-free matrix completion with validation early stopping (MATH.md §5), the pipeline behind
 * {@code lowrank complete} and {@code lowrank inpaint}:
 * <ol>
 *   <li>hold out a fraction of the entries ({@link HoldOut}, seed stream SPLIT);</li>
 *   <li>fit the centring {@link Baseline} on the training entries and subtract it;</li>
 *   <li>run plain GD on (L, R) of width r' (default min(n1, n2, 100)) from the balanced small start
 *       (seed stream INIT) on the rectangular completion operator with the 1/sqrt(p) rescaling;</li>
 *   <li>an {@link EarlyStopping} observer keeps the iterate with the smallest held-out error and
 *       stops once it has not improved for the patience window;</li>
 *   <li>report the validation RMSE, the chosen iteration and the numerical rank of L R^T.</li>
 * </ol>
 * Nothing here forms an n1 x n2 matrix; memory is O((n1 + n2) r' + |Omega|).
 */
public final class RankFreeCompletion {
  /** Factor-sized buffers alive during a run: L, R, their gradients, the best copies. */
  static final int FACTOR_BUFFERS = 6;

  private RankFreeCompletion() {}

  /** Bytes a run needs for an n1 x n2 model of width r' with the given number of entries. */
  public static long bytesNeeded(int n1, int n2, int width, long entries) {
    return 8L * FACTOR_BUFFERS * ((long) n1 + n2) * width + 40L * entries;
  }

  /**
   * Refuses (IllegalArgumentException with the estimate) a model that would not fit the heap.
   */
  public static void requireMemory(int n1, int n2, int width, long entries) {
    long bytes = bytesNeeded(n1, n2, width, entries);
    Memory.require(bytes, (long) Math.max(n1, n2) * width, String.format(Locale.ROOT,
        "the factor model (%d x %d matrix, width %d: %d factor-sized buffers of (n1 + n2) x width doubles, "
            + "plus %d entries)", n1, n2, width, FACTOR_BUFFERS, entries), "lower --width");
  }

  /** Runs the pipeline; {@code observers} (e.g. progress) see every validation point. */
  public static CompletionResult run(ObservedEntries data, CompletionSpec spec, List<? extends Observer> observers) {
    long start = System.nanoTime();
    int n1 = data.rows();
    int n2 = data.cols();
    int width = spec.widthFor(n1, n2);
    requireMemory(n1, n2, width, data.size());
    if (data.size() < 2) {
      throw new IllegalArgumentException("completion needs at least 2 observed entries (one to train, one to validate)");
    }
    HoldOut split = HoldOut.split(data.size(), spec.holdOut(), Seeds.derive(spec.seed(), Seeds.Stream.SPLIT));
    Baseline baseline = Baseline.fit(data, split.train(), spec.centring(), spec.biasLambda());

    int[] train = split.train();
    double p = train.length / ((double) n1 * n2);
    EntrySampling trainOp = EntrySampling.rectangular(n1, n2, data.rowsAt(train), data.colsAt(train), Math.min(1.0, p));
    double[] y = new double[train.length];
    for (int k = 0; k < train.length; k++) {
      int e = train[k];
      y[k] = trainOp.measure(data.value(e) - baseline.at(data.row(e), data.col(e)));
    }
    int[] held = split.validation();
    EntrySampling valOp = EntrySampling.rectangular(n1, n2, data.rowsAt(held), data.colsAt(held), 1.0);
    double[] yVal = new double[held.length];
    double baselineSq = 0.0;
    for (int k = 0; k < held.length; k++) {
      int e = held[k];
      yVal[k] = data.value(e) - baseline.at(data.row(e), data.col(e));
      baselineSq += yVal[k] * yVal[k];
    }

    Problem problem = Problem.ofAsymmetric(trainOp, y, null);
    FactorPair f0 = SmallRandomPairInit.balanced(spec.alpha()).initialise(n1, n2, width,
        Seeds.derive(spec.seed(), Seeds.Stream.INIT));
    AsymmetricGradientDescent solver = AsymmetricGradientDescent.plain(new StepRule.SpectralFraction(spec.stepFraction()));
    Iterate iterate = solver.start(problem, f0.left(), f0.right());
    EarlyStopping stopping = new EarlyStopping(new ValidationSet(valOp, yVal, width), spec.patience(),
        spec.minRelativeImprovement());
    List<Observer> all = new ArrayList<>();
    all.add(stopping);
    all.addAll(observers);
    SolveResult solve = new Driver(StopRules.iterations(spec.maxIterations()), spec.validateEvery()).run(iterate, all);
    if (stopping.bestLeft() == null) {
      throw new IllegalStateException("the validation error was never finite: " + solve.detail());
    }
    double trainSq = 0.0;
    double[] res = new double[train.length];
    trainOp.forward(stopping.bestLeft(), stopping.bestRight(), res, trainOp.workspace(width));
    for (int k = 0; k < train.length; k++) {
      double d = (res[k] - y[k]) / trainOp.measure(1.0);
      trainSq += d * d;
    }
    double[] sv = NumericalRank.singularValues(stopping.bestLeft(), stopping.bestRight());
    double[] valErrors = stopping.errors();
    for (int i = 0; i < valErrors.length; i++) {
      valErrors[i] = Math.sqrt(valErrors[i]);
    }
    return new CompletionResult(baseline, stopping.bestLeft(), stopping.bestRight(), stopping.bestIteration(), solve,
        Math.sqrt(stopping.bestError()), Math.sqrt(baselineSq / held.length), Math.sqrt(trainSq / train.length),
        NumericalRank.count(sv, NumericalRank.DEFAULT_RELATIVE_THRESHOLD), sv, train.length, held.length, width,
        iterate.stepSize(), stopping.iterations(), valErrors, System.nanoTime() - start);
  }
}
