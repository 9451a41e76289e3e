package io.lowrank.experiment.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowrank.diagnostics.Columns;
import io.lowrank.experiment.figure.Figure;
import io.lowrank.experiment.run.ProgressListener;
import io.lowrank.experiment.spec.ProblemSpec;
import io.lowrank.experiment.spec.RecordSpec;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.spec.StopSpec;
import io.lowrank.solver.Method;
import io.lowrank.solver.Termination;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTest {
  private static Comparison.Plan spec(List<Variant> methods) {
    RunSpec base = new RunSpec(new ProblemSpec.Goe(12, 1, null, null, 240, null, null), null, null,
        new StopSpec(300, 1e-12, null, null, null), new RecordSpec(1, RecordSpec.Probes.BASIC), null, 3L, null, null);
    return new Comparison.Plan(base, List.of(1.0, 10.0), List.of(0.0, 0.01), List.of(1, 2), methods, 1e-6, 0.1, 3, 1e-4, null);
  }

  private static Variant v(Method m, boolean spectral) {
    return new Variant(m, spectral);
  }

  /** Runs are seeded and single-threaded: everything but timings is the same on 1 or 3 threads. */
  @Test
  void resultsDoNotDependOnTheThreadCount() {
    Comparison.Plan s = spec(Variant.defaults(true));
    Comparison.Outcome a = Comparison.run(s, 1, ProgressListener.none());
    Comparison.Outcome b = Comparison.run(s, 3, ProgressListener.none());
    assertThat(a.runs()).hasSize(Comparison.countRuns(s));
    for (int i = 0; i < a.runs().size(); i++) {
      CompareRun x = a.runs().get(i);
      CompareRun y = b.runs().get(i);
      assertThat(y.id()).isEqualTo(x.id());
      assertThat(y.iterations()).isEqualTo(x.iterations());
      assertThat(y.iterationsToEps()).isEqualTo(x.iterationsToEps());
      assertThat(y.history().column(Columns.TEST_ERROR)).isEqualTo(x.history().column(Columns.TEST_ERROR));
    }
  }

  /** The plan: the convex baseline once per configuration, exact ScaledGD only at r' = r. */
  @Test
  void tasksFollowTheTableOrderAndTheMethodsWidths() {
    Comparison.Plan s = spec(List.of(v(Method.SCALED_GD, true), v(Method.NUCLEAR, false), v(Method.PREC_GD, false)));
    Comparison.Outcome o = Comparison.run(s, 2, ProgressListener.none());
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
    Comparison.Plan s = spec(List.of(v(Method.PREC_GD, false)));
    Comparison.Outcome o = Comparison.run(s, 2, ProgressListener.none());
    for (CompareRun r : o.runs()) {
      if (r.noise() == 0) {
        assertThat(r.reached()).as(r.id()).isTrue();
      } else {
        assertThat(r.finalError()).as(r.id()).isGreaterThan(1e-4);
      }
    }
  }

  /** Rows that do not run on the model are refused before any work, with the accepted ones. */
  @Test
  void refusesRowsTheModelCannotRun() {
    assertThatThrownBy(() -> spec(List.of(v(Method.ALS, false)))).hasMessageContaining("als does not run on goe")
        .hasMessageContaining("accepted: gd, spectral-gd, scaledgd");
  }
}
