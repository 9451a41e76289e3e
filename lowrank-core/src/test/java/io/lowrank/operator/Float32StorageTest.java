package io.lowrank.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowrank.diagnostics.Columns;
import io.lowrank.diagnostics.History;
import io.lowrank.diagnostics.HistoryRecorder;
import io.lowrank.diagnostics.Probes;
import io.lowrank.init.SmallRandomInit;
import io.lowrank.model.GroundTruth;
import io.lowrank.model.GroundTruthSpec;
import io.lowrank.model.Problem;
import io.lowrank.operator.Precision;
import io.lowrank.operator.SymmetricGaussianSensing;
import io.lowrank.random.Seeds;
import io.lowrank.solver.Driver;
import io.lowrank.solver.GradientDescent;
import io.lowrank.solver.StepRule;
import io.lowrank.solver.StopRules;
import io.lowrank.testkit.Tol;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recovery with float32 storage of the measurements equals float64 recovery (docs/math.md §10 defaults). */
class Float32StorageTest {

  private static double finalTestError(Precision precision) {
    long seed = 3;
    GroundTruth truth = GroundTruth.generate(GroundTruthSpec.of(40, 2, 2.0), Seeds.derive(seed, Seeds.Stream.TRUTH));
    SymmetricGaussianSensing op = SymmetricGaussianSensing.generate(40, 1600, Seeds.derive(seed, Seeds.Stream.OPERATOR),
        precision);
    Problem p = Problem.sense(op, truth, 0.0, Seeds.derive(seed, Seeds.Stream.NOISE));
    HistoryRecorder rec = new HistoryRecorder(List.of(Probes.testError(truth)));
    var it = GradientDescent.plain(StepRule.defaultRule())
        .start(p, new SmallRandomInit(1e-6).initialise(p, 40, Seeds.derive(seed, Seeds.Stream.INIT)));
    new Driver(StopRules.iterations(600), 600).run(it, List.of(rec));
    History h = rec.history();
    return h.last(Columns.TEST_ERROR);
  }

  @Test
  void float32RecoveryMatchesFloat64() {
    double e64 = finalTestError(Precision.FLOAT64);
    double e32 = finalTestError(Precision.FLOAT32);
    assertThat(e64).isLessThan(Tol.RECOVERY_SMALL_INIT);
    assertThat(e32).isLessThan(Tol.RECOVERY_SMALL_INIT);
    assertThat(Math.abs(e32 - e64) / e64).as("float64 %s, float32 %s", e64, e32).isLessThan(Tol.FLOAT32_RECOVERY);
  }
}
