package io.lowrank.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowrank.diagnostics.AsymmetricProbes;
import io.lowrank.diagnostics.Columns;
import io.lowrank.diagnostics.HistoryRecorder;
import io.lowrank.diagnostics.Probes;
import io.lowrank.init.FactorPair;
import io.lowrank.init.SmallRandomPairInit;
import io.lowrank.linalg.Mat;
import io.lowrank.model.Problem;
import io.lowrank.random.Seeds;
import io.lowrank.solver.Driver;
import io.lowrank.solver.Iterate;
import io.lowrank.solver.SolveResult;
import io.lowrank.solver.Solver;
import io.lowrank.solver.StepRule;
import io.lowrank.solver.StopRules;
import io.lowrank.solver.Termination;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract of solvers on the asymmetric factor model (L, R), the counterpart of
 * {@link SolverContract}: subclass it per solver (e.g. asymmetric GD, asymmetric ScaledGD) and
 * implement {@link #solver(StepRule)}.
 */
public abstract class AsymmetricSolverContract {

  /** The solver under test with the given step rule. */
  protected abstract Solver solver(StepRule step);

  /** An easy planted instance: 12 x 10, r = 2, m = 10 (n1 + n2) r. */
  protected Problem easyProblem() {
    return PlantedModels.asymmetricSensing(12, 10, 2, 2.0, 440, 0.0, 7);
  }

  /** The width the solver runs with on the easy problem (default r' = r). */
  protected int width() {
    return 2;
  }

  /** Initial scale. */
  protected double alpha() {
    return 1e-3;
  }

  /** Iterations within which the easy instance must be solved. */
  protected int solveBudget() {
    return 3000;
  }

  private Iterate start(Solver s, Problem p, long seed) {
    FactorPair f = start(p, seed);
    return s.start(p, f.left(), f.right());
  }

  private FactorPair start(Problem p, long seed) {
    return SmallRandomPairInit.balanced(alpha()).initialise(p.operator().rows(), p.operator().cols(), width(),
        Seeds.derive(seed, Seeds.Stream.INIT));
  }

  @Test
  void respectsMaxIterations() {
    SolveResult result = new Driver(StopRules.iterations(17), 1)
        .run(start(solver(StepRule.defaultRule()), easyProblem(), 1), List.of());
    assertThat(result.iterations()).isEqualTo(17);
    assertThat(result.termination()).isEqualTo(Termination.MAX_ITERATIONS);
  }

  @Test
  void isDeterministicPerSeedAndSeedsMatter() {
    Problem p = easyProblem();
    assertThat(trace(p, 3)).isEqualTo(trace(p, 3)).isNotEqualTo(trace(p, 4));
  }

  private double[] trace(Problem p, long seed) {
    HistoryRecorder rec = new HistoryRecorder(List.of(Probes.trainLoss()));
    new Driver(StopRules.iterations(50), 1).run(start(solver(StepRule.defaultRule()), p, seed), List.of(rec));
    return rec.history().column(Columns.LOSS);
  }

  @Test
  void leavesInputsUnmodified() {
    Problem p = easyProblem();
    FactorPair f = start(p, 2);
    Mat l = f.left().copy();
    Mat r = f.right().copy();
    double[] y = p.y().clone();
    new Driver(StopRules.iterations(20), 5).run(solver(StepRule.defaultRule()).start(p, f.left(), f.right()), List.of());
    assertThat(f.left()).isEqualTo(l);
    assertThat(f.right()).isEqualTo(r);
    assertThat(p.y()).isEqualTo(y);
  }

  @Test
  void reportsDivergenceOnAHugeStep() {
    SolveResult result = new Driver(StopRules.iterations(500), 1)
        .run(start(solver(new StepRule.Absolute(1e3)), easyProblem(), 1), List.of());
    assertThat(result.termination()).isEqualTo(Termination.DIVERGED);
    assertThat(result.detail()).contains("step size");
  }

  @Test
  void solvesAnEasyPlantedInstance() {
    Problem p = easyProblem();
    HistoryRecorder rec = new HistoryRecorder(AsymmetricProbes.standard(p.asymmetricTruth().orElseThrow()));
    new Driver(StopRules.iterations(solveBudget()).withTolerance(1e-12), 10)
        .run(start(solver(StepRule.defaultRule()), p, 5), List.of(rec));
    assertThat(rec.history().last(Columns.TEST_ERROR)).isLessThan(1e-6);
  }
}
