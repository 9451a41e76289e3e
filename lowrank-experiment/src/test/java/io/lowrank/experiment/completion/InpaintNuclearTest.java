package io.lowrank.experiment.completion;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowrank.convex.NuclearNormFista;
import io.lowrank.convex.Penalty;
import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.model.Problem;
import io.lowrank.operator.EntrySampling;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InpaintNuclearTest {
  static final int N1 = 18;
  static final int N2 = 14;

  /** Entries of a planted rank-2 matrix plus noise: every third entry held out, the rest at 65 %. */
  record Data(double[] truth, int[] rows, int[] cols, double[] values, int[] vRows, int[] vCols, double[] vValues) {}

  static Data data(long seed, double noise) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] a = new double[N1 * 2];
    double[] b = new double[N2 * 2];
    for (int i = 0; i < a.length; i++) {
      a[i] = rng.nextGaussian();
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = rng.nextGaussian();
    }
    double[] truth = new double[N1 * N2];
    List<int[]> train = new ArrayList<>();
    List<int[]> held = new ArrayList<>();
    for (int i = 0; i < N1; i++) {
      for (int j = 0; j < N2; j++) {
        truth[i * N2 + j] = a[2 * i] * b[2 * j] + 0.5 * a[2 * i + 1] * b[2 * j + 1];
        double u = rng.nextDouble();
        if (u < 0.65) {
          train.add(new int[] {i, j});
        } else if (u < 0.8) {
          held.add(new int[] {i, j});
        }
      }
    }
    int[] r = new int[train.size()];
    int[] c = new int[train.size()];
    double[] v = new double[train.size()];
    for (int e = 0; e < r.length; e++) {
      r[e] = train.get(e)[0];
      c[e] = train.get(e)[1];
      v[e] = truth[r[e] * N2 + c[e]] + noise * rng.nextGaussian();
    }
    int[] vr = new int[held.size()];
    int[] vc = new int[held.size()];
    double[] vv = new double[held.size()];
    for (int e = 0; e < vr.length; e++) {
      vr[e] = held.get(e)[0];
      vc[e] = held.get(e)[1];
      vv[e] = truth[vr[e] * N2 + vc[e]] + noise * rng.nextGaussian();
    }
    return new Data(truth, r, c, v, vr, vc, vv);
  }

  static Mat product(InpaintNuclear.Result r) {
    Mat z = new Mat(N1, N2);
    Dense.multiplyTransB(r.left(), r.right(), z);
    return z;
  }

  /**
   * At one fixed lambda and full width, the factored solve reaches the minimiser of the core's
   * nuclear-norm FISTA on the same entries (its objective is that of the core with lambda / p, see
   * docs/inpaint.md), and the certificate ||P(V - Z)||_2 / lambda is 1.
   */
  @Test
  void agreesWithTheCoreNuclearNormFistaAtOneLambda() {
    Data d = data(3, 0.05);
    double fraction = 0.05;
    InpaintNuclear.Config one = new InpaintNuclear.Config(N2, fraction, 1, 1, 20_000, 1e-12, 1.8, 1, 1);
    InpaintNuclear.Result mine = InpaintNuclear.fit(N1, N2, d.rows(), d.cols(), d.values(), d.vRows(), d.vCols(),
        d.vValues(), one);
    double lambda = mine.lambda();
    assertThat(lambda).isCloseTo(fraction * mine.lambdaMax(), org.assertj.core.data.Offset.offset(1e-12));

    double p = d.rows().length / (double) (N1 * N2);
    EntrySampling op = EntrySampling.rectangular(N1, N2, d.rows(), d.cols(), p);
    double[] y = new double[d.values().length];
    for (int e = 0; e < y.length; e++) {
      y[e] = op.measure(d.values()[e]);
    }
    Problem problem = Problem.ofAsymmetric(op, y, null);
    NuclearNormFista.State fista = new NuclearNormFista(new Penalty.Absolute(lambda / p))
        .start(problem, new Mat(N1, 1), new Mat(N2, 1));
    for (int t = 0; t < 20_000 && !(t > 10 && fista.relativeChange() < 1e-13); t++) {
      fista.step();
    }
    Mat z = product(mine);
    double diff = Dense.distanceF(z, fista.z()) / Dense.normF(fista.z());
    assertThat(diff).as("relative distance to the FISTA minimiser").isLessThan(1e-5);
    assertThat(mine.dualRatio()).isBetween(0.999, 1.001);
    assertThat(mine.rank()).isLessThan(N2);
  }

  /** On planted low-rank data the chosen Z is far closer to the truth than 0 (the centred mean fill). */
  @Test
  void thePathRecoversAPlantedLowRankMatrix() {
    Data d = data(5, 0.01);
    InpaintNuclear.Result r = InpaintNuclear.fit(N1, N2, d.rows(), d.cols(), d.values(), d.vRows(), d.vCols(),
        d.vValues(), InpaintNuclear.Config.defaults(N2, 7, 1));
    Mat truth = Mat.wrap(N1, N2, d.truth());
    double err = Dense.distanceF(product(r), truth) / Dense.normF(truth);
    assertThat(err).isLessThan(0.1);
    assertThat(r.chosenStage()).isBetween(0, r.stages().size() - 1);
    assertThat(r.stages().get(r.chosenStage()).validationRmse()).isEqualTo(r.validationRmse());
    for (InpaintNuclear.Stage s : r.stages()) {
      assertThat(s.validationRmse()).isGreaterThanOrEqualTo(r.validationRmse() * (1 - InpaintNuclear.MIN_IMPROVEMENT));
    }
  }

  @Test
  void resultsDoNotDependOnTheNumberOfThreads() {
    Data d = data(9, 0.1);
    InpaintNuclear.Result one = InpaintNuclear.fit(N1, N2, d.rows(), d.cols(), d.values(), d.vRows(), d.vCols(),
        d.vValues(), InpaintNuclear.Config.defaults(6, 3, 1));
    InpaintNuclear.Result three = InpaintNuclear.fit(N1, N2, d.rows(), d.cols(), d.values(), d.vRows(), d.vCols(),
        d.vValues(), InpaintNuclear.Config.defaults(6, 3, 3));
    assertThat(three.left().data()).containsExactly(one.left().data());
    assertThat(three.right().data()).containsExactly(one.right().data());
    assertThat(three.stages()).isEqualTo(one.stages());
  }

  @Test
  void zeroDataGivesZero() {
    Data d = data(1, 0.0);
    double[] zeros = new double[d.values().length];
    InpaintNuclear.Result r = InpaintNuclear.fit(N1, N2, d.rows(), d.cols(), zeros, d.vRows(), d.vCols(),
        new double[d.vValues().length], InpaintNuclear.Config.defaults(6, 3, 1));
    assertThat(r.lambdaMax()).isZero();
    assertThat(r.chosenStage()).isEqualTo(-1);
    assertThat(r.predict(2, 3)).isZero();
    assertThat(r.validationRmse()).isZero();
  }
}
