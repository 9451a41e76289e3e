package io.lowrank.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowrank.diagnostics.HistoryRecorder;
import io.lowrank.diagnostics.Probes;
import io.lowrank.init.FactorPair;
import io.lowrank.init.SmallRandomInit;
import io.lowrank.init.SmallRandomPairInit;
import io.lowrank.linalg.Mat;
import io.lowrank.model.Problem;
import io.lowrank.operator.EntrySampling;
import io.lowrank.testkit.PlantedModels;
import io.lowrank.testkit.PlantedProblems;
import io.lowrank.validation.EarlyStopping;
import io.lowrank.validation.HoldOut;
import io.lowrank.validation.ValidationSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Checkpoints: a run continued from any snapshot its Driver handed out (periodic, interrupted
 * between two recorded iterations, or final) ends bit for bit as the run that was never stopped:
 * factors, loss, iterations, termination, recorded history and early-stopping choice.
 */
class CheckpointTest {
  private static final int EVERY = 40;
  private static final int RECORD = 5;

  @AfterEach
  void clearStop() {
    StopRequest.clear();
  }

  /** Keeps every snapshot in memory and resumes from a given one. */
  private static final class Memory implements Checkpointer {
    final TreeMap<Integer, Snapshot> saved = new TreeMap<>();
    final List<Boolean> finished = new ArrayList<>();
    private final Snapshot from;

    Memory(Snapshot from) {
      this.from = from;
    }

    @Override
    public int every() {
      return EVERY;
    }

    @Override
    public Optional<Snapshot> resume() {
      return Optional.ofNullable(from);
    }

    @Override
    public void save(Snapshot state, int iteration, boolean done) {
      saved.put(iteration, state);
      finished.add(done);
    }
  }

  /** One asymmetric completion run with validation early stopping, its observers and its outcome. */
  private static final class Run {
    final Iterate iterate;
    final HistoryRecorder recorder = new HistoryRecorder(List.of(Probes.trainLoss()));
    final EarlyStopping rule;
    final Memory memory;
    SolveResult result;

    Run(Snapshot from, int stopAt) {
      Problem full = PlantedModels.rectangularCompletion(40, 30, 2, 2.0, 0.4, 0.3, 3);
      EntrySampling op = (EntrySampling) full.operator();
      HoldOut split = HoldOut.split(op.size(), 0.2, 5);
      Problem train = subset(full, op, split.train(), op.samplingRate() * 0.8);
      Problem val = subset(full, op, split.validation(), 1.0);
      rule = new EarlyStopping(new ValidationSet(val.operator(), val.y(), 12), 300, 1e-4);
      FactorPair f = SmallRandomPairInit.balanced(1e-3).initialise(40, 30, 12, 9);
      Iterate gd = AsymmetricGradientDescent.plain(StepRule.defaultRule()).start(train, f.left(), f.right());
      iterate = stopAt < 0 ? gd : stoppingAt(gd, stopAt);
      memory = new Memory(from);
      result = new Driver(StopRules.iterations(4000), RECORD).run(iterate, List.of(recorder, rule, memory));
    }
  }

  private static Problem subset(Problem full, EntrySampling op, int[] idx, double p) {
    int[] rows = new int[idx.length];
    int[] cols = new int[idx.length];
    double[] y = new double[idx.length];
    for (int k = 0; k < idx.length; k++) {
      rows[k] = op.row(idx[k]);
      cols[k] = op.col(idx[k]);
      y[k] = full.y()[idx[k]] * Math.sqrt(op.samplingRate()) / Math.sqrt(p);
    }
    return Problem.ofAsymmetric(EntrySampling.rectangular(op.rows(), op.cols(), rows, cols, p), y, null);
  }

  /** {@code it}, asking every run to stop once it has taken {@code stopAt} steps (between two recorded iterations). */
  private static Iterate stoppingAt(Iterate it, int stopAt) {
    return new Wrapped(it, stopAt);
  }

  private static final class Wrapped implements Iterate, Stateful {
    private final Iterate inner;
    private final int stopAt;
    private int steps;

    Wrapped(Iterate inner, int stopAt) {
      this.inner = inner;
      this.stopAt = stopAt;
    }

    @Override
    public void step() {
      inner.step();
      if (++steps == stopAt) {
        StopRequest.request();
      }
    }

    @Override
    public double loss() {
      return inner.loss();
    }

    @Override
    public double referenceLoss() {
      return inner.referenceLoss();
    }

    @Override
    public Mat factor() {
      return inner.factor();
    }

    @Override
    public Mat rightFactor() {
      return inner.rightFactor();
    }

    @Override
    public double stepSize() {
      return inner.stepSize();
    }

    @Override
    public void saveState(Snapshot out, String prefix) {
      ((Stateful) inner).saveState(out, prefix);
    }

    @Override
    public void restoreState(Snapshot in, String prefix) {
      ((Stateful) inner).restoreState(in, prefix);
    }
  }

