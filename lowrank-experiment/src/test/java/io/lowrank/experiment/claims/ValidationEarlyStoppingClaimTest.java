package io.lowrank.experiment.claims;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Claim 8 passes on its configuration and fails on one built to violate it. */
class ValidationEarlyStoppingClaimTest {
  private static ClaimResult run(ValidationEarlyStoppingClaim claim) {
    return claim.evaluate(new io.lowrank.experiment.run.Runner(2).runAll(claim.runs(),
        io.lowrank.experiment.run.ProgressListener.none()));
  }

  @Test
  void passesOnTheQuickConfiguration() {
    ClaimResult r = run(new ValidationEarlyStoppingClaim(ValidationEarlyStoppingClaim.Config.of(Budget.quickRun(), Setting.standard())));
    assertThat(r.verdict()).as(r.headline()).isEqualTo(Verdict.PASS);
    assertThat(r.numbers().get("median.chosen_over_best")).isLessThanOrEqualTo(1.5);
    assertThat(r.numbers().get("median.chosen_over_final")).isLessThanOrEqualTo(0.5);
  }

  /**
   * A patience of one validation point stops during the slow start from alpha = 1e-6, where the
   * validation error barely moves (relative change ~alpha^2): the chosen iterate is near U = 0
   * (test error ~1), ten times the best along the path.
   */
  @Test
  void failsWhenThePatienceEndsTheRunDuringTheInitialPhase() {
    var config = new ValidationEarlyStoppingClaim.Config(40, 2, 5, 0.01, 1e-6, 600, 10, 10, 0.1, new long[] {1, 2},
        1.5, 0.5, Setting.standard());
    ClaimResult r = run(new ValidationEarlyStoppingClaim(config));
    assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(r.numbers().get("median.chosen_over_best")).isGreaterThan(1.5);
  }

  /** A horizon that ends before overfitting sets in: the final iterate is not worse than the chosen one. */
  @Test
  void failsWhenTheHorizonNeverReachesTheOverfitRegime() {
    var config = new ValidationEarlyStoppingClaim.Config(40, 2, 5, 0.01, 1e-3, 150, 10, 300, 0.1, new long[] {1, 2},
        1.5, 0.5, Setting.standard());
    ClaimResult r = run(new ValidationEarlyStoppingClaim(config));
    assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
  }
}
