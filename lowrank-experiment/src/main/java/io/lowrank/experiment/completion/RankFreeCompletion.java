package io.lowrank.experiment.completion;

import io.lowrank.diagnostics.History;
import io.lowrank.experiment.engine.Engine;
import io.lowrank.experiment.formats.TripletFiles;
import io.lowrank.experiment.run.Baseline;
import io.lowrank.experiment.run.EarlyStop;
import io.lowrank.experiment.run.RunResult;
import io.lowrank.experiment.run.Runner;
import io.lowrank.experiment.run.Workload;
import io.lowrank.experiment.spec.ProblemSpec;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.linalg.Mat;
import io.lowrank.operator.EntrySampling;
import io.lowrank.solver.Observer;
import io.lowrank.solver.SolveResult;
import io.lowrank.solver.Termination;
import io.lowrank.validation.NumericalRank;
import java.util.List;

/**
 * Rank-free matrix completion with validation early stopping (docs/math.md, "Rank-free
 * recovery"), the pipeline behind {@code lowrank complete} and {@code lowrank inpaint}: a
 * {@code ratings} {@link RunSpec} run by the {@link Runner} (hold out entries, fit the centring
 * baseline, GD on a wide factor pair from a small start, keep the best validation iterate), then
 * the completion statistics of the chosen iterate (train RMSE, numerical rank).
 * Nothing here forms an n1 x n2 matrix; memory is O((n1 + n2) r' + |Omega|).
 */
public final class RankFreeCompletion {
  private RankFreeCompletion() {}

  /**
   * Runs a ratings spec on {@code data} (registered under the spec's path, so the file is not read
   * again); {@code observers} (e.g. progress) see every validation point.
   */
  public static CompletionResult run(RunSpec spec, TripletFiles.Data data, List<? extends Observer> observers) {
    return run(new Runner(1), spec, data, observers);
  }

  /** As {@link #run(RunSpec, TripletFiles.Data, List)} on a given runner (e.g. with registered starts). */
  static CompletionResult run(Runner runner, RunSpec spec, TripletFiles.Data data, List<? extends Observer> observers) {
    return run(Engine.local(), runner, spec, data, observers);
  }

  /** As {@link #run(Runner, RunSpec, TripletFiles.Data, List)}, the gradient descent on {@code engine}. */
  static CompletionResult run(Engine engine, Runner runner, RunSpec spec, TripletFiles.Data data,
      List<? extends Observer> observers) {
    if (!(spec.problem() instanceof ProblemSpec.Ratings ratings)) {
      throw new IllegalArgumentException("rank-free completion runs a ratings problem, not " + spec.model().id());
    }
    long start = System.nanoTime();
    runner.workloads().register(ratings.path(), data);
    Workload w = runner.workloads().of(spec);
    String nothing = nothingToFit(data, w);
    if (nothing != null) {
      return baselineOnly(spec, w, nothing, System.nanoTime() - start);
    }
    RunResult run = engine.run(runner, spec, w, observers);
    return result(run, w, System.nanoTime() - start);
  }

  /**
   * Relative root-mean-square size below which the centred values count as nothing left to fit:
   * the baseline then explains the data (a constant matrix, or a sum of row and column effects, up
   * to the bias fit's own convergence), the low-rank part is zero, and the step c / ||A*(y)|| of a
   * factor model would only amplify what the bias fit left over.
   */
  static final double EXPLAINED = 1e-6;

  /**
   * Why the factors have nothing to fit, or null: the centred values (training and held out) are
   * below {@link #EXPLAINED} of the data in RMS (a constant matrix, a sum of row and column
   * effects), or the centred training values alone are (a hold-out that leaves a handful of training
   * entries, which the biases fit exactly). The step c / ||A*(y)|| is then undefined or would only
   * amplify round-off.
   */
  static String nothingToFit(TripletFiles.Data data, Workload w) {
    double raw = 0.0;
    for (int e = 0; e < data.entries().size(); e++) {
      raw += data.entries().value(e) * data.entries().value(e);
    }
    double rawMean = raw / data.entries().size();
    EntrySampling op = (EntrySampling) w.problem().operator();
    double unit = op.measure(1.0);
    double train = 0.0;
    for (double v : w.problem().y()) {
      train += (v / unit) * (v / unit);
    }
    double held = 0.0;
    for (double v : w.validationY()) {
      held += v * v;
    }
    double limit = EXPLAINED * EXPLAINED * rawMean;
    int m = w.problem().y().length;
    int mVal = w.validationY().length;
    if (!((train + held) / (m + mVal) > limit)) {
      return "the centring baseline explains the data exactly (the centred values are round-off); nothing left to fit";
    }
    if (!(train / m > limit)) {
      return "the centring baseline fits all " + m + " training entries exactly; nothing left for the factors to fit "
          + "(hold out fewer entries to learn more than the baseline)";
    }
    return null;
  }

