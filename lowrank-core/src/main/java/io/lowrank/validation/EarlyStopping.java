package io.lowrank.validation;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Mat;
import io.lowrank.solver.Iterate;
import io.lowrank.solver.Observer;
import io.lowrank.solver.Snapshot;
import io.lowrank.solver.Stateful;
import java.util.Arrays;

/**
 * Validation early stopping (docs/math.md §9) as an {@link Observer}: at the recording cadence it
 * evaluates the validation error of the iterate, keeps a copy of the iterate with the smallest
 * error seen so far, and asks the {@link io.lowrank.solver.Driver} to stop (EARLY_STOPPED) once the
 * error has not improved by a relative {@code minRelativeImprovement} for {@code patience}
 * iterations. The chosen iterate is {@link #bestLeft()}/{@link #bestRight()}, not the last one.
 */
public final class EarlyStopping implements Observer, Stateful {
  /** Relative decrease that counts as progress for the patience window (the best copy takes any decrease). */
  public static final double DEFAULT_MIN_RELATIVE_IMPROVEMENT = 1e-4;

  private final ValidationSet validation;
  private final int patience;
  private final double minRelativeImprovement;
  private Mat bestLeft;
  private Mat bestRight;
  private boolean symmetric;
  private double best = Double.POSITIVE_INFINITY;
  private int bestIteration = -1;
  private double reference = Double.POSITIVE_INFINITY;
  private int referenceIteration = -1;
  private int lastIteration = -1;
  private double[] iterations = new double[64];
  private double[] errors = new double[64];
  private int size;

  /**
   * @param validation the held-out data
   * @param patience stop after this many iterations without progress, >= 1
   * @param minRelativeImprovement progress means a validation error below (1 - this) times the
   *     last progress value; in [0, 1)
   */
  public EarlyStopping(ValidationSet validation, int patience, double minRelativeImprovement) {
    this.validation = java.util.Objects.requireNonNull(validation, "validation");
    this.patience = Check.positive(patience, "patience");
    this.minRelativeImprovement = Check.inRange(minRelativeImprovement, 0.0, 0.999, "minimum relative improvement");
  }

  @Override
  public void observe(int iteration, Iterate state, long solveNanos) {
    Mat l = state.factor();
    Mat r = state.rightFactor();
    double e = validation.meanSquaredError(l, r);
    record(iteration, e);
    lastIteration = iteration;
    if (!Double.isFinite(e)) {
      return;
    }
    if (e < best) {
      if (bestLeft == null) {
        symmetric = l == r;
        bestLeft = l.copy();
        bestRight = symmetric ? bestLeft : r.copy();
      } else {
        bestLeft.copyFrom(l);
        if (!symmetric) {
          bestRight.copyFrom(r);
        }
      }
      best = e;
      bestIteration = iteration;
    }
    if (e < reference * (1 - minRelativeImprovement)) {
      reference = e;
      referenceIteration = iteration;
    }
  }

  @Override
  public boolean stopRequested() {
    return referenceIteration >= 0 && lastIteration - referenceIteration >= patience;
  }

  private void record(int iteration, double e) {
    if (size == errors.length) {
      iterations = Arrays.copyOf(iterations, 2 * size);
      errors = Arrays.copyOf(errors, 2 * size);
    }
    iterations[size] = iteration;
    errors[size] = e;
    size++;
  }

  /** Saves every observation, the best copy and the patience bookkeeping. */
  @Override
  public void saveState(Snapshot out, String prefix) {
    out.put(prefix + ".best", best, bestIteration, reference, referenceIteration, lastIteration);
    out.put(prefix + ".iterations", iterations());
    out.put(prefix + ".errors", errors());
    if (bestLeft != null) {
      out.putMat(prefix + ".best_left", bestLeft);
      if (!symmetric) {
        out.putMat(prefix + ".best_right", bestRight);
      }
    }
  }

  /** Restores what {@link #saveState} saved. */
  @Override
  public void restoreState(Snapshot in, String prefix) {
    double[] b = in.get(prefix + ".best");
    double[] its = in.get(prefix + ".iterations");
    double[] errs = in.get(prefix + ".errors");
    if (b.length != 5 || its.length != errs.length) {
      throw new IllegalArgumentException("the checkpoint's early-stopping state is inconsistent");
    }
    best = b[0];
    bestIteration = (int) b[1];
    reference = b[2];
    referenceIteration = (int) b[3];
    lastIteration = (int) b[4];
    size = its.length;
    iterations = Arrays.copyOf(its, Math.max(64, size));
    errors = Arrays.copyOf(errs, Math.max(64, size));
    if (in.has(prefix + ".best_left")) {
      bestLeft = in.mat(prefix + ".best_left");
      symmetric = !in.has(prefix + ".best_right");
      bestRight = symmetric ? bestLeft : in.mat(prefix + ".best_right");
    } else {
      bestLeft = null;
      bestRight = null;
    }
  }

  /** The patience, in iterations. */
  public int patience() {
    return patience;
  }

  /** Iterations since the last improvement by the minimum relative improvement (0 before any finite error). */
  public int sinceImprovement() {
    return referenceIteration < 0 ? 0 : lastIteration - referenceIteration;
  }

  /** The last validation mean squared error measured, or NaN before any. */
  public double lastError() {
    return size == 0 ? Double.NaN : errors[size - 1];
  }

  /** The iteration of the chosen (smallest validation error) iterate, or -1 before any observation. */
  public int bestIteration() {
    return bestIteration;
  }

  /** The smallest validation mean squared error seen. */
  public double bestError() {
    return best;
  }

  /** L (or U) of the chosen iterate (a copy owned by this observer; do not modify). */
  public Mat bestLeft() {
    return bestLeft;
  }

  /** R of the chosen iterate (the same matrix as {@link #bestLeft()} for symmetric models). */
  public Mat bestRight() {
    return bestRight;
  }

  /** The observed iterations (a copy). */
  public double[] iterations() {
    return Arrays.copyOf(iterations, size);
  }

  /** The validation mean squared error at each observed iteration (a copy). */
  public double[] errors() {
    return Arrays.copyOf(errors, size);
  }
}
