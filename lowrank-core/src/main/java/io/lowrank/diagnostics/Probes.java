package io.lowrank.diagnostics;

import io.lowrank.linalg.Decompositions;
import io.lowrank.model.GroundTruth;
import io.lowrank.solver.Iterate;
import java.util.List;

/** The basic metrics of every run (docs/math.md §7): loss, test error, ||U||, time. */
public final class Probes {
  private Probes() {}

  /** Columns {@code loss} f(U_t) and {@code relative_residual} ||A(UU^T) - y|| / ||y||. */
  public static Probe trainLoss() {
    return new Probe() {
      @Override
      public List<String> columns() {
        return List.of(Columns.LOSS, Columns.RELATIVE_RESIDUAL);
      }

      @Override
      public void measure(int iteration, Iterate state, long solveNanos, double[] out, int offset) {
        out[offset] = state.loss();
        out[offset + 1] = Math.sqrt(state.loss() / state.referenceLoss());
      }
    };
  }

  /** Column {@code test_error}: ||U U^T - M*||_F / ||M*||_F. */
  public static Probe testError(GroundTruth truth) {
    TestError error = new TestError(truth);
    return new Probe() {
      @Override
      public List<String> columns() {
        return List.of(Columns.TEST_ERROR);
      }

      @Override
      public void measure(int iteration, Iterate state, long solveNanos, double[] out, int offset) {
        out[offset] = error.of(state.factor());
      }
    };
  }

  /** Column {@code norm_u}: the spectral norm ||U_t||. */
  public static Probe factorNorm() {
    return new Probe() {
      @Override
      public List<String> columns() {
        return List.of(Columns.NORM_U);
      }

      @Override
      public void measure(int iteration, Iterate state, long solveNanos, double[] out, int offset) {
        out[offset] = Decompositions.singularValues(state.factor())[0];
      }
    };
  }

  /** Column {@code elapsed_s}: solve time so far in seconds (observers excluded). */
  public static Probe elapsed() {
    return new Probe() {
      @Override
      public List<String> columns() {
        return List.of(Columns.ELAPSED_S);
      }

      @Override
      public void measure(int iteration, Iterate state, long solveNanos, double[] out, int offset) {
        out[offset] = solveNanos * 1e-9;
      }
    };
  }

  /** The standard set: loss, relative residual, test error (when truth is known), ||U||, time. */
  public static List<Probe> standard(GroundTruth truthOrNull) {
    return truthOrNull == null
        ? List.of(trainLoss(), factorNorm(), elapsed())
        : List.of(trainLoss(), testError(truthOrNull), factorNorm(), elapsed());
  }
}
