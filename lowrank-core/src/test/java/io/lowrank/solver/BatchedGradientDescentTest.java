package io.lowrank.solver;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowrank.diagnostics.History;
import io.lowrank.diagnostics.HistoryRecorder;
import io.lowrank.diagnostics.Probes;
import io.lowrank.init.SmallRandomInit;
import io.lowrank.linalg.Mat;
import io.lowrank.model.Problem;
import io.lowrank.operator.SymmetricGaussianSensing;
import io.lowrank.parallel.Parallelism;
import io.lowrank.random.Seeds;
import io.lowrank.solver.BatchIterate;
import io.lowrank.solver.BatchedGradientDescent;
import io.lowrank.solver.Driver;
import io.lowrank.solver.GradientDescent;
import io.lowrank.solver.Iterate;
import io.lowrank.solver.Observer;
import io.lowrank.solver.SolveResult;
import io.lowrank.solver.StepRule;
import io.lowrank.solver.StopRules;
import io.lowrank.solver.Termination;
import io.lowrank.testkit.PlantedProblems;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Batched GD: K members equal K single runs bit for bit; thread counts change nothing. */
class BatchedGradientDescentTest {
  private static final int N = 12;
  private static final int WIDTH = 4;
  private static final int ITERS = 120;
  /** alpha sweep and seeds of U_0 on one problem; the 30.0 member diverges. */
  private static final double[] ALPHAS = {1e-2, 1e-4, 1e-6, 30.0, 1e-3};
  private static final long[] SEEDS = {1, 2, 3, 4, 1};
  /** Member 4 is stopped by its observer once its relative residual falls below this. */
  private static final double STOP_BELOW = 0.5;

  private static Problem problem(Parallelism par) {
    Problem p = PlantedProblems.sensing(N, 2, 2.0, 10 * N * 2 + 3, 0.0, 7);
    SymmetricGaussianSensing op = (SymmetricGaussianSensing) p.operator();
    return Problem.of(op.withParallelism(par), p.y(), p.truth().orElseThrow());
  }

  private static Mat u0(Problem p, int k) {
    return new SmallRandomInit(ALPHAS[k]).initialise(p, WIDTH, Seeds.derive(SEEDS[k], Seeds.Stream.INIT));
  }

  private record Run(History history, SolveResult result) {}

  private static List<Observer> observers(HistoryRecorder rec, int k) {
    List<Observer> list = new ArrayList<>(List.of(rec));
    if (k == 4) {
      list.add(new Observer() {
        private double last = 1;

        @Override
        public void observe(int iteration, Iterate state, long solveNanos) {
          last = Math.sqrt(state.loss() / state.referenceLoss());
        }

        @Override
        public boolean stopRequested() {
          return last < STOP_BELOW;
        }
      });
    }
    return list;
  }

  private static HistoryRecorder recorder(Problem p) {
    return new HistoryRecorder(List.of(Probes.trainLoss(), Probes.testError(p.truth().orElseThrow())));
  }

  private static List<Run> singles(Problem p) {
    List<Run> runs = new ArrayList<>();
    for (int k = 0; k < ALPHAS.length; k++) {
      HistoryRecorder rec = recorder(p);
      Iterate it = GradientDescent.plain(StepRule.defaultRule()).start(p, u0(p, k));
      SolveResult r = new Driver(StopRules.iterations(ITERS), 3).run(it, observers(rec, k));
      runs.add(new Run(rec.history(), r));
    }
    return runs;
  }

  private static List<Run> batched(Problem p) {
    List<Mat> starts = new ArrayList<>();
    List<HistoryRecorder> recs = new ArrayList<>();
    List<List<Observer>> obs = new ArrayList<>();
    for (int k = 0; k < ALPHAS.length; k++) {
      starts.add(u0(p, k));
      HistoryRecorder rec = recorder(p);
      recs.add(rec);
      obs.add(observers(rec, k));
    }
    BatchIterate batch = new BatchedGradientDescent(StepRule.defaultRule()).start(p, starts);
    List<SolveResult> results = new Driver(StopRules.iterations(ITERS), 3).run(batch, obs);
    List<Run> runs = new ArrayList<>();
    for (int k = 0; k < ALPHAS.length; k++) {
      runs.add(new Run(recs.get(k).history(), results.get(k)));
    }
    return runs;
  }

  private static void assertSame(List<Run> actual, List<Run> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int k = 0; k < expected.size(); k++) {
      Run a = actual.get(k);
      Run e = expected.get(k);
      assertThat(a.result().termination()).as("member %d", k).isEqualTo(e.result().termination());
      assertThat(a.result().iterations()).as("member %d", k).isEqualTo(e.result().iterations());
      assertThat(bits(a.result().initialLoss())).as("member %d", k).isEqualTo(bits(e.result().initialLoss()));
      assertThat(bits(a.result().finalLoss())).as("member %d", k).isEqualTo(bits(e.result().finalLoss()));
      for (String column : e.history().columns()) {
        double[] x = a.history().column(column);
        double[] y = e.history().column(column);
        assertThat(x.length).as("member %d, %s", k, column).isEqualTo(y.length);
        for (int i = 0; i < y.length; i++) {
          assertThat(bits(x[i])).as("member %d, %s[%d]", k, column, i).isEqualTo(bits(y[i]));
        }
      }
    }
  }

  private static long bits(double v) {
    return Double.doubleToLongBits(v);
  }

  @Test
  void batchedMembersEqualSingleRunsBitForBit() {
    Problem p = problem(Parallelism.sequential());
    List<Run> single = singles(p);
    // the batch really exercises member drop-out: a divergence, an observer stop, full budgets
    assertThat(single.get(3).result().termination()).isEqualTo(Termination.DIVERGED);
    assertThat(single.get(4).result().termination()).isEqualTo(Termination.EARLY_STOPPED);
    assertThat(single.get(0).result().termination()).isEqualTo(Termination.MAX_ITERATIONS);
    assertSame(batched(p), single);
  }

  @Test
  void historiesAreBitIdenticalForOneTwoAndThreeThreads() {
    List<Run> reference = singles(problem(Parallelism.sequential()));
    List<Run> referenceBatch = batched(problem(Parallelism.sequential()));
    for (int threads : new int[] {2, 3}) {
      try (Parallelism par = Parallelism.threads(threads)) {
        assertSame(singles(problem(par)), reference);
        assertSame(batched(problem(par)), referenceBatch);
      }
    }
  }

  @Test
  void aDifferentMemberIsDetected() {
    Problem p = problem(Parallelism.sequential());
    List<Run> single = singles(p);
    List<Run> shifted = new ArrayList<>(single);
    shifted.set(1, single.get(2));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertSame(batched(p), shifted))
        .isInstanceOf(AssertionError.class);
  }
}
