package io.lowrank.experiment.run;

import io.lowrank.diagnostics.AsymmetricProbes;
import io.lowrank.diagnostics.Columns;
import io.lowrank.diagnostics.History;
import io.lowrank.diagnostics.HistoryRecorder;
import io.lowrank.diagnostics.Probe;
import io.lowrank.diagnostics.Probes;
import io.lowrank.diagnostics.SignalNoiseProbe;
import io.lowrank.diagnostics.SpectralProbe;
import io.lowrank.experiment.formats.BadInputException;
import io.lowrank.experiment.spec.RecordSpec;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.spec.StopSpec;
import io.lowrank.linalg.Mat;
import io.lowrank.model.AsymmetricGroundTruth;
import io.lowrank.model.GroundTruth;
import io.lowrank.model.Problem;
import io.lowrank.solver.Iterate;
import io.lowrank.solver.Observer;
import io.lowrank.solver.Snapshot;
import io.lowrank.solver.Stateful;
import io.lowrank.validation.EarlyStopping;
import io.lowrank.validation.ValidationSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The observers of one run: the history recorder with the probe set of the spec (docs/math.md,
 * "Diagnostics"), the stop at a target test error, and validation early stopping.
 */
final class Recording {
  /** Singular values of U_t recorded by the spectral probes (at most). */
  static final int TOP_SINGULAR_VALUES = 5;

  private final HistoryRecorder recorder;
  private final List<Observer> observers = new ArrayList<>();
  private final Validation validation;
  private final int rank;

  Recording(RunSpec spec, Workload w, Problem problem) {
    GroundTruth truth = problem.truth().orElse(null);
    AsymmetricGroundTruth asym = problem.asymmetricTruth().orElse(null);
    boolean symmetric = spec.problem().symmetricModel();
    RecordSpec.Probes set = spec.recording().probes();
    this.rank = w.rank().orElseGet(() -> symmetric && set.spectral()
        ? problem.spectrum().estimateRank(spec.width()) : 0);
    if (set.signalNoise() && truth == null) {
      throw new BadInputException("record.probes " + set.id() + " needs a ground truth, which this problem does not "
          + "have (an instance needs X.npy); accepted: basic, standard or spectral");
    }
    if (spec.stop().targetError() != null && truth == null && asym == null) {
      throw new BadInputException("stop.target_error needs a ground truth, which this problem does not have (an "
          + "instance needs X.npy); accepted: drop stop.target_error");
    }
    List<Probe> probes = new ArrayList<>();
    probes.add(Probes.trainLoss());
    if (truth != null) {
      probes.add(Probes.testError(truth));
    } else if (asym != null) {
      probes.add(AsymmetricProbes.testError(asym));
    }
    if (set == RecordSpec.Probes.STANDARD || set == RecordSpec.Probes.ALL) {
      probes.add(symmetric ? Probes.factorNorm() : AsymmetricProbes.imbalance());
    }
    probes.add(Probes.elapsed());
    if (set.signalNoise()) {
      probes.add(new SignalNoiseProbe(truth));
    }
    if (set.spectral()) {
      probes.add(new SpectralProbe(problem.spectrum(), rank, Math.min(spec.width(), TOP_SINGULAR_VALUES)));
    }
    this.recorder = new HistoryRecorder(probes);
    observers.add(recorder);
    if (spec.stop().targetError() != null) {
      observers.add(new StopBelow(recorder.history(), spec.stop().targetError()));
    }
    StopSpec.EarlyStopping es = spec.stop().validation();
    if (es != null) {
      EarlyStopping rule = new EarlyStopping(new ValidationSet(w.validationOperator(), w.validationY(), spec.width()),
          es.patience(), es.minImprovement());
      validation = new Validation(rule, es.halt(), es.every() == spec.recording().every() ? 1 : es.every(),
          w.validationY().length);
      observers.add(validation);
    } else {
      validation = null;
    }
  }

  History history() {
    return recorder.history();
  }

  List<Observer> observers() {
    return observers;
  }

  /** The rank r used by the spectral probes (known, or estimated from the eigen-gap of A*(y)). */
  int rank() {
    return rank;
  }