  /** The result when the baseline explains the data: L = R = 0, chosen at iteration 0. */
  private static CompletionResult baselineOnly(RunSpec spec, Workload w, String why, long fitNanos) {
    int width = RunSpec.ratingsWidth(spec.width(), w.rows(), w.cols());
    RunSpec resolved = spec.width() == null ? spec.withWidth(width) : spec;
    io.lowrank.experiment.run.Starts.requireWidth(width, Math.min(w.rows(), w.cols()), false, "width " + width);
    io.lowrank.experiment.run.Workloads.requireRatingsMemory(w.rows(), w.cols(), width, w.problem().y().length);
    Mat left = new Mat(w.rows(), width);
    Mat right = new Mat(w.cols(), width);
    SolveResult solve = new SolveResult(Termination.CONVERGED, 0, 0.0, 0.0, 0L, Double.NaN, why);
    double mse = 0.0;
    for (double v : w.validationY()) {
      mse += v * v / w.validationY().length;
    }
    EarlyStop es = new EarlyStop(0, -1, mse, new double[] {0}, new double[] {mse},
        new io.lowrank.experiment.run.Factors(left, right), w.validationY().length);
    RunResult run = new RunResult(resolved, solve, new History(List.of()), es.chosen(), es, null, null, Double.NaN, 0.0,
        w.sources(), 0.0, fitNanos * 1e-9);
    return result(run, w, fitNanos);
  }

  /** The statistics of a finished ratings run on its workload. */
  static CompletionResult result(RunResult run, Workload w, long fitNanos) {
    EntrySampling trainOp = (EntrySampling) w.problem().operator();
    double[] y = w.problem().y();
    double[] yVal = w.validationY();
    double baselineSq = 0.0;
    for (double v : yVal) {
      baselineSq += v * v;
    }
    EarlyStop es = run.earlyStop();
    int width = run.spec().width();
    if (es.chosen() == null) {
      return new CompletionResult(run, w.baseline(), null, null, -1, Double.NaN, Math.sqrt(baselineSq / yVal.length),
          Double.NaN, 0, new double[0], Double.NaN, y.length, yVal.length, width, es.iterations(),
          rmse(es.validationMse()), trainRmse(run.history(), es.iterations(), y.length, trainOp.measure(1.0)),
          fitNanos, new double[0], new double[0]);
    }
    Mat left = es.chosen().left();
    Mat right = es.chosen().right();
    double trainRmse = trainRmse(w, left, right);
    double[][] heldOut = heldOut(w, left, right);
    double[] sv = completedSingularValues(w.baseline(), left, right);
    double validationRmse = Math.sqrt(es.chosenValidationMse());
    double threshold = NumericalRank.noiseAwareThreshold(sv, validationRmse, w.rows(), w.cols(), y.length);
    return new CompletionResult(run, w.baseline(), left, right, es.chosenIteration(), validationRmse,
        Math.sqrt(baselineSq / yVal.length), trainRmse, NumericalRank.rankWithGap(sv, threshold),
        sv, threshold, y.length, yVal.length, width, es.iterations(), rmse(es.validationMse()),
        trainRmse(run.history(), es.iterations(), y.length, trainOp.measure(1.0)), fitNanos, heldOut[0], heldOut[1]);
  }

