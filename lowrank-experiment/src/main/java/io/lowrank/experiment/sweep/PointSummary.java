package io.lowrank.experiment.sweep;

import io.lowrank.experiment.run.RunResult;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.stats.Stats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the seeds of one grid point give: how many runs, how many diverged, the success rate, and
 * for every metric the median, quartiles and extremes over the runs where it is defined.
 *
 * @param point the grid point
 * @param runs its runs
 * @param diverged how many diverged
 * @param successRate successes / runs, NaN without a criterion
 * @param metrics metric -> its statistics, in the sweep's metric order
 * @param medianSolveSeconds median solve time of its runs (a timing: differs between equal sweeps)
 */
public record PointSummary(SweepPlan.Point point, int runs, int diverged, double successRate,
    Map<String, Spread> metrics, double medianSolveSeconds) {

  /**
   * The spread of one metric over the seeds of a point (NaN when no run defines it).
   *
   * @param median median
   * @param q25 first quartile
   * @param q75 third quartile
   * @param min smallest
   * @param max largest
   * @param defined how many runs define it
   */
  public record Spread(double median, double q25, double q75, double min, double max, int defined) {
    static Spread of(double[] values) {
      int defined = 0;
      for (double v : values) {
        defined += Double.isFinite(v) ? 1 : 0;
      }
      return new Spread(Stats.median(values), Stats.quantile(values, 0.25), Stats.quantile(values, 0.75),
          Stats.quantile(values, 0.0), Stats.quantile(values, 1.0), defined);
    }
  }

  /** One summary per grid point, in grid order. */
  public static List<PointSummary> of(SweepPlan plan, Map<RunSpec, RunResult> results) {
    SweepSpec sweep = plan.sweep();
    List<PointSummary> out = new ArrayList<>();
    for (SweepPlan.Point p : plan.points()) {
      List<RunResult> rs = new ArrayList<>();
      for (RunSpec s : p.runs()) {
        RunResult r = results.get(s);
        if (r == null) {
          throw new IllegalStateException("no result for run " + s.id());
        }
        rs.add(r);
      }
      int diverged = (int) rs.stream().filter(RunResult::diverged).count();
      double rate = Double.NaN;
      if (sweep.success() != null) {
        rate = (double) rs.stream().filter(sweep.success()::test).count() / rs.size();
      }
      Map<String, Spread> metrics = new LinkedHashMap<>();
      for (String m : sweep.metrics()) {
        Criterion c = new Criterion(m, "<", 0);
        double[] v = rs.stream().mapToDouble(r -> r.diverged() ? Double.NaN : c.value(r)).toArray();
        metrics.put(m, Spread.of(v));
      }
      double solve = Stats.median(rs.stream().mapToDouble(r -> r.solve().solveNanos() * 1e-9).toArray());
      out.add(new PointSummary(p, rs.size(), diverged, rate, metrics, solve));
    }
    return List.copyOf(out);
  }
}
