package io.lowrank.experiment.claims;

import io.lowrank.diagnostics.Columns;
import io.lowrank.diagnostics.History;
import io.lowrank.experiment.figure.Figure;
import io.lowrank.experiment.figure.Series;
import io.lowrank.experiment.run.EarlyStop;
import io.lowrank.experiment.run.RunResult;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.spec.StopSpec;
import io.lowrank.experiment.stats.Stats;
import io.lowrank.linalg.Check;
import io.lowrank.validation.EarlyStopping;
import io.lowrank.validation.HoldOut;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Claim 8 (docs/math.md §10, §5): validation early stopping on noisy GOE sensing with r' = n picks an
 * iterate whose test error is within a factor (1.5) of the best test error along the path, and
 * far below (at most a fraction of) the test error of the final, overfit iterate.
 *
 * <p>Per seed: y = A(M*) + e over m measurements; the run's early stopping (seed stream SPLIT)
 * holds out 10 % of the measurements (the held-out rows of A and y, each part rescaled by its own
 * 1/sqrt(m_part)); plain GD runs on the rest to a fixed horizon (so the overfit end is reached),
 * with {@code halt: false}: the rule's stop point and chosen iterate are recorded, the run is not
 * cut short. The runs are ordinary specs, run by the Runner with every other claim's.
 */
public final class ValidationEarlyStoppingClaim implements Claim {

  /**
   * @param n dimension
   * @param r rank
   * @param oversampling m = oversampling n r measurements (before the hold-out)
   * @param sigma noise level
   * @param alpha initial scale
   * @param horizon iterations run (the final iterate is the overfit one)
   * @param recordEvery cadence of test and validation errors
   * @param patience early-stopping patience (iterations)
   * @param holdOut held-out fraction
   * @param seeds seeds
   * @param withinBest PASS needs median(chosen / best) ≤ this (1.5)
   * @param belowFinal PASS needs median(chosen / final) ≤ this ("far below")
   * @param setting the problem the runs are on (its noise, when it has any, replaces sigma)
   */
  public record Config(int n, int r, int oversampling, double sigma, double alpha, int horizon, int recordEvery,
      int patience, double holdOut, long[] seeds, double withinBest, double belowFinal, Setting setting) {
    public Config {
      Check.positive(n, "n");
      Check.inRange(r, 1, n, "r");
      Check.positive(oversampling, "oversampling");
      Check.nonNegative(sigma, "sigma");
      Check.positive(alpha, "alpha");
      Check.positive(horizon, "horizon");
      Check.positive(recordEvery, "record-every");
      Check.positive(patience, "patience");
    }

    /** The configuration for a budget (quick: shorter horizon, 3 seeds). */
    public static Config of(Budget budget, Setting s) {
      return new Config(s.n(), s.r(), 5, s.noise() > 0 ? s.noise() : 0.01, 1e-3, s.horizon(budget.quick() ? 3000 : 6000),
          10, 300, HoldOut.DEFAULT_FRACTION, budget.seedList(), 1.5, 0.5, s);
    }
  }

  /** What one seed measured. */
  record Trace(long seed, double[] iterations, double[] testError, int stopIteration, int chosenIteration,
      double chosenError, double bestError, int bestIteration, double finalError) {}

  private final Config c;

  public ValidationEarlyStoppingClaim(Config config) {
    this.c = config;
  }

  @Override
  public int number() {
    return 8;
  }

  /** One seed's run: noisy GOE sensing, r' = n, early stopping that records but does not halt. */
  RunSpec spec(long seed) {
    Setting s = c.setting();
    RunSpec base = s.run(s.problem(c.oversampling(), s.kappa(), c.sigma()), c.n(), c.alpha(), c.horizon(),
        c.recordEvery(), false, 0.0);
    StopSpec.EarlyStopping es = new StopSpec.EarlyStopping(c.holdOut(), c.patience(), c.recordEvery(),
        EarlyStopping.DEFAULT_MIN_RELATIVE_IMPROVEMENT, false);
    return base.withStop(new StopSpec(c.horizon(), 0.0, null, null, es)).withSeed(seed);
  }

  @Override
  public List<RunSpec> runs() {
    List<RunSpec> out = new java.util.ArrayList<>();
    for (long s : c.seeds()) {
      out.add(spec(s));
    }
    return out;
  }

  /** What one seed's run measured. */
  Trace trace(RunResult run, long seed) {
    History h = run.history();
    double[] t = h.column(Columns.ITERATION);
    double[] err = h.column(Columns.TEST_ERROR);
    EarlyStop es = run.earlyStop();
    int chosen = es.chosenIteration();
    double chosenError = Double.NaN;
    int best = 0;
    for (int i = 0; i < t.length; i++) {
      if ((int) t[i] == chosen) {
        chosenError = err[i];
      }
      if (err[i] < err[best]) {
        best = i;
      }
    }
    return new Trace(seed, t, err, es.stopIteration(), chosen, chosenError, err[best], (int) t[best],
        err[err.length - 1]);
  }

