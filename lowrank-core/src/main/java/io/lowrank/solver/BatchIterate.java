package io.lowrank.solver;

/**
 * Several trajectories that advance together, one {@link #step(boolean[])} for all of them (for
 * example K gradient-descent runs sharing one measurement operator, evaluated in one pass over it).
 * The {@link Driver} runs a batch like a single {@link Iterate}, keeping iteration counts, stop
 * rules, divergence checks and observers per member: a member that stops (converged, diverged,
 * stopped by its observers, out of iterations) is left out of later steps while the others go on.
 */
public interface BatchIterate {

  /** The number of members K. */
  int size();

  /**
   * Member k as a read-only view (loss, factor, step size at its current iterate). Its
   * {@link Iterate#step()} is not used: members advance through {@link #step(boolean[])}.
   */
  Iterate member(int k);

  /**
   * Advances every member k with {@code active[k]} by one iteration and leaves the others
   * untouched. Each member's new iterate must not depend on which other members are active.
   * Allocates nothing.
   */
  void step(boolean[] active);

  /** A batch of one ordinary iterate. */
  static BatchIterate of(Iterate iterate) {
    java.util.Objects.requireNonNull(iterate, "iterate");
    return new BatchIterate() {
      @Override
      public int size() {
        return 1;
      }

      @Override
      public Iterate member(int k) {
        if (k != 0) {
          throw new IndexOutOfBoundsException("member " + k + " of a batch of 1");
        }
        return iterate;
      }

      @Override
      public void step(boolean[] active) {
        if (active[0]) {
          iterate.step();
        }
      }
    };
  }
}
