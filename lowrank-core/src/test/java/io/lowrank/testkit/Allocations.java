package io.lowrank.testkit;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated per step of a hot loop, measured with the thread allocation counter of
 * {@code com.sun.management.ThreadMXBean}: the basis of every "a step allocates nothing" test.
 */
public final class Allocations {
  /** Steps per measured window. */
  public static final int STEPS = 200;
  /**
   * Allowed bytes per step: 0 in principle; 16 bytes absorbs a stray one-off object (e.g. a lazily
   * created lambda) over {@link #STEPS} steps, while one array or Mat per step (>= 16 bytes each) fails.
   */
  public static final double MAX_BYTES_PER_STEP = 16.0 / STEPS;

  private static final com.sun.management.ThreadMXBean BEAN =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private Allocations() {}

  private static long allocated() {
    return BEAN.getCurrentThreadAllocatedBytes();
  }

  /**
   * Warms up in rounds of 500 steps until a round allocates nothing (for at least 40 rounds' worth
   * and up to 20 s: the vector kernels box their vectors until C2 has compiled them, which takes a
   * few thousand calls, and longer when a busy machine delays the compiler threads), then
   * measures three windows of {@link #STEPS} steps and returns the least bytes per step: a one-off
   * allocation (a recompilation, a lazily made object) can land in any one window, while an
   * allocating step allocates in all three.
   */
  public static double bytesPerStep(Runnable step) {
    long deadline = System.nanoTime() + 20_000_000_000L;
    for (int round = 0; round < 40 || System.nanoTime() < deadline; round++) {
      allocated();
      long start = allocated();
      for (int i = 0; i < 500; i++) {
        step.run();
      }
      if (allocated() - start == 0) {
        break;
      }
    }
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
}
