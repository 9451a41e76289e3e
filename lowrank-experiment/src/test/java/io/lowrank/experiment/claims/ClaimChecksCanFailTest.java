package io.lowrank.experiment.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowrank.diagnostics.PhaseThresholds;
import io.lowrank.experiment.run.RunResult;
import io.lowrank.experiment.run.Runner;
import io.lowrank.experiment.run.Workloads;
import io.lowrank.experiment.spec.RunSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every claim check must be able to fail: each is run on a configuration built to violate it
 * (ARCHITECTURE.md: "a check that cannot fail is a defect"). Passing configurations are exercised
 * by the reproduce --quick test of the CLI.
 */
class ClaimChecksCanFailTest {
  private static final long[] ONE_SEED = {1};

  /** The paper's setting (GOE, n = 40, r = 2, kappa = 2). */
  static final Setting S = Setting.standard();

  private static ClaimResult run(Claim claim) {
    Map<RunSpec, RunResult> results = new Runner(2, PhaseThresholds.defaults(), new Workloads()).runAll(claim.runs(),
        io.lowrank.experiment.run.ProgressListener.none());
    return claim.evaluate(results);
  }

  /** Large initial scales: the error does not fall as a power of alpha, and alpha = 1e-6 does generalise. */
  @Test
  void claim1FailsForLargeAlphas() {
    var config = new ErrorVsAlphaClaim.Config(new int[] {5, 20}, new double[] {1.0, 0.5}, 200, 1e-6, 300, ONE_SEED, 1.2, 0.2, S);
    ClaimResult r = run(new ErrorVsAlphaClaim(config));
    assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(r.numbers().get("slope.m20nr")).isLessThan(1.2);
    assertThat(r.numbers().get("overfit.test_error")).isLessThan(0.5);
  }

  /** An iteration cap below what the target needs: the check must not pass on missing data. */
  @Test
  void claim2FailsWhenTheTargetIsNeverReached() {
    var config = new IterationsVsAlphaClaim.Config(10, new double[] {1e-3, 1e-4, 1e-5}, 1e-2, 40, ONE_SEED, 0.95, S);
    ClaimResult r = run(new IterationsVsAlphaClaim(config));
    assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(r.headline()).contains("never reached");
  }

  /** Large alphas leave Phase I before the subspace has aligned. */
  @Test
  void claim3FailsForLargeAlphas() {
    var config = new SpectralPhaseClaim.Config(5, new int[] {2, 40}, new double[] {0.3, 0.1}, 60, ONE_SEED, 0.05, 0.05, S);
    ClaimResult r = run(new SpectralPhaseClaim(config));
    assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(r.numbers().get("angle_to_L_at_T1.w40.alpha1.00e-01")).isGreaterThan(0.05);
  }

  /** A horizon that ends inside Phase II: T2 is never reached. */
  @Test
  void claim4FailsWhenTheHorizonEndsBeforeT2() {
    var config = new ThreePhasesClaim.Config(10, new double[] {1e-3, 1e-6}, 80, ONE_SEED, 1.01, 0.1, 10.0, S);
    ClaimResult r = run(new ThreePhasesClaim(config));
    assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
  }

  /** Widths listed from wide to narrow: the median iterations increase along the list. */
  @Test
  void claim5FailsWhenIterationsGrowWithTheListedWidths() {
    var config = new WidthRobustnessClaim.Config(10, new int[] {40, 2}, 1e-4, 1e-2, 1500, new long[] {1, 2, 3, 4, 5}, 0.0, S);
    ClaimResult r = run(new WidthRobustnessClaim(config));
    assertThat(r.numbers().get("median_iterations.w2")).isGreaterThan(r.numbers().get("median_iterations.w40"));
    assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
  }

  /** Alphas listed in increasing order: the trace excess grows along the list. */
  @Test
  void claim6FailsWhenTraceExcessDoesNotFall() {
    var config = new ErrorVsAlphaClaim.Config(new int[] {5}, new double[] {1e-5, 1e-2}, 300, 1.0, 10, ONE_SEED, 1.2, 0.2, S);
    ClaimResult r = run(new TraceBiasClaim(config, 1e-3));
    assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
  }

