package io.lowrank.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowrank.init.SmallRandomInit;
import io.lowrank.model.Problem;
import io.lowrank.random.Seeds;
import io.lowrank.solver.Driver;
import io.lowrank.solver.GradientDescent;
import io.lowrank.solver.StepRule;
import io.lowrank.solver.StopRules;
import io.lowrank.testkit.PlantedProblems;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The incremental-learning stages on a synthetic trace and on planted GD runs. */
class StageDetectorTest {

  /** Singular values that reach their halves at known iterations; loss flat in between. */
  @Test
  void findsKnownStagesAndPlateaus() {
    History h = new History(List.of(Columns.LOSS, Columns.singularValue(1), Columns.singularValue(2)));
    for (int t = 0; t <= 100; t += 2) {
      double s1 = t >= 10 ? 1.0 : 1e-3;
      double s2 = t >= 60 ? Math.sqrt(0.1) : 1e-3;
      double loss = t < 10 ? 1.0 : t < 60 ? 0.01 : 1e-6;
      h.append(new double[] {t, loss, s1, s2});
    }
    Stages s = StageDetector.defaults().detect(h, new double[] {1.0, 0.1});
    assertThat(s.times()).containsExactly(10, 60);
    assertThat(s.ordered()).isTrue();
    assertThat(s.gaps()).containsExactly(50.0);
    assertThat(s.plateaus()).containsExactly(new Stages.Plateau(1, 10, 58, 0.01));
    Stages missing = StageDetector.defaults().detect(h, new double[] {1.0, 10.0});
    assertThat(missing.times()).containsExactly(10, -1);
    assertThat(missing.ordered()).isFalse();
    assertThat(missing.gaps()[0]).isNaN();
  }

  static Stages run(double kappa, double alpha, int iterations) {
    Problem p = PlantedProblems.sensing(30, 3, kappa, 10 * 30 * 3, 0.0, 1);
    HistoryRecorder rec = new HistoryRecorder(List.of(Probes.trainLoss(), new SpectralProbe(p.spectrum(), 3, 3)));
    var it = GradientDescent.plain(StepRule.defaultRule())
        .start(p, new SmallRandomInit(alpha).initialise(p, 30, Seeds.derive(1, Seeds.Stream.INIT)));
    new Driver(StopRules.iterations(iterations), 10).run(it, List.of(rec));
    return StageDetector.defaults().groundTruth(rec.history(), p.truth().orElseThrow());
  }

  /**
   * κ = 1000, r = 3 (eigenvalues 1, 1/√1000, 1/1000), α = 1e-3: three stages, ordered (predicted
   * t ≈ 25, 610, 12400), each gap far longer than the one before (the spectrum predicts a ratio of
   * about 32); κ = 1: the stages coincide (within one recording interval of 10 iterations).
   */
  @Test
  void plantedIllConditionedRunHasThreeOrderedStagesAndWellConditionedNone() {
    Stages ill = run(1000, 1e-3, 16_000);
    assertThat(ill.ordered()).as("t = %s", java.util.Arrays.toString(ill.times())).isTrue();
    double[] g = ill.gaps();
    assertThat(g[1] / g[0]).as("gap ratio").isGreaterThan(10);
    assertThat(ill.plateaus()).hasSize(2);
    Stages flat = run(1, 1e-6, 400);
    List<Integer> t = new ArrayList<>();
    for (int v : flat.times()) {
      t.add(v);
    }
    assertThat(t).doesNotContain(-1);
    assertThat(java.util.Collections.max(t) - java.util.Collections.min(t)).as("spread of the stage times at κ = 1")
        .isLessThanOrEqualTo(10);
  }
}
