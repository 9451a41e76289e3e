package io.lowrank.testkit;

import io.lowrank.diagnostics.History;
import io.lowrank.diagnostics.HistoryRecorder;
import io.lowrank.diagnostics.Probes;
import io.lowrank.init.SmallRandomInit;
import io.lowrank.linalg.Mat;
import io.lowrank.model.GroundTruth;
import io.lowrank.model.Problem;
import io.lowrank.operator.MeasurementOperator;
import io.lowrank.random.Seeds;
import io.lowrank.solver.Driver;
import io.lowrank.solver.GradientDescent;
import io.lowrank.solver.Iterate;
import io.lowrank.solver.Solver;
import io.lowrank.solver.StepRule;
import io.lowrank.solver.StopRules;
import java.util.List;

/** Runs a solver with the test-error probe and reads rates and hitting times off the trace. */
public final class Traces {
  private Traces() {}

  /** A fitted geometric rate e_t ~ C rate^t with the R^2 of the log-linear fit. */
  public record Rate(double rate, double rSquared, int points) {}

  /** Runs {@code solver} from {@code u0} for {@code iterations}, recording every {@code every}. */
  public static History run(Problem p, Solver solver, Mat u0, int iterations, int every) {
    HistoryRecorder rec = new HistoryRecorder(List.of(Probes.testError(p.truth().orElseThrow()), Probes.trainLoss()));
    new Driver(StopRules.iterations(iterations), every).run(solver.start(p, u0), List.of(rec));
    return rec.history();
  }

  /**
   * The factor after {@code steps} plain GD steps (default step rule) on the data {@code y} measured
   * by {@code op}, from the small random start alpha = 1e-3 of width {@code width} (seed stream INIT
   * of seed 2): what thread-count and kernel invariance tests compare bit for bit.
   */
  public static double[] factorAfter(MeasurementOperator op, double[] y, GroundTruth truth, int width, int steps) {
    Problem p = Problem.of(op, y, truth);
    Iterate it = GradientDescent.plain(StepRule.defaultRule())
        .start(p, new SmallRandomInit(1e-3).initialise(p, width, Seeds.derive(2, Seeds.Stream.INIT)));
    new Driver(StopRules.iterations(steps), steps).run(it, List.of());
    return it.factor().data().clone();
  }

  /** Bytes allocated per GD step on the noiseless problem of {@code op} and {@code truth} (see {@link Allocations}). */
  public static double bytesPerGdStep(MeasurementOperator op, GroundTruth truth, int width) {
    Problem p = Problem.sense(op, truth, 0.0, 0);
    Iterate it = GradientDescent.plain(StepRule.defaultRule())
        .start(p, new SmallRandomInit(1e-3).initialise(p, width, Seeds.derive(2, Seeds.Stream.INIT)));
    return Allocations.bytesPerStep(it::step);
  }

  /** The first recorded iteration with {@code column <= threshold}, or -1. */
  public static int firstBelow(History h, String column, double threshold) {
    double[] t = h.column(History.ITERATION);
    double[] v = h.column(column);
    for (int i = 0; i < v.length; i++) {
      if (v[i] <= threshold) {
        return (int) t[i];
      }
    }
    return -1;
  }

  /** Least-squares fit of log e against t over the rows with hi >= e >= lo. */
  public static Rate rate(History h, String column, double hi, double lo) {
    double[] t = h.column(History.ITERATION);
    double[] v = h.column(column);
    double sx = 0;
    double sy = 0;
    int k = 0;
    for (int i = 0; i < v.length; i++) {
      if (v[i] <= hi && v[i] >= lo) {
        sx += t[i];
        sy += Math.log(v[i]);
        k++;
      }
    }
    if (k < 3) {
      return new Rate(Double.NaN, Double.NaN, k);
    }
    double mx = sx / k;
    double my = sy / k;
    double sxx = 0;
    double sxy = 0;
    double syy = 0;
    for (int i = 0; i < v.length; i++) {
      if (v[i] <= hi && v[i] >= lo) {
        double dx = t[i] - mx;
        double dy = Math.log(v[i]) - my;
        sxx += dx * dx;
        sxy += dx * dy;
        syy += dy * dy;
      }
    }
    return new Rate(Math.exp(sxy / sxx), sxy * sxy / (sxx * syy), k);
  }

  /** log10(e(T/2) / e(T)): decades gained over the second half of the recorded run. */
  public static double decadesInSecondHalf(History h, String column) {
    double[] v = h.column(column);
    return Math.log10(v[(v.length - 1) / 2] / v[v.length - 1]);
  }
}
