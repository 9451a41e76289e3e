package io.lowrank.solver;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowrank.init.SmallRandomInit;
import io.lowrank.linalg.Mat;
import io.lowrank.model.Problem;
import io.lowrank.solver.BatchIterate;
import io.lowrank.solver.BatchedGradientDescent;
import io.lowrank.solver.GradientDescent;
import io.lowrank.solver.Iterate;
import io.lowrank.solver.StepRule;
import io.lowrank.testkit.Allocations;
import io.lowrank.testkit.PlantedProblems;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A GD step allocates nothing (ARCHITECTURE.md: solvers allocate in start, never in step). Measured
 * with the per-thread allocation counter of HotSpot's ThreadMXBean after a warm-up that lets C2
 * compile the step (before that, one-off class loading and, with the jdk.incubator.vector kernels,
 * boxed vectors in interpreted code allocate).
 */
class AllocationTest {

  /** Makes the deliberate allocation of the control test escape. */
  static volatile Object sink;

  static double bytesPerStep(Runnable step) {
    return Allocations.bytesPerStep(step);
  }

  private static Problem problem() {
    return PlantedProblems.sensing(10, 2, 2.0, 150, 0.0, 5);
  }

  @Test
  void gradientDescentStepAllocatesNothing() {
    Problem p = problem();
    Iterate it = GradientDescent.plain(StepRule.defaultRule()).start(p, SmallRandomInit.draw(10, 3, 1e-3, 1));
    assertThat(bytesPerStep(it::step)).isLessThanOrEqualTo(Allocations.MAX_BYTES_PER_STEP);
  }

  @Test
  void batchedStepAllocatesNothing() {
    Problem p = problem();
    List<Mat> starts = new ArrayList<>();
    for (int k = 0; k < 6; k++) {
      starts.add(SmallRandomInit.draw(10, 3, 1e-3, k));
    }
    BatchIterate batch = new BatchedGradientDescent(StepRule.defaultRule()).start(p, starts);
    boolean[] active = {true, false, true, true, true, true}; // 5 active: a group of 4 and a single
    assertThat(bytesPerStep(() -> batch.step(active))).isLessThanOrEqualTo(Allocations.MAX_BYTES_PER_STEP);
  }

  @Test
  void theMeasurementSeesAnAllocatingStep() {
    Problem p = problem();
    Iterate it = GradientDescent.plain(StepRule.defaultRule()).start(p, SmallRandomInit.draw(10, 3, 1e-3, 1));
    assertThat(bytesPerStep(() -> {
      it.step();
      sink = new Mat(10, 3); // escapes, so C2 cannot scalar-replace it
    })).isGreaterThan(Allocations.MAX_BYTES_PER_STEP);
  }
}
