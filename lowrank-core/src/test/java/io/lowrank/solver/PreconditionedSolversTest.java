package io.lowrank.solver;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowrank.diagnostics.Columns;
import io.lowrank.diagnostics.History;
import io.lowrank.init.SmallRandomInit;
import io.lowrank.init.SpectralInit;
import io.lowrank.linalg.Decompositions;
import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.model.Problem;
import io.lowrank.solver.Driver;
import io.lowrank.solver.GradientDescent;
import io.lowrank.solver.Iterate;
import io.lowrank.solver.ScaledDirection;
import io.lowrank.solver.Solver;
import io.lowrank.solver.StepRule;
import io.lowrank.solver.StopRules;
import io.lowrank.testkit.AdjointChecker;
import io.lowrank.testkit.PlantedProblems;
import io.lowrank.testkit.Tol;
import io.lowrank.testkit.Traces;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The solver-family claims of the issue on n = 20, r = 2, m = 20 n r: ScaledGD is condition-number
 * free while GD is linear in kappa; with r' = 2r PrecGD and ScaledGD(lambda) converge linearly while
 * GD's end game is sublinear; the preconditioned directions are equivariant under U -> UQ.
 */
class PreconditionedSolversTest {
  private static final int N = 20;
  private static final int R = 2;
  private static final int M = 20 * N * R;

  private static Problem problem(double kappa) {
    return PlantedProblems.sensing(N, R, kappa, M, 0.0, 11);
  }

  @Test
  void scaledGdFromTheSpectralStartIsConditionFreeWhilePlainGdIsLinearInKappa() {
    double[] kappas = {1, 10, 100};
    int[] scaled = new int[3];
    int[] plain = new int[3];
    for (int i = 0; i < 3; i++) {
      Problem p = problem(kappas[i]);
      Mat u0 = SpectralInit.of(R).initialise(p, R, 0);
      scaled[i] = Traces.firstBelow(Traces.run(p, ScaledDirection.exact().solver(), u0, 400, 1), "test_error", 1e-10);
      plain[i] = Traces.firstBelow(Traces.run(p, GradientDescent.plain(StepRule.defaultRule()), u0, 30_000, 10),
          "test_error", 1e-10);
    }
    assertThat(scaled).doesNotContain(-1);
    int max = Math.max(scaled[0], Math.max(scaled[1], scaled[2]));
    int min = Math.min(scaled[0], Math.min(scaled[1], scaled[2]));
    assertThat((double) max / min).as("ScaledGD iterations %d, %d, %d", scaled[0], scaled[1], scaled[2])
        .isLessThanOrEqualTo(Tol.KAPPA_FREE_SPREAD);
    assertThat(plain).doesNotContain(-1);
    for (int i = 1; i < 3; i++) {
      assertThat((double) plain[i] / plain[0]).as("GD iterations %d, %d, %d", plain[0], plain[1], plain[2])
          .isGreaterThanOrEqualTo(Tol.LINEAR_IN_KAPPA * kappas[i]);
    }
  }

  @Test
  void overparameterisedPrecGdConvergesLinearlyWhilePlainGdStalls() {
    Problem p = problem(2);
    Mat wide = SmallRandomInit.draw(N, 2 * R, 1e-3, 5);
    Mat exact = SmallRandomInit.draw(N, R, 1e-3, 5);
    History gdWide = Traces.run(p, GradientDescent.plain(StepRule.defaultRule()), wide, 3000, 10);
    History gdExact = Traces.run(p, GradientDescent.plain(StepRule.defaultRule()), exact, 3000, 10);
    History prec = Traces.run(p, ScaledDirection.precGd().solver(), wide, 400, 1);

    assertThat(gdExact.last(Columns.TEST_ERROR)).isLessThan(Tol.MACHINE_PRECISION_ERROR);
    assertThat(gdWide.last(Columns.TEST_ERROR)).isGreaterThan(Tol.STALLED_ERROR);
    assertThat(Traces.decadesInSecondHalf(gdWide, "test_error")).as("GD r' = 2r: decades gained in the second half")
        .isLessThan(Tol.SUBLINEAR_DECADES);

    assertThat(prec.last(Columns.TEST_ERROR)).isLessThan(Tol.MACHINE_PRECISION_ERROR);
    Traces.Rate rate = Traces.rate(prec, "test_error", 1e-3, 1e-11);
    assertThat(rate.rSquared()).as("PrecGD linear fit %s", rate).isGreaterThan(Tol.LINEAR_FIT_R2);
    assertThat(rate.rate()).as("PrecGD rate %s", rate).isLessThan(0.9);
  }

  /**
   * ScaledGD(lambda) converges linearly down to a floor set by the start: its damped preconditioner
   * ~ 1/lambda also amplifies the spare directions early on (the floor is ~alpha at mu = 0.5,
   * lambda = 0.1 lambda_r), so, as in Xu et al. (2023), the start must be tiny for a deep floor.
   */
  @Test
  void overparameterisedScaledGdLambdaConvergesLinearlyFromATinyStart() {
    Problem p = problem(2);
    History h = Traces.run(p, ScaledDirection.damped(R).solver(), SmallRandomInit.draw(N, 2 * R, 1e-14, 5), 400, 1);
    assertThat(h.last(Columns.TEST_ERROR)).isLessThan(1e-9);
    Traces.Rate rate = Traces.rate(h, "test_error", 1e-3, 1e-9);
    assertThat(rate.rSquared()).as("ScaledGD(lambda) linear fit %s", rate).isGreaterThan(Tol.LINEAR_FIT_R2);
    assertThat(rate.rate()).as("ScaledGD(lambda) rate %s", rate).isLessThan(0.9);
  }

  @Test
  void preconditionedDirectionsAreEquivariantUnderOrthogonalRotations() {
    Problem p = problem(2);
    int w = 2 * R;
    Mat u0 = SmallRandomInit.draw(N, w, 0.3, 9);
    Mat q = Decompositions.orthonormalColumns(AdjointChecker.gaussian(w, w, new SplittableRandom(4)));
    Mat u0q = new Mat(N, w);
    Dense.multiply(u0, q, u0q);
    for (Solver s : List.of(ScaledDirection.exact().solver(), ScaledDirection.damped(R).solver(),
        ScaledDirection.precGd().solver())) {
      Iterate a = s.start(p, u0);
      Iterate b = s.start(p, u0q);
      new Driver(StopRules.iterations(15), 15).run(a, List.of());
      new Driver(StopRules.iterations(15), 15).run(b, List.of());
      Mat aq = new Mat(N, w);
      Dense.multiply(a.factor(), q, aq);
      assertThat(Dense.distanceF(aq, b.factor()) / Dense.normF(b.factor())).as(s.method().id()).isLessThan(Tol.EQUIVARIANCE);
    }
  }
}