  /** RMSE of baseline + L R^T on the training entries of {@code w}, in data units. */
  static double trainRmse(Workload w, Mat left, Mat right) {
    EntrySampling op = (EntrySampling) w.problem().operator();
    double[] y = w.problem().y();
    double[] res = new double[y.length];
    op.forward(left, right, res, op.workspace(left.cols()));
    double sq = 0.0;
    for (int k = 0; k < y.length; k++) {
      double d = (res[k] - y[k]) / op.measure(1.0);
      sq += d * d;
    }
    return Math.sqrt(sq / y.length);
  }

  /** The held-out values and the predictions there, both in data units: {observed, predicted}. */
  private static double[][] heldOut(Workload w, Mat left, Mat right) {
    EntrySampling val = (EntrySampling) w.validationOperator();
    double[] yVal = w.validationY();
    double[] pred = new double[yVal.length];
    val.forward(left, right, pred, val.workspace(left.cols()));
    double[] obs = new double[yVal.length];
    for (int k = 0; k < yVal.length; k++) {
      double b = w.baseline().at(val.row(k), val.col(k));
      obs[k] = yVal[k] + b;
      pred[k] = pred[k] / val.measure(1.0) + b;
    }
    return new double[][] {obs, pred};
  }

  /**
   * Singular values of the completed matrix mu + b 1^T + 1 c^T + L R^T (n1 x n2), from the factored
   * form [L, b, 1] [R, 1, c + mu 1]^T (a column pair dropped when its bias part is zero), so no
   * n1 x n2 matrix is formed.
   */
  public static double[] completedSingularValues(Baseline baseline, Mat left, Mat right) {
    int n1 = left.rows();
    int n2 = right.rows();
    int k = left.cols();
    double[] b = baseline.rowBias();
    double[] c = new double[n2];
    for (int j = 0; j < n2; j++) {
      c[j] = baseline.colBias()[j] + baseline.mean();
    }
    boolean rowPart = java.util.Arrays.stream(b).anyMatch(v -> v != 0.0);
    boolean colPart = java.util.Arrays.stream(c).anyMatch(v -> v != 0.0);
    int extra = (rowPart ? 1 : 0) + (colPart ? 1 : 0);
    if (extra == 0) {
      return NumericalRank.singularValues(left, right);
    }
    int w = k + extra;
    Mat l = new Mat(n1, w);
    Mat r = new Mat(n2, w);
    for (int i = 0; i < n1; i++) {
      System.arraycopy(left.data(), i * k, l.data(), i * w, k);
      int t = k;
      if (rowPart) {
        l.data()[i * w + t++] = b[i];
      }
      if (colPart) {
        l.data()[i * w + t] = 1.0;
      }
    }
    for (int j = 0; j < n2; j++) {
      System.arraycopy(right.data(), j * k, r.data(), j * w, k);
      int t = k;
      if (rowPart) {
        r.data()[j * w + t++] = 1.0;
      }
      if (colPart) {
        r.data()[j * w + t] = c[j];
      }
    }
    return NumericalRank.singularValues(l, r);
  }

  /**
   * The training RMSE at each of {@code iterations}, from the recorded loss f = 1/4 ||A(L R^T) - y||^2
   * with A = unit * P_Omega: RMSE = sqrt(4 f / |Omega|) / unit (NaN where the loss was not recorded).
   */
  static double[] trainRmse(History h, double[] iterations, int entries, double unit) {
    double[] out = new double[iterations.length];
    java.util.Arrays.fill(out, Double.NaN);
    if (!h.has(io.lowrank.diagnostics.Columns.LOSS)) {
      return out;
    }
    double[] its = h.column(io.lowrank.diagnostics.Columns.ITERATION);
    double[] loss = h.column(io.lowrank.diagnostics.Columns.LOSS);
    int row = 0;
    for (int k = 0; k < iterations.length; k++) {
      while (row < its.length && its[row] < iterations[k]) {
        row++;
      }
      if (row < its.length && its[row] == iterations[k]) {
        out[k] = Math.sqrt(4 * loss[row] / entries) / unit;
      }
    }
    return out;
  }

  private static double[] rmse(double[] mse) {
    double[] out = new double[mse.length];
    for (int i = 0; i < mse.length; i++) {
      out[i] = Math.sqrt(mse[i]);
    }
    return out;
  }
}