  private static void assertSameEnd(Run resumed, Run whole) {
    assertThat(resumed.result.termination()).isEqualTo(whole.result.termination());
    assertThat(resumed.result.iterations()).isEqualTo(whole.result.iterations());
    assertThat(resumed.result.initialLoss()).isEqualTo(whole.result.initialLoss());
    assertThat(resumed.result.finalLoss()).isEqualTo(whole.result.finalLoss());
    assertThat(resumed.iterate.factor().data()).isEqualTo(whole.iterate.factor().data());
    assertThat(resumed.iterate.rightFactor().data()).isEqualTo(whole.iterate.rightFactor().data());
    assertThat(resumed.recorder.history().column("iteration")).isEqualTo(whole.recorder.history().column("iteration"));
    assertThat(resumed.recorder.history().column(io.lowrank.diagnostics.Columns.LOSS)).isEqualTo(whole.recorder.history().column(io.lowrank.diagnostics.Columns.LOSS));
    assertThat(resumed.rule.bestIteration()).isEqualTo(whole.rule.bestIteration());
    assertThat(resumed.rule.bestError()).isEqualTo(whole.rule.bestError());
    assertThat(resumed.rule.errors()).isEqualTo(whole.rule.errors());
    assertThat(resumed.rule.bestLeft().data()).isEqualTo(whole.rule.bestLeft().data());
    assertThat(resumed.rule.bestRight().data()).isEqualTo(whole.rule.bestRight().data());
  }

  @Test
  void resumingAnyPeriodicOrFinalSnapshotEndsAsTheUninterruptedRun() {
    Run whole = new Run(null, -1);
    assertThat(whole.result.termination()).isEqualTo(Termination.EARLY_STOPPED);
    int last = whole.result.iterations();
    assertThat(whole.memory.saved.keySet()).contains(EVERY, 2 * EVERY, last);
    assertThat(whole.memory.saved.headMap(last).keySet()).allMatch(t -> t % EVERY == 0);
    assertThat(whole.memory.finished.get(whole.memory.finished.size() - 1)).isTrue();
    for (int t : List.of(EVERY, 5 * EVERY, whole.memory.saved.lowerKey(last), last)) {
      Run resumed = new Run(whole.memory.saved.get(t), -1);
      assertSameEnd(resumed, whole);
      if (t == last) {
        assertThat(resumed.memory.saved.keySet()).containsExactly(last); // nothing stepped, the end recorded again
      }
    }
  }

  @Test
  void anInterruptedRunLeavesASnapshotThatContinuesIt() {
    Run whole = new Run(null, -1);
    int stopAt = 2 * EVERY + 3; // between two recorded iterations
    Run cut = new Run(null, stopAt);
    assertThat(cut.result.termination()).isEqualTo(Termination.INTERRUPTED);
    assertThat(cut.memory.saved.lastKey()).isEqualTo(stopAt);
    assertThat(cut.memory.finished.get(cut.memory.finished.size() - 1)).isFalse();
    StopRequest.clear();
    Run resumed = new Run(cut.memory.saved.lastEntry().getValue(), -1);
    assertSameEnd(resumed, whole);
  }

  @Test
  void symmetricGradientDescentResumesBitForBit() {
    Problem p = PlantedProblems.sensing(12, 1, 20, 9);
    Driver d = new Driver(StopRules.iterations(300), 10);
    Memory first = new Memory(null);
    Iterate whole = GradientDescent.plain(StepRule.defaultRule()).start(p, SmallRandomInit.draw(12, 4, 1e-3, 1));
    SolveResult a = d.run(whole, List.of(first));
    Iterate again = GradientDescent.plain(StepRule.defaultRule()).start(p, SmallRandomInit.draw(12, 4, 1e-3, 1));
    SolveResult b = d.run(again, List.of(new Memory(first.saved.get(3 * EVERY))));
    assertThat(b.iterations()).isEqualTo(a.iterations()).isEqualTo(300);
    assertThat(b.finalLoss()).isEqualTo(a.finalLoss());
    assertThat(again.factor().data()).isEqualTo(whole.factor().data());
  }

  @Test
  void refusesBatchesIteratesWithoutStateAndSnapshotsOfAnotherShape() {
    Problem p = PlantedProblems.sensing(12, 1, 20, 9);
    Driver d = new Driver(StopRules.iterations(50), 10);
    BatchIterate batch = new BatchedGradientDescent(StepRule.defaultRule())
        .start(p, List.of(SmallRandomInit.draw(12, 2, 1e-3, 1), SmallRandomInit.draw(12, 2, 1e-3, 2)));
    assertThatThrownBy(() -> d.run(batch, List.of(List.of(new Memory(null)), List.of())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("checkpoints are kept for single runs");
    Iterate plain = new Iterate() {
      @Override
      public void step() {}

      @Override
      public double loss() {
        return 1;
      }

      @Override
      public double referenceLoss() {
        return 1;
      }

      @Override
      public Mat factor() {
        return new Mat(1, 1);
      }

      @Override
      public double stepSize() {
        return 1;
      }
    };
    assertThatThrownBy(() -> d.run(plain, List.of(new Memory(null))))
        .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("checkpoints are kept for gradient descent");
    Memory wide = new Memory(null);
    d.run(GradientDescent.plain(StepRule.defaultRule()).start(p, SmallRandomInit.draw(12, 3, 1e-3, 1)), List.of(wide));
    Iterate narrow = GradientDescent.plain(StepRule.defaultRule()).start(p, SmallRandomInit.draw(12, 2, 1e-3, 1));
    assertThatThrownBy(() -> d.run(narrow, List.of(new Memory(wide.saved.firstEntry().getValue()))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is 12 x 3 but this run's is 12 x 2");
  }
}