  @Override
  public ClaimResult evaluate(Map<RunSpec, RunResult> results) {
    long[] seeds = c.seeds();
    List<Trace> traces = new java.util.ArrayList<>();
    for (long s : seeds) {
      traces.add(trace(results.get(spec(s)), s));
    }
    Map<String, Double> numbers = new LinkedHashMap<>();
    double[] toBest = new double[seeds.length];
    double[] toFinal = new double[seeds.length];
    boolean stopped = true;
    Figure.Builder fig = Figure.builder("claim8-early-stopping",
        "Test (solid) and validation (dashed) error; ● chosen by early stopping")
        .x("iteration t", true).y("relative error", true);
    for (int i = 0; i < traces.size(); i++) {
      Trace tr = traces.get(i);
      toBest[i] = tr.chosenError() / tr.bestError();
      toFinal[i] = tr.chosenError() / tr.finalError();
      stopped &= tr.stopIteration() >= 0;
      String s = "seed" + tr.seed();
      numbers.put("chosen_iteration." + s, (double) tr.chosenIteration());
      numbers.put("stop_iteration." + s, (double) tr.stopIteration());
      numbers.put("chosen_test_error." + s, tr.chosenError());
      numbers.put("best_test_error." + s, tr.bestError());
      numbers.put("best_iteration." + s, (double) tr.bestIteration());
      numbers.put("final_test_error." + s, tr.finalError());
      fig.add(Series.line("test ‖UUᵀ − M*‖_{F} / ‖M*‖_{F}, seed " + tr.seed(), tr.iterations(), tr.testError(),
          Series.Color.qualitative(i)));
      EarlyStop es = results.get(spec(tr.seed())).earlyStop();
      double[] val = es.validationMse();
      if (val.length > 0 && val[0] > 0) { // √(validation MSE_t / MSE_0): starts at 1 like the test error
        double[] rel = new double[val.length];
        for (int k = 0; k < val.length; k++) {
          rel[k] = Math.sqrt(val[k] / val[0]);
        }
        fig.add(Series.dashed("validation residual, seed " + tr.seed(), es.iterations(), rel,
            Series.Color.qualitative(i)));
      }
      fig.add(Series.points("chosen, seed " + tr.seed(), new double[] {tr.chosenIteration()},
          new double[] {tr.chosenError()}, Series.Color.qualitative(i)));
    }
    double medBest = Stats.median(toBest);
    double medFinal = Stats.median(toFinal);
    numbers.put("median.chosen_over_best", medBest);
    numbers.put("median.chosen_over_final", medFinal);
    boolean pass = stopped && medBest <= c.withinBest() && medFinal <= c.belowFinal()
        && Double.isFinite(medBest) && Double.isFinite(medFinal);
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("problem", String.format(Locale.ROOT, "%s sensing, n = %d, r = %d, κ = %s, m = %d n r, σ = %s",
        c.setting().sensing(), c.n(), c.r(),
        ClaimSupport.compact(c.setting().kappa()), c.oversampling(), ClaimSupport.sci(c.sigma())));
    params.put("run", String.format(Locale.ROOT, "plain GD, r' = n = %d, α = %s, μ = 0.25 / λ₁(A*(y)), %d iterations",
        c.n(), ClaimSupport.sci(c.alpha()), c.horizon()));
    params.put("early stopping", String.format(Locale.ROOT,
        "hold-out %s of the measurements (seed stream SPLIT), validation every %d iterations, patience %d",
        ClaimSupport.fixed(c.holdOut(), 2), c.recordEvery(), c.patience()));
    params.put("seeds", seeds.length);
    String criterion = String.format(Locale.ROOT,
        "the rule stops within the horizon on every seed, median(chosen / best test error) ≤ %s and "
            + "median(chosen / final test error) ≤ %s", c.withinBest(), c.belowFinal());
    String headline = String.format(Locale.ROOT, "chosen/best = %s, chosen/final = %s (medians); chosen %s vs final %s",
        ClaimSupport.fixed(medBest, 2), ClaimSupport.fixed(medFinal, 3),
        ClaimSupport.sci(Stats.median(traces.stream().mapToDouble(Trace::chosenError).toArray())),
        ClaimSupport.sci(Stats.median(traces.stream().mapToDouble(Trace::finalError).toArray())));
    return new ClaimResult(8, "Validation early stopping",
        "On noisy data with r' = n, validation early stopping picks an iterate within 1.5x of the best test error "
            + "along the path and far below the final overfit iterate's.",
        "docs/math.md §9 and §6 claim 8", criterion, pass ? Verdict.PASS : Verdict.FAIL, params, numbers, headline,
        List.of(fig.build()), runs());
  }
}
