package io.lowrank.experiment.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowrank.init.SmallRandomInit;
import io.lowrank.linalg.Mat;
import io.lowrank.model.GroundTruth;
import io.lowrank.model.GroundTruthSpec;
import io.lowrank.model.Problem;
import io.lowrank.operator.MeasurementOperator;
import io.lowrank.operator.SymmetricGaussianSensing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceFilesTest {
  /** Forward maps of the same stored A_i agree to rounding: the values are copied bit for bit. */
  static final double FORWARD_TOL = 1e-12;
  static final int N = 6;
  static final int M = 50;
  static final int R = 2;
  static final int WIDTH = 4;

  @TempDir
  Path dir;
  Problem problem;
  Mat u0;

  @BeforeEach
  void makeInstance() {
    GroundTruth truth = GroundTruth.generate(GroundTruthSpec.of(N, R, 2.0), 11);
    SymmetricGaussianSensing op = SymmetricGaussianSensing.generate(N, M, 12);
    problem = Problem.sense(op, truth, 0.01, 13);
    u0 = SmallRandomInit.draw(N, WIDTH, 1e-3, 14);
  }

  @Test
  void saveThenLoadGivesTheSameOperatorDataAndFactors() throws IOException {
    InstanceFiles.save(dir, problem, u0);
    InstanceFiles.Instance back = InstanceFiles.load(dir);
    assertThat(back.n()).isEqualTo(N);
    assertThat(back.m()).isEqualTo(M);
    assertThat(back.width()).contains(WIDTH);
    assertThat(back.rank()).contains(R);
    assertThat(back.problem().y()).containsExactly(problem.y());
    assertThat(back.u0()).isEqualTo(u0);
    assertThat(back.problem().truth().orElseThrow().factor()).isEqualTo(problem.truth().orElseThrow().factor());

    SplittableRandom rng = new SplittableRandom(5);
    Mat z = new Mat(N, N);
    for (int i = 0; i < z.data().length; i++) {
      z.data()[i] = rng.nextGaussian();
    }
    double[] expected = new double[M];
    double[] actual = new double[M];
    problem.operator().forwardDense(z, expected);
    back.problem().operator().forwardDense(z, actual);
    for (int i = 0; i < M; i++) {
      assertThat(actual[i]).isCloseTo(expected[i], org.assertj.core.api.Assertions.within(FORWARD_TOL));
    }
    MeasurementOperator.Workspace ws = back.problem().operator().workspace(WIDTH);
    back.problem().operator().forward(u0, u0, actual, ws);
    problem.operator().forward(u0, u0, expected, problem.operator().workspace(WIDTH));
    assertThat(actual).containsExactly(expected);
  }

  @Test
  void writesNumpyShapes() throws IOException {
    InstanceFiles.save(dir, problem, u0);
    assertThat(Npy.readHeader(dir.resolve("A.npy")).shape()).containsExactly(M, N, N);
    assertThat(Npy.readHeader(dir.resolve("y.npy")).shape()).containsExactly(M);
    assertThat(Npy.readHeader(dir.resolve("U0.npy")).shape()).containsExactly(N, WIDTH);
    assertThat(Npy.readHeader(dir.resolve("X.npy")).shape()).containsExactly(N, R);
  }

  @Test
  void loadWithoutGroundTruthHasNoTruth() throws IOException {
    InstanceFiles.save(dir, problem, u0);
    Files.delete(dir.resolve("X.npy"));
    assertThat(InstanceFiles.load(dir).problem().truth()).isEmpty();
  }

  @Test
  void shapeMismatchesAreNamed() throws IOException {
    InstanceFiles.save(dir, problem, u0);
    Npy.write(dir.resolve("A.npy"), new double[M * N * (N + 1)], M, N, N + 1);
    assertThatThrownBy(() -> InstanceFiles.load(dir)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("A.npy has shape (50, 6, 7); expected (m, n, n)");

    InstanceFiles.save(dir, problem, u0);
    Npy.write(dir.resolve("y.npy"), new double[M - 1], M - 1);
    assertThatThrownBy(() -> InstanceFiles.load(dir))
        .hasMessageContaining("y.npy has shape (49,); expected (m,) = (50,) to match");

    InstanceFiles.save(dir, problem, u0);
    Npy.write(dir.resolve("U0.npy"), new double[(N + 1) * 2], N + 1, 2);
    assertThatThrownBy(() -> InstanceFiles.load(dir))
        .hasMessageContaining("U0.npy has shape (7, 2); expected (n, r') = (6, r')");

    InstanceFiles.save(dir, problem, u0);
    Npy.write(dir.resolve("X.npy"), new double[N * (N + 1)], N, N + 1);
    assertThatThrownBy(() -> InstanceFiles.load(dir))
        .hasMessageContaining("X.npy has shape (6, 7); expected (n, r) = (6, r) with 1 <= r <= 6");
  }

  @Test
  void asymmetricOrNonFiniteValuesAreRefused() throws IOException {
    InstanceFiles.save(dir, problem, u0);
    double[] a = Npy.read(dir.resolve("A.npy")).data();
    a[3 * N * N + 1] += 0.5;
    Npy.write(dir.resolve("A.npy"), a, M, N, N);
    assertThatThrownBy(() -> InstanceFiles.load(dir)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("A.npy: measurement matrix A[3] is not symmetric");

    InstanceFiles.save(dir, problem, u0);
    double[] y = problem.y().clone();
    y[7] = Double.POSITIVE_INFINITY;
    Npy.write(dir.resolve("y.npy"), y, M);
    assertThatThrownBy(() -> InstanceFiles.load(dir))
        .hasMessageContaining("y.npy has a non-finite value (Infinity) at index (7,)");
  }

  @Test
  void missingDirectoryOrFileIsNamed() throws IOException {
    assertThatThrownBy(() -> InstanceFiles.load(dir.resolve("nope"))).isInstanceOf(BadInputException.class)
        .hasMessageContaining("nope does not exist");
    InstanceFiles.save(dir, problem, u0);
    Files.delete(dir.resolve("y.npy"));
    assertThatThrownBy(() -> InstanceFiles.load(dir)).hasMessageContaining("y.npy is missing");
  }

  @Test
  void truncatedFileIsReportedBeforeReading() throws IOException {
    InstanceFiles.save(dir, problem, u0);
    Path a = dir.resolve("A.npy");
    byte[] bytes = Files.readAllBytes(a);
    Files.write(a, java.util.Arrays.copyOf(bytes, bytes.length - 8 * 100));
    assertThatThrownBy(() -> InstanceFiles.load(dir))
        .hasMessageContaining("A.npy holds 1700 of 1800 values; the file is truncated");
  }
}
