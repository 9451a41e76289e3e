package io.lowrank.bench;

import io.lowrank.linalg.SymmetricEigenSolver;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full symmetric eigen-decomposition (values and vectors) of an n x n matrix, as the
 * nuclear-norm baseline needs at every FISTA step: the hand-written tred2/tql2
 * ({@link SymmetricEigenSolver}, preallocated) against EJML's symmetric QR decomposition reused
 * across calls. Run with {@code -prof gc} to see the bytes allocated per call
 * ({@code gc.alloc.rate.norm}). n = 40 and 80 are the PSD sizes of compare and claim runs;
 * 100 the asymmetric dilation (n1 + n2) of a 60 x 40 problem; 200 a larger one.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class EigenSolverBenchmark {
  @Param({"40", "80", "100", "200"})
  int n;

  private double[] a;
  private DMatrixRMaj matrix;
  private SymmetricEigenSolver handWritten;
  private EigenDecomposition_F64<DMatrixRMaj> ejml;

  @Setup
  public void setUp() {
    SplittableRandom rng = new SplittableRandom(42);
    a = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double v = rng.nextGaussian();
        a[i * n + j] = v;
        a[j * n + i] = v;
      }
    }
    matrix = new DMatrixRMaj(n, n);
    handWritten = new SymmetricEigenSolver(n);
    ejml = DecompositionFactory_DDRM.eig(n, true, true);
  }

  @Benchmark
  public double handWritten() {
    handWritten.decompose(a);
    return handWritten.values()[0];
  }

  @Benchmark
  public double ejml() {
    System.arraycopy(a, 0, matrix.data, 0, a.length);
    ejml.decompose(matrix);
    return ejml.getEigenvalue(0).real;
  }
}
