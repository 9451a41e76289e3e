package io.lowrank.experiment.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowrank.diagnostics.PhaseThresholds;
import io.lowrank.experiment.run.ProgressListener;
import io.lowrank.experiment.run.RunResult;
import io.lowrank.experiment.run.Runner;
import io.lowrank.experiment.run.Workloads;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.solver.Method;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Claim 7 must be able to fail; its passing configuration is exercised by reproduce --quick. */
class OverparameterisationPriceClaimTest {

  private static ClaimResult run(OverparameterisationPriceClaim.Config config) {
    OverparameterisationPriceClaim claim = new OverparameterisationPriceClaim(config);
    Map<RunSpec, RunResult> results = new Runner(2, PhaseThresholds.defaults(), new Workloads()).runAll(claim.runs(),
        ProgressListener.none());
    return claim.evaluate(results);
  }

  /**
   * Built to violate both parts: Part A from a tiny start (alpha = 1e-12), where overparameterised GD
   * never leaves its spare directions large enough to be stuck, and Part B from alpha = 1e-3, where
   * ScaledGD(lambda)'s floor (~alpha) lies above the 1e-8 target.
   */
  @Test
  void failsWhenTheScalesAreSwapped() {
    var config = new OverparameterisationPriceClaim.Config(20, 1e-12, 600, 1e-3, 300, new double[] {1, 10, 100}, 1e-8,
        new long[] {1}, 1e-13, 1e-8, 0.5, 0.98, 3.0, 10.0, Setting.standard());
    ClaimResult r = run(config);
    assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(r.numbers().get("A.gd_wide.final_error")).isLessThan(1e-8);
    assertThat(r.numbers().get("B.scaledgd-lambda.kappa1.iterations_to_target")).isNaN();
    assertThat(r.numbers().get("B.precgd.iteration_spread")).isLessThan(3.0);
  }

  @Test
  void spreadIsInfiniteWhenATargetIsNeverReached() {
    assertThat(OverparameterisationPriceClaim.spread(new double[] {100, 200})).isEqualTo(2.0);
    assertThat(OverparameterisationPriceClaim.spread(new double[] {100, Double.NaN})).isInfinite();
  }

  @Test
  void solverRunsAreTaggedWithTheirMethod() {
    RunSpec gd = Setting.standard().gd(10, 4, 1e-3, 100, 1, false, 0.0);
    assertThat(gd.methodName()).isEqualTo(Method.GD);
    assertThat(gd.id()).startsWith("goe-gd-");
    RunSpec prec = gd.withMethod(OverparameterisationPriceClaim.method(Method.PREC_GD));
    assertThat(prec.id()).startsWith("goe-precgd-");
    assertThat(prec.methodName()).isEqualTo(Method.PREC_GD);
    assertThat(prec.id()).isNotEqualTo(gd.id());
  }
}
