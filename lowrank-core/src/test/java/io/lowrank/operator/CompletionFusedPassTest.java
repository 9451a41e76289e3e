package io.lowrank.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowrank.init.SmallRandomInit;
import io.lowrank.linalg.Mat;
import io.lowrank.model.AsymmetricGroundTruth;
import io.lowrank.model.Problem;
import io.lowrank.operator.EntrySampling;
import io.lowrank.operator.MeasurementOperator;
import io.lowrank.parallel.Parallelism;
import io.lowrank.solver.AsymmetricGradientDescent;
import io.lowrank.solver.Iterate;
import io.lowrank.solver.StepRule;
import io.lowrank.testkit.Allocations;
import io.lowrank.testkit.Tol;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fused completion pass ({@link EntrySampling#residualAndGradients}): equal to the three-pass
 * reference (forward, adjointTimes, adjointTransposeTimes), bit-identical for 1, 2 and 3 threads,
 * and allocation-free inside an asymmetric GD step.
 */
class CompletionFusedPassTest {
  private static final int N1 = 300;
  private static final int N2 = 200;
  private static final int K = 7;

  private static Mat random(int rows, int cols, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    Mat m = new Mat(rows, cols);
    double[] d = m.data();
    for (int i = 0; i < d.length; i++) {
      d[i] = rng.nextGaussian();
    }
    return m;
  }

  private static double[] randomVector(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = rng.nextGaussian();
    }
    return v;
  }

  /** 300 x 200 at p = 0.3: ~18,000 entries, so the fused pass has the full 8 blocks. */
  private static EntrySampling operator() {
    EntrySampling a = SamplingPatterns.uniform(N1, N2, 0.3, 11);
    assertThat(a.fusedBlocks()).isEqualTo(EntrySampling.MAX_BLOCKS);
    return a;
  }

  private static double relative(double[] a, double[] b) {
    double d = 0.0;
    double s = 0.0;
    for (int i = 0; i < a.length; i++) {
      d += (a[i] - b[i]) * (a[i] - b[i]);
      s += b[i] * b[i];
    }
    return Math.sqrt(d / s);
  }

  @Test
  void fusedEqualsThreePassReference() {
    EntrySampling a = operator();
    Mat l = random(N1, K, 1);
    Mat r = random(N2, K, 2);
    double[] y = randomVector(a.size(), 3);
    MeasurementOperator.Workspace ws = a.workspace(K);

    double[] resRef = new double[a.size()];
    a.forward(l, r, resRef, ws);
    double lossRef = 0.0;
    for (int e = 0; e < resRef.length; e++) {
      resRef[e] -= y[e];
      lossRef += resRef[e] * resRef[e];
    }
    Mat glRef = new Mat(N1, K);
    Mat grRef = new Mat(N2, K);
    a.adjointTimes(resRef, r, glRef, ws);
    a.adjointTransposeTimes(resRef, l, grRef, ws);

    double[] res = new double[a.size()];
    Mat gl = new Mat(N1, K);
    Mat gr = new Mat(N2, K);
    gl.data()[0] = 99; // outputs are overwritten, not accumulated
    gr.data()[0] = 99;
    double loss = a.residualAndGradients(l, r, y, res, gl, gr, ws);

    assertThat(res).containsExactly(resRef);
    assertThat(gl.data()).containsExactly(glRef.data());
    assertThat(relative(gr.data(), grRef.data())).isLessThanOrEqualTo(Tol.COMPLETION_FUSED_VS_TWO_PASS);
    assertThat(Math.abs(loss - lossRef) / lossRef).isLessThanOrEqualTo(Tol.COMPLETION_FUSED_VS_TWO_PASS);
  }

  @Test
  void bitIdenticalForOneTwoAndThreeThreads() {
    EntrySampling base = operator();
    Mat l = random(N1, K, 4);
    Mat r = random(N2, K, 5);
    double[] y = randomVector(base.size(), 6);
    double[][] res = new double[3][base.size()];
    Mat[] gl = new Mat[3];
    Mat[] gr = new Mat[3];
    double[] loss = new double[3];
    for (int t = 1; t <= 3; t++) {
      try (Parallelism par = Parallelism.threads(t)) {
        EntrySampling a = base.withParallelism(par);
        MeasurementOperator.Workspace ws = a.workspace(K);
        gl[t - 1] = new Mat(N1, K);
        gr[t - 1] = new Mat(N2, K);
        for (int rep = 0; rep < 3; rep++) { // repeated calls reuse the buffers
          loss[t - 1] = a.residualAndGradients(l, r, y, res[t - 1], gl[t - 1], gr[t - 1], ws);
        }
      }
    }
    for (int t = 1; t < 3; t++) {
      assertThat(res[t]).containsExactly(res[0]);
      assertThat(gl[t].data()).containsExactly(gl[0].data());
      assertThat(gr[t].data()).containsExactly(gr[0].data());
      assertThat(Double.doubleToRawLongBits(loss[t])).isEqualTo(Double.doubleToRawLongBits(loss[0]));
    }
  }

  @Test
  void gdHistoriesAreBitIdenticalAcrossThreadCounts() {
    EntrySampling base = operator();
    AsymmetricGroundTruth truth = AsymmetricGroundTruth.generate(N1, N2, 3, 1.0, 7);
    double[] lastLoss = new double[3];
    double[][] lastL = new double[3][];
    for (int t = 1; t <= 3; t++) {
      try (Parallelism par = Parallelism.threads(t)) {
        Problem p = Problem.senseAsymmetric(base.withParallelism(par), truth, 0.0, 0);
        Iterate it = AsymmetricGradientDescent.plain(new StepRule.Absolute(0.2))
            .start(p, SmallRandomInit.draw(N1, 5, 1e-3, 8), SmallRandomInit.draw(N2, 5, 1e-3, 9));
        for (int s = 0; s < 50; s++) {
          it.step();
        }
        lastLoss[t - 1] = it.loss();
        lastL[t - 1] = it.factor().data().clone();
      }
    }
    assertThat(lastLoss[0]).isFinite();
    for (int t = 1; t < 3; t++) {
      assertThat(Double.doubleToRawLongBits(lastLoss[t])).isEqualTo(Double.doubleToRawLongBits(lastLoss[0]));
      assertThat(lastL[t]).containsExactly(lastL[0]);
    }
  }

  @Test
  void asymmetricGdStepOnCompletionAllocatesNothing() {
    try (Parallelism par = Parallelism.threads(2)) {
      EntrySampling a = SamplingPatterns.uniform(60, 40, 0.5, 12).withParallelism(par);
      AsymmetricGroundTruth truth = AsymmetricGroundTruth.generate(60, 40, 2, 1.0, 13);
      Problem p = Problem.senseAsymmetric(a, truth, 0.0, 0);
      Iterate it = AsymmetricGradientDescent.plain(new StepRule.Absolute(0.1))
          .start(p, SmallRandomInit.draw(60, 3, 1e-3, 14), SmallRandomInit.draw(40, 3, 1e-3, 15));
      assertThat(Allocations.bytesPerStep(it::step)).isLessThanOrEqualTo(16.0 / 200);
    }
  }
}