  /** κ = 1: every component has the same eigenvalue, so the stages coincide and nothing is incremental. */
  @Test
  void claim9FailsWhenTheTruthIsWellConditioned() {
    var config = IncrementalLearningClaim.Config.of(Budget.quickRun(), S, 3, 1.0);
    ClaimResult r = run(new IncrementalLearningClaim(config));
    assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(r.numbers().get("gap1.alpha1.00e-08")).isLessThanOrEqualTo(10.0);
  }

  /** A large unbalanced start (α = 1, β = 1e-3): the imbalance is of the order of ‖M*‖ and the error does not fall. */
  @Test
  void claim10FailsForALargeUnbalancedStart() {
    var config = ImplicitBalancingClaim.Config.of(Budget.quickRun(), S).withStarts(new double[] {1.0, 0.5}, 1e-3);
    ClaimResult r = run(new ImplicitBalancingClaim(config));
    assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(r.numbers().get("max_imbalance_over_norm.unbalanced.alpha1.00e+00")).isGreaterThan(1.0);
    assertThat(r.numbers().get("final_test_error.unbalanced.alpha1.00e+00")).isGreaterThan(0.1);
  }

  /** The default small starts pass, and the imbalance stays below 1% of ‖M*‖ while ‖LRᵀ‖ reaches ‖M*‖. */
  @Test
  void claim10PassesAtTheDefaultStarts() {
    ClaimResult r = run(new ImplicitBalancingClaim(ImplicitBalancingClaim.Config.of(Budget.quickRun(), S)));
    assertThat(r.verdict()).isEqualTo(Verdict.PASS);
    assertThat(r.numbers().get("max_imbalance_over_norm.worst")).isLessThan(0.01);
    assertThat(r.numbers().get("final_product_norm_over_norm.unbalanced.alpha1.00e-06")).isCloseTo(1.0,
        org.assertj.core.data.Offset.offset(0.05));
  }

  /**
   * A rank whose degrees of freedom exceed the positive entries (n = 50: r = 16 needs 680 numbers,
   * about 662 entries are positive): the positive entries do not determine M*.
   */
  @Test
  void claim11FailsWhenThePositiveEntriesCannotDetermineTheMatrix() {
    int rank = ReluSamplingClaim.undetermined(50);
    assertThat(rank).isEqualTo(16);
    var base = ReluSamplingClaim.Config.of(Budget.quickRun(), S);
    var config = new ReluSamplingClaim.Config(new int[] {50}, new int[] {rank}, base.alpha(), 1500, new long[] {1, 2},
        base.success(), base.minRate());
    ClaimResult r = run(new ReluSamplingClaim(config));
    assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(r.numbers().get("success_rate.tailored.n50.r" + rank)).isLessThan(0.8);
  }

  /** The tailored start recovers where the small random start mostly does not (Liu et al.'s observation). */
  @Test
  void claim11TailoredStartBeatsTheRandomStartUnderReluSampling() {
    var base = ReluSamplingClaim.Config.of(Budget.quickRun(), S);
    var config = new ReluSamplingClaim.Config(new int[] {50}, new int[] {2, 3}, base.alpha(), 1500, new long[] {1, 2, 3},
        base.success(), base.minRate());
    ClaimResult r = run(new ReluSamplingClaim(config));
    assertThat(r.verdict()).isEqualTo(Verdict.PASS);
    assertThat(r.numbers().get("success_rate.tailored.min")).isEqualTo(1.0);
    assertThat(r.numbers().get("success_rate.random.mean")).isLessThan(0.7);
  }

  /** Depth 0, the unfactorised least-squares model: its Hessian is constant, so flatness ranks nothing. */
  @Test
  void claim12FailsForTheUnfactorisedModel() {
    var config = FlatnessClaim.Config.of(Budget.quickRun(), S).withDepths(0);
    ClaimResult r = run(new FlatnessClaim(config));
    assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(r.numbers().get("spearman.depth0")).isNaN();
    assertThat(r.numbers().get("flattest_nuclear_over_minimum.depth0")).isGreaterThan(1.05);
  }

  @Test
  void unavailableClaimsNeverPassAndSayWhy() {
    ClaimResult r = NotAvailableClaim.of(3, "no power iterate here").evaluate(Map.of());
    assertThat(r.verdict()).isEqualTo(Verdict.NOT_AVAILABLE);
    assertThat(r.criterion()).isEqualTo("not available: no power iterate here");
    assertThat(r.runs()).isEmpty();
  }
}
