package io.lowrank.convex;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowrank.convex.NuclearNormFista;
import io.lowrank.convex.NuclearNormPath;
import io.lowrank.convex.Penalty;
import io.lowrank.diagnostics.TestError;
import io.lowrank.linalg.Decompositions;
import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.model.Problem;
import io.lowrank.solver.Driver;
import io.lowrank.solver.StopRules;
import io.lowrank.testkit.PlantedModels;
import io.lowrank.testkit.PlantedProblems;
import io.lowrank.testkit.Tol;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Optimality of the PSD nuclear-norm solver. For min 1/2 ||A(Z) - y||^2 + lambda tr Z over Z PSD the
 * KKT conditions are: Z PSD, G = A*(A(Z) - y) + lambda I PSD (dual feasibility: -grad lies in
 * lambda times the subdifferential of tr + the normal cone), and G Z = 0 (complementarity). They
 * are checked relative to lambda and ||Z|| with the stated tolerance {@link Tol#NUCLEAR_KKT}.
 */
class NuclearNormTest {
  /** Noisy, so that the penalty matters: the solution is shrunk and of low rank. */
  private final Problem p = PlantedProblems.sensing(20, 2, 2.0, 400, 0.05, 4);

  /** [smallest eigenvalue of G / lambda, ||G Z||_F / (lambda ||Z||_F), smallest eigenvalue of Z]. */
  static double[] kkt(Problem p, Mat z, double lambda) {
    int n = z.rows();
    double[] az = new double[p.operator().size()];
    p.operator().forwardDense(z, az);
    for (int i = 0; i < az.length; i++) {
      az[i] -= p.y()[i];
    }
    Mat g = new Mat(n, n);
    p.operator().adjointDense(az, g);
    for (int i = 0; i < n; i++) {
      g.set(i, i, g.get(i, i) + lambda);
    }
    double[] eg = Decompositions.symmetricEigen(g).values();
    Mat gz = new Mat(n, n);
    Dense.multiply(g, z, gz);
    double[] ez = Decompositions.symmetricEigen(z).values();
    return new double[] {eg[n - 1] / lambda, Dense.normF(gz) / (lambda * Dense.normF(z)), ez[n - 1]};
  }

  private NuclearNormFista.State solve(double fraction) {
    NuclearNormFista.State s = new NuclearNormFista(new Penalty.Relative(fraction)).start(p, new Mat(20, 1));
    new Driver(StopRules.iterations(5000).withStall(20, 1e-15), 50).run(s, List.of());
    return s;
  }

  @Test
  void theSolutionSatisfiesTheOptimalityConditions() {
    NuclearNormFista.State s = solve(0.3);
    double[] k = kkt(p, s.z(), s.lambda());
    assertThat(k[0]).as("lambda_min(G) / lambda").isGreaterThan(-Tol.NUCLEAR_KKT);
    assertThat(k[1]).as("||G Z|| / (lambda ||Z||)").isLessThan(Tol.NUCLEAR_KKT);
    assertThat(k[2]).as("lambda_min(Z)").isGreaterThan(-Tol.ROUND_OFF);
    double[] ez = Decompositions.symmetricEigen(s.z()).values();
    long rank = Arrays.stream(ez).filter(v -> v > 1e-8).count();
    assertThat(rank).as("the penalty makes the solution low rank").isBetween(1L, 3L);
  }

  /** The check can fail: a slightly scaled solution breaks complementarity. */
  @Test
  void aPerturbedSolutionViolatesThem() {
    NuclearNormFista.State s = solve(0.3);
    Mat scaled = s.z().copy();
    for (int i = 0; i < scaled.data().length; i++) {
      scaled.data()[i] *= 1.01;
    }
    assertThat(kkt(p, scaled, s.lambda())[1]).isGreaterThan(100 * Tol.NUCLEAR_KKT);
  }

  @Test
  void aWarmStartedPathEndsAtTheColdSolution() {
    NuclearNormPath.Config c = NuclearNormPath.Config.of(5, 0.01, 3000, 1e-12);
    NuclearNormPath.Result path = NuclearNormPath.run(p, c, 10, List.of());
    NuclearNormFista.State cold = solve(0.01);
    assertThat(path.stages()).hasSize(5);
    assertThat(path.stages().get(4).lambda()).isCloseTo(cold.lambda(), org.assertj.core.data.Percentage.withPercentage(1e-9));
    assertThat(Dense.distanceF(path.last().z(), cold.z()) / Dense.normF(cold.z())).isLessThan(Tol.NUCLEAR_KKT);
    double[] k = kkt(p, path.last().z(), path.last().lambda());
    assertThat(k[0]).isGreaterThan(-Tol.NUCLEAR_KKT);
    assertThat(k[1]).isLessThan(Tol.NUCLEAR_KKT);
    double[] lambdas = path.stages().stream().mapToDouble(NuclearNormPath.Stage::lambda).toArray();
    for (int i = 1; i < lambdas.length; i++) {
      assertThat(lambdas[i]).isLessThan(lambdas[i - 1]);
    }
  }

  @Test
  void aSmallPenaltyRecoversANoiseFreeInstance() {
    Problem clean = PlantedProblems.sensing(20, 2, 2.0, 400, 0.0, 4);
    NuclearNormPath.Result r = NuclearNormPath.run(clean, NuclearNormPath.Config.of(8, 1e-8, 2000, 1e-13), 10, List.of());
    assertThat(new TestError(clean.truth().orElseThrow()).of(r.last().factor())).isLessThan(1e-6);
  }

  /**
   * Singular value thresholding on an asymmetric problem: with Z = U Sigma V^T (rank k) and
   * G = A*(A(Z) - y), optimality of 1/2 ||A(Z) - y||^2 + lambda ||Z||_* is -G = lambda (U V^T + W)
   * with U^T W = 0, W V = 0, ||W|| <= 1, i.e. G V = -lambda U, G^T U = -lambda V and ||G|| <= lambda.
   */
  @Test
  void singularValueThresholdingSatisfiesTheOptimalityConditions() {
    Problem q = PlantedModels.asymmetricSensing(14, 11, 2, 2.0, 400, 0.05, 5);
    NuclearNormFista.State s = new NuclearNormFista(new Penalty.Relative(0.3)).start(q, new Mat(14, 1), new Mat(11, 1));
    new Driver(StopRules.iterations(5000).withStall(20, 1e-15), 50).run(s, List.of());
    double lambda = s.lambda();
    double[] az = new double[q.operator().size()];
    q.operator().forwardDense(s.z(), az);
    for (int i = 0; i < az.length; i++) {
      az[i] -= q.y()[i];
    }
    Mat g = new Mat(14, 11);
    q.operator().adjointDense(az, g);
    Decompositions.Svd svd = Decompositions.svd(s.z(), true);
    int k = (int) Arrays.stream(svd.s()).filter(v -> v > 1e-8).count();
    assertThat(k).isBetween(1, 3);
    Mat u = new Mat(14, k);
    Mat v = new Mat(11, k);
    for (int c = 0; c < k; c++) {
      for (int i = 0; i < 14; i++) {
        u.set(i, c, svd.u().get(i, c));
      }
      for (int j = 0; j < 11; j++) {
        v.set(j, c, svd.v().get(j, c));
      }
    }
    Mat gv = new Mat(14, k);
    Dense.multiply(g, v, gv);
    Dense.axpy(lambda, u.data(), gv.data());
    Mat gtu = new Mat(11, k);
    Dense.multiplyTransA(g, u, gtu);
    Dense.axpy(lambda, v.data(), gtu.data());
    assertThat(Dense.normF(gv) / (lambda * Math.sqrt(k))).as("||G V + lambda U||").isLessThan(Tol.NUCLEAR_KKT);
    assertThat(Dense.normF(gtu) / (lambda * Math.sqrt(k))).as("||G^T U + lambda V||").isLessThan(Tol.NUCLEAR_KKT);
    assertThat(Decompositions.singularValues(g)[0] / lambda).as("||G|| / lambda").isLessThan(1 + Tol.NUCLEAR_KKT);
    assertThat(s.nuclearNorm()).isCloseTo(Arrays.stream(svd.s()).sum(), org.assertj.core.data.Offset.offset(1e-9));
  }
}
