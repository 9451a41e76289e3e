package io.lowrank.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowrank.diagnostics.Columns;
import io.lowrank.diagnostics.HistoryRecorder;
import io.lowrank.diagnostics.Probes;
import io.lowrank.diagnostics.TestError;
import io.lowrank.init.SmallRandomInit;
import io.lowrank.linalg.Mat;
import io.lowrank.model.Problem;
import io.lowrank.random.Seeds;
import io.lowrank.solver.Driver;
import io.lowrank.solver.SolveResult;
import io.lowrank.solver.Solver;
import io.lowrank.solver.StepRule;
import io.lowrank.solver.StopRules;
import io.lowrank.solver.Termination;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Solver} satisfies (ARCHITECTURE.md, style rule 8). Subclass it per
 * solver and implement {@link #solver(StepRule)}.
 */
public abstract class SolverContract {

  /** The solver under test with the given step rule. */
  protected abstract Solver solver(StepRule step);

  /** An easy planted instance: n = 20, r = 2, m = 20 n r. */
  protected Problem easyProblem() {
    return PlantedProblems.sensing(20, 2, 20, 7);
  }

  /** The width the solver runs with on the easy problem (default r' = r). */
  protected int width() {
    return 2;
  }

  /** Initial scale for the contract runs. */
  protected double alpha() {
    return 1e-3;
  }

  /** Iterations within which the easy instance must be solved. */
  protected int solveBudget() {
    return 3000;
  }

  private Mat start(Problem p, long seed) {
    return new SmallRandomInit(alpha()).initialise(p, width(), Seeds.derive(seed, Seeds.Stream.INIT));
  }

  @Test
  void respectsMaxIterations() {
    Problem p = easyProblem();
    SolveResult result = new Driver(StopRules.iterations(17), 1).run(solver(StepRule.defaultRule()).start(p, start(p, 1)), List.of());
    assertThat(result.iterations()).isEqualTo(17);
    assertThat(result.termination()).isEqualTo(Termination.MAX_ITERATIONS);
  }

  @Test
  void isDeterministicPerSeedAndSeedsMatter() {
    Problem p = easyProblem();
    double[] a = trace(p, 3);
    double[] b = trace(p, 3);
    double[] c = trace(p, 4);
    assertThat(a).isEqualTo(b);
    assertThat(a).isNotEqualTo(c);
  }

  private double[] trace(Problem p, long seed) {
    HistoryRecorder rec = new HistoryRecorder(List.of(Probes.trainLoss()));
    new Driver(StopRules.iterations(50), 1).run(solver(StepRule.defaultRule()).start(p, start(p, seed)), List.of(rec));
    return rec.history().column(Columns.LOSS);
  }

  @Test
  void leavesInputsUnmodified() {
    Problem p = easyProblem();
    Mat u0 = start(p, 2);
    Mat u0Copy = u0.copy();
    double[] yCopy = p.y().clone();
    new Driver(StopRules.iterations(20), 5).run(solver(StepRule.defaultRule()).start(p, u0), List.of());
    assertThat(u0).isEqualTo(u0Copy);
    assertThat(p.y()).isEqualTo(yCopy);
  }

  @Test
  void reportsDivergenceOnAHugeStep() {
    Problem p = easyProblem();
    SolveResult result = new Driver(StopRules.iterations(500), 1)
        .run(solver(new StepRule.Absolute(1e3)).start(p, start(p, 1)), List.of());
    assertThat(result.termination()).isEqualTo(Termination.DIVERGED);
    assertThat(result.detail()).contains("step size");
  }

  @Test
  void solvesAnEasyPlantedInstance() {
    Problem p = easyProblem();
    var it = solver(StepRule.defaultRule()).start(p, start(p, 5));
    SolveResult result = new Driver(StopRules.iterations(solveBudget()).withTolerance(1e-12), 10).run(it, List.of());
    assertThat(result.termination()).isIn(Termination.CONVERGED, Termination.MAX_ITERATIONS);
    assertThat(new TestError(p.truth().orElseThrow()).of(it.factor())).isLessThan(1e-6);
  }
}
