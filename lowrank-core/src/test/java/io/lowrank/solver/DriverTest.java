package io.lowrank.solver;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowrank.diagnostics.Columns;
import io.lowrank.diagnostics.HistoryRecorder;
import io.lowrank.diagnostics.Probes;
import io.lowrank.init.SmallRandomInit;
import io.lowrank.linalg.Mat;
import io.lowrank.model.Problem;
import io.lowrank.solver.Driver;
import io.lowrank.solver.GradientDescent;
import io.lowrank.solver.Iterate;
import io.lowrank.solver.Observer;
import io.lowrank.solver.SolveResult;
import io.lowrank.solver.StepRule;
import io.lowrank.solver.StopRules;
import io.lowrank.solver.Termination;
import io.lowrank.testkit.PlantedProblems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriverTest {
  private final Problem problem = PlantedProblems.sensing(12, 1, 20, 9);

  private Iterate start() {
    return GradientDescent.plain(StepRule.defaultRule()).start(problem, SmallRandomInit.draw(12, 1, 1e-3, 1));
  }

  /** A fake method whose loss follows a prescribed sequence. */
  private static Iterate scripted(double... losses) {
    return new Iterate() {
      int t;

      @Override
      public void step() {
        t++;
      }

      @Override
      public double loss() {
        return losses[Math.min(t, losses.length - 1)];
      }

      @Override
      public double referenceLoss() {
        return 1.0;
      }

      @Override
      public Mat factor() {
        return new Mat(1, 1);
      }

      @Override
      public double stepSize() {
        return 1.0;
      }
    };
  }

  @Test
  void observersSeeIterationZeroTheCadenceAndTheLastIteration() {
    List<Integer> seen = new ArrayList<>();
    Observer o = (t, s, nanos) -> seen.add(t);
    new Driver(StopRules.iterations(23), 5).run(start(), List.of(o));
    assertThat(seen).containsExactly(0, 5, 10, 15, 20, 23);
  }

  @Test
  void convergesWhenTheRelativeResidualReachesTheTolerance() {
    SolveResult r = new Driver(StopRules.iterations(100).withTolerance(1e-2), 1).run(scripted(1, 0.5, 1e-3, 1e-5), List.of());
    assertThat(r.termination()).isEqualTo(Termination.CONVERGED);
    assertThat(r.iterations()).isEqualTo(3); // sqrt(1e-5) <= 1e-2 < sqrt(1e-3)
  }

  @Test
  void detectsNonFiniteAndExplodingLosses() {
    SolveResult nan = new Driver(StopRules.iterations(100), 1).run(scripted(1, 2, Double.NaN), List.of());
    assertThat(nan.termination()).isEqualTo(Termination.DIVERGED);
    assertThat(nan.iterations()).isEqualTo(2);
    assertThat(nan.detail()).contains("non-finite");
    SolveResult big = new Driver(StopRules.iterations(100), 1).run(scripted(1, 1e7, 2e8), List.of());
    assertThat(big.termination()).isEqualTo(Termination.DIVERGED);
    assertThat(big.iterations()).isEqualTo(2);
  }

  @Test
  void stallsWhenTheLossStopsChanging() {
    SolveResult r = new Driver(StopRules.iterations(100).withStall(3, 1e-9), 1).run(scripted(4, 3, 2, 1, 1, 1, 1, 1), List.of());
    assertThat(r.termination()).isEqualTo(Termination.STALLED);
    assertThat(r.iterations()).isEqualTo(6);
  }

  @Test
  void stopsAtTheTimeLimit() {
    SolveResult r = new Driver(StopRules.iterations(Integer.MAX_VALUE - 1).withTimeLimit(Duration.ofMillis(50)), 1000)
        .run(start(), List.of());
    assertThat(r.termination()).isEqualTo(Termination.TIME_LIMIT);
    assertThat(r.solveNanos()).isGreaterThanOrEqualTo(50_000_000L);
  }

  @Test
  void observersCanStopTheRunEarly() {
    Observer stopAt7 = new Observer() {
      int last;

      @Override
      public void observe(int t, Iterate s, long nanos) {
        last = t;
      }

      @Override
      public boolean stopRequested() {
        return last >= 7;
      }
    };
    SolveResult r = new Driver(StopRules.iterations(100), 1).run(start(), List.of(stopAt7));
    assertThat(r.termination()).isEqualTo(Termination.EARLY_STOPPED);
    assertThat(r.iterations()).isEqualTo(7);
  }

  @Test
  void recordsAHistoryWithFiniteMetricsAndAMedianStepTime() {
    HistoryRecorder rec = new HistoryRecorder(Probes.standard(problem.truth().orElseThrow()));
    SolveResult r = new Driver(StopRules.iterations(30), 10).run(start(), List.of(rec));
    assertThat(rec.history().size()).isEqualTo(4);
    assertThat(rec.history().columns()).containsExactly("iteration", "loss", "relative_residual", "test_error", "norm_u", "elapsed_s");
    assertThat(rec.history().column(Columns.ELAPSED_S)).isSorted();
    assertThat(r.medianStepNanos()).isPositive();
  }
}
