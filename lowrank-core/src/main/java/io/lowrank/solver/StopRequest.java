package io.lowrank.solver;

/**
 * A process-wide request to stop: once {@link #request()} was called, every {@link Driver} ends its
 * run before the next step with {@link Termination#INTERRUPTED} (observers still see the last
 * iterate, so a history recorded so far is complete up to that point). The command line requests it
 * on Ctrl-C (SIGINT) or SIGTERM, to write what was computed before exiting; a library user may call
 * it from any thread. It stays set until {@link #clear()}.
 */
public final class StopRequest {
  private static volatile boolean requested;

  private StopRequest() {}

  /** Asks every running and future solve to stop at its next iteration. */
  public static void request() {
    requested = true;
  }

  /** True once {@link #request()} was called (and not cleared). */
  public static boolean isRequested() {
    return requested;
  }

  /** Withdraws the request: solves started afterwards run normally. */
  public static void clear() {
    requested = false;
  }
}