  /** Makes {@code watcher} hear each validation evaluation (no-op without early stopping). */
  void watch(ValidationWatcher watcher) {
    if (validation != null) {
      validation.watchers.add(watcher);
    }
  }

  /** What early stopping saw, or null. */
  EarlyStop earlyStop() {
    return validation == null ? null : validation.outcome();
  }

  /** Ends a run once the recorded test error is below a target. */
  private static final class StopBelow implements Observer {
    private final History history;
    private final double target;

    StopBelow(History history, double target) {
      this.history = history;
      this.target = target;
    }

    @Override
    public void observe(int iteration, Iterate state, long solveNanos) {}

    @Override
    public boolean stopRequested() {
      return history.size() > 0 && history.last(Columns.TEST_ERROR) < target;
    }
  }

  /**
   * Validation early stopping with its bookkeeping: where patience first ran out and which iterate
   * was chosen then (a copy, when the run goes on with {@code halt: false}). When its cadence is a
   * multiple of the recording cadence it looks only at multiples of its own.
   */
  private static final class Validation implements Observer, Stateful {
    private final EarlyStopping rule;
    private final boolean halt;
    private final int every;
    private final int heldOut;
    private int stopIteration = -1;
    private int chosenIteration = -1;
    private double chosenError = Double.NaN;
    private Factors snapshot;
    private final List<ValidationWatcher> watchers = new ArrayList<>();

    Validation(EarlyStopping rule, boolean halt, int every, int heldOut) {
      this.rule = rule;
      this.halt = halt;
      this.every = every;
      this.heldOut = heldOut;
    }

    @Override
    public void observe(int iteration, Iterate state, long solveNanos) {
      if (iteration % every != 0) {
        return;
      }
      rule.observe(iteration, state, solveNanos);
      for (ValidationWatcher w : watchers) {
        w.validated(iteration, rule.lastError(), rule.bestIteration(), rule.sinceImprovement(), rule.patience());
      }
      if (stopIteration < 0 && rule.stopRequested()) {
        stopIteration = iteration;
        chosenIteration = rule.bestIteration();
        chosenError = rule.bestError();
        if (!halt && rule.bestLeft() != null) {
          snapshot = Factors.copyOf(rule.bestLeft(), rule.bestRight());
        }
      }
    }

    @Override
    public boolean stopRequested() {
      return halt && stopIteration >= 0;
    }

    @Override
    public void saveState(Snapshot out, String prefix) {
      rule.saveState(out, prefix + ".rule");
      out.put(prefix + ".chosen", stopIteration, chosenIteration, chosenError);
      if (snapshot != null) {
        out.putMat(prefix + ".snapshot_left", snapshot.left());
        if (!snapshot.symmetric()) {
          out.putMat(prefix + ".snapshot_right", snapshot.right());
        }
      }
    }

    @Override
    public void restoreState(Snapshot in, String prefix) {
      rule.restoreState(in, prefix + ".rule");
      double[] c = in.get(prefix + ".chosen");
      if (c.length != 3) {
        throw new IllegalArgumentException("the checkpoint's early-stopping choice is inconsistent");
      }
      stopIteration = (int) c[0];
      chosenIteration = (int) c[1];
      chosenError = c[2];
      snapshot = null;
      if (in.has(prefix + ".snapshot_left")) {
        Mat left = in.mat(prefix + ".snapshot_left");
        snapshot = new Factors(left, in.has(prefix + ".snapshot_right") ? in.mat(prefix + ".snapshot_right") : left);
      }
    }

    EarlyStop outcome() {
      Factors best = rule.bestLeft() == null ? null : Factors.copyOf(rule.bestLeft(), rule.bestRight());
      if (stopIteration >= 0) {
        return new EarlyStop(chosenIteration, stopIteration, chosenError, rule.iterations(), rule.errors(),
            halt ? best : snapshot, heldOut);
      }
      return new EarlyStop(rule.bestIteration(), -1, rule.bestError(), rule.iterations(), rule.errors(), best, heldOut);
    }
  }
}
