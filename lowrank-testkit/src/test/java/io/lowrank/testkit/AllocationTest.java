package io.lowrank.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowrank.init.SmallRandomInit;
import io.lowrank.linalg.Mat;
import io.lowrank.model.Problem;
import io.lowrank.solver.BatchIterate;
import io.lowrank.solver.BatchedGradientDescent;
import io.lowrank.solver.GradientDescent;
import io.lowrank.solver.Iterate;
import io.lowrank.solver.StepRule;
import java.lang.management.ManagementFactory;
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
  /** Steps measured after warm-up. */
  private static final int STEPS = 200;
  /**
   * Allowed bytes per step: 0 in principle; 16 bytes absorbs a stray one-off object (e.g. a lazily
   * created lambda) over 200 steps, while one array or Mat per step (>= 16 bytes each) fails.
   */
  private static final double MAX_BYTES_PER_STEP = 16.0 / STEPS;

  /** Makes the deliberate allocation of the control test escape. */
  static volatile Object sink;

  private static final com.sun.management.ThreadMXBean BEAN =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private static long allocated() {
    return BEAN.getCurrentThreadAllocatedBytes();
  }

  /**
   * Warms up in rounds of 500 steps until a round allocates nothing (at most 40 rounds: the vector
   * kernels box their vectors until C2 has compiled them, which takes a few thousand calls), then
   * measures three windows of {@link #STEPS} steps and returns the least bytes per step.
   */
  static double bytesPerStep(Runnable step) {
    for (int round = 0; round < 40; round++) {
      allocated();
      long start = allocated();
      for (int i = 0; i < 500; i++) {
        step.run();
      }
      if (allocated() - start == 0) {
        break;
      }
    }
    // the least of three windows: a one-off allocation (a recompilation, a lazily made object) can
    // land in any one window, while an allocating step allocates in all three
    double least = Double.POSITIVE_INFINITY;
    for (int window = 0; window < 3; window++) {
      allocated();
      long before = allocated();
      for (int i = 0; i < STEPS; i++) {
        step.run();
      }
      least = Math.min(least, (allocated() - before) / (double) STEPS);
    }
    return least;
  }

  private static Problem problem() {
    return PlantedProblems.sensing(10, 2, 2.0, 150, 0.0, 5);
  }

  @Test
  void gradientDescentStepAllocatesNothing() {
    Problem p = problem();
    Iterate it = GradientDescent.plain(StepRule.defaultRule()).start(p, SmallRandomInit.draw(10, 3, 1e-3, 1));
    assertThat(bytesPerStep(it::step)).isLessThanOrEqualTo(MAX_BYTES_PER_STEP);
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
    assertThat(bytesPerStep(() -> batch.step(active))).isLessThanOrEqualTo(MAX_BYTES_PER_STEP);
  }

  @Test
  void theMeasurementSeesAnAllocatingStep() {
    Problem p = problem();
    Iterate it = GradientDescent.plain(StepRule.defaultRule()).start(p, SmallRandomInit.draw(10, 3, 1e-3, 1));
    assertThat(bytesPerStep(() -> {
      it.step();
      sink = new Mat(10, 3); // escapes, so C2 cannot scalar-replace it
    })).isGreaterThan(MAX_BYTES_PER_STEP);
  }
}
