package io.lowrank.experiment.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowrank.experiment.figure.Figure;
import io.lowrank.model.Spacing;
import io.lowrank.solver.Termination;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTest {
  private static CompareSpec spec(List<CompareMethod> methods) {
    return new CompareSpec(12, 1, 240, new double[] {1, 10}, new double[] {0, 0.01}, new int[] {1, 2}, 3, 1e-6, 0.1, 3,
        300, 1e-4, 1e-12, null, 1, methods, Spacing.GEOMETRIC);
  }

  /** Runs are seeded and single-threaded: everything but timings is the same on 1 or 3 threads. */
  @Test
  void resultsDoNotDependOnTheThreadCount() {
    CompareSpec s = spec(List.of(CompareMethod.values()));
    Comparison.Outcome a = Comparison.run(s, 1, Comparison.Listener.none());
    Comparison.Outcome b = Comparison.run(s, 3, Comparison.Listener.none());
    assertThat(a.runs()).hasSize(Comparison.countRuns(s));
    for (int i = 0; i < a.runs().size(); i++) {
      CompareRun x = a.runs().get(i);
      CompareRun y = b.runs().get(i);
      assertThat(y.id()).isEqualTo(x.id());
      assertThat(y.iterations()).isEqualTo(x.iterations());
      assertThat(y.iterationsToEps()).isEqualTo(x.iterationsToEps());
      assertThat(y.history().column("test_error")).isEqualTo(x.history().column("test_error"));
    }
  }

  /** The plan: the convex baseline once per configuration, exact ScaledGD only at r' = r. */
  @Test
  void tasksFollowTheTableOrderAndTheMethodsWidths() {
    CompareSpec s = spec(List.of(CompareMethod.SCALED_GD, CompareMethod.NUCLEAR, CompareMethod.PREC_GD));
    Comparison.Outcome o = Comparison.run(s, 2, Comparison.Listener.none());
    // per (noise, kappa): ScaledGD at r' = 1, nuclear once, PrecGD at 1 and 2
    assertThat(o.runs()).hasSize(2 * 2 * 4);
    assertThat(o.runs().subList(0, 4)).extracting(CompareRun::id)
        .containsExactly("k1_s0_w1_scaledgd", "k1_s0_nuclear", "k1_s0_w1_precgd", "k1_s0_w2_precgd");
    assertThat(o.runs()).allMatch(r -> r.termination() != Termination.DIVERGED);
    List<Figure> figures = CompareFigures.of(o);
    assertThat(figures).extracting(Figure::id).containsExactly("compare-iterations-s0", "compare-time-s0",
        "compare-hitting-s0", "compare-iterations-s0p01", "compare-time-s0p01", "compare-hitting-s0p01");
    for (Figure f : figures) {
      assertThat(f.id()).matches("[A-Za-z][A-Za-z0-9_-]*");
      f.panels().forEach(p -> assertThat(p.id()).matches("[A-Za-z][A-Za-z0-9_-]*"));
    }
    assertThat(figures.get(0).panels()).hasSize(4);
  }

  /** Changing kappa keeps the measurements: the operator is drawn once, the truth's basis per seed. */
  @Test
  void noiseFreeRunsReachEpsAndNoisyOnesStopAtTheNoiseLevel() {
    CompareSpec s = spec(List.of(CompareMethod.PREC_GD));
    Comparison.Outcome o = Comparison.run(s, 2, Comparison.Listener.none());
    for (CompareRun r : o.runs()) {
      if (r.noise() == 0) {
        assertThat(r.reached()).as(r.id()).isTrue();
      } else {
        assertThat(r.finalError()).as(r.id()).isGreaterThan(1e-4);
      }
    }
  }
}
