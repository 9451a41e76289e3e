package io.lowrank.experiment.completion;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowrank.experiment.formats.Images;
import io.lowrank.experiment.formats.ObservedEntries;
import io.lowrank.experiment.run.Baseline;
import io.lowrank.experiment.spec.Centring;
import io.lowrank.experiment.spec.InitSpec;
import io.lowrank.experiment.spec.ProblemSpec;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.spec.StopSpec;
import io.lowrank.experiment.formats.TripletFiles;
import io.lowrank.model.AsymmetricGroundTruth;
import io.lowrank.random.Seeds;
import io.lowrank.solver.Termination;
import io.lowrank.testkit.Tol;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RankFreeCompletionTest {

  /** A ratings spec on data registered as "planted" (null: the default). */
  static RunSpec ratings(Centring centring, Double alpha, Integer iterations, Integer width, long seed) {
    return new RunSpec(new ProblemSpec.Ratings("planted", null, centring, null),
        new InitSpec.SmallRandom(alpha, null), null, new StopSpec(iterations, null, null, null, null), null, width,
        seed, null, null);
  }

  /** Entries as parsed data with ids "0", "1", ... */
  static TripletFiles.Data data(ObservedEntries e) {
    String[] rows = new String[e.rows()];
    String[] cols = new String[e.cols()];
    java.util.Arrays.setAll(rows, Integer::toString);
    java.util.Arrays.setAll(cols, Integer::toString);
    return new TripletFiles.Data(null, "memory", null, rows, cols, e, e.size(), 0);
  }

  /** Observed entries of a planted n1 x n2 rank-r matrix, each with probability p. */
  static ObservedEntries planted(int n1, int n2, int r, double p, long seed) {
    AsymmetricGroundTruth t = AsymmetricGroundTruth.generate(n1, n2, r, 2.0, seed);
    SplittableRandom rng = Seeds.rng(seed + 17);
    List<int[]> pos = new ArrayList<>();
    for (int i = 0; i < n1; i++) {
      for (int j = 0; j < n2; j++) {
        if (rng.nextDouble() < p) {
          pos.add(new int[] {i, j});
        }
      }
    }
    int[] rows = new int[pos.size()];
    int[] cols = new int[pos.size()];
    double[] v = new double[pos.size()];
    for (int e = 0; e < rows.length; e++) {
      rows[e] = pos.get(e)[0];
      cols[e] = pos.get(e)[1];
      v[e] = t.target().get(rows[e], cols[e]);
    }
    return ObservedEntries.of(n1, n2, rows, cols, v);
  }

  /**
   * Rank-free on a planted rank-5 matrix with width 50 (ten times too wide): GD grows the five
   * signal directions; the other 45 start at ~alpha^2 and are amplified only while the signal is
   * being fitted (by ~2e3 here: from alpha = 1e-3 they end near 2e-3 sigma_1, above the threshold,
   * so this test uses alpha = 1e-5), staying far below the 1e-3 sigma_1 threshold of docs/math.md §9.
   */
  @Test
  void recoversTheNumericalRankOfAPlantedRank5Matrix() {
    TripletFiles.Data data = data(planted(120, 100, 5, 0.4, 3));
    RunSpec spec = ratings(Centring.NONE, 1e-5, 3000, 50, 1);
    CompletionResult r = RankFreeCompletion.run(spec, data, List.of());
    assertThat(r.numericalRank()).as("singular values %s", java.util.Arrays.toString(r.singularValues())).isEqualTo(5);
    assertThat(r.validationRmse()).isLessThan(Tol.RANK_FREE_FIT * r.baselineValidationRmse());
  }

  @Test
  void refusesAFactorModelThatWouldNotFitWithTheEstimate() {
    ObservedEntries huge = ObservedEntries.of(3_000_000, 2_000_000, new int[] {0, 1}, new int[] {0, 1},
        new double[] {1, 2});
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RankFreeCompletion.run(ratings(Centring.BIASES, 1e-3, 10,
            100, 1), data(huge), List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the factor model (3000000 x 2000000 matrix, width 100")
        .hasMessageContaining("needs 22.4 GiB").hasMessageContaining("lower the width");
  }

  @Test
  void isDeterministicPerSeed() {
    TripletFiles.Data data = data(planted(40, 30, 2, 0.5, 4));
    RunSpec spec = ratings(null, null, 200, null, 7);
    CompletionResult a = RankFreeCompletion.run(spec, data, List.of());
    CompletionResult b = RankFreeCompletion.run(spec, data, List.of());
    assertThat(a.left()).isEqualTo(b.left());
    assertThat(a.validationRmse()).isEqualTo(b.validationRmse());
  }

  @Test
  void biasesCaptureAnAdditiveMatrixExactly() {
    int n1 = 30;
    int n2 = 20;
    int[] rows = new int[n1 * n2];
    int[] cols = new int[n1 * n2];
    double[] v = new double[n1 * n2];
    for (int i = 0; i < n1; i++) {
      for (int j = 0; j < n2; j++) {
        rows[i * n2 + j] = i;
        cols[i * n2 + j] = j;
        v[i * n2 + j] = 3.0 + 0.1 * i - 0.05 * j;
      }
    }
    ObservedEntries data = ObservedEntries.of(n1, n2, rows, cols, v);
    Baseline b = Baseline.fit(data, java.util.stream.IntStream.range(0, data.size()).toArray(), Centring.BIASES, 0.0);
    for (int e = 0; e < data.size(); e++) {
      assertThat(b.at(data.row(e), data.col(e))).isCloseTo(data.value(e), org.assertj.core.data.Offset.offset(1e-6));
    }
  }

  /** The facts of docs/data.md. */
  @Test
  void movieLensParserMatchesTheDocumentedFacts() throws IOException {
    TripletFiles.Data d = TripletFiles.read(RealData.require("movielens_small.csv"), TripletFiles.Duplicates.ERROR);
    assertThat(d.records()).isEqualTo(100_004);
    assertThat(d.entries().size()).isEqualTo(100_004);
    assertThat(d.entries().rows()).isEqualTo(671);
    assertThat(d.entries().cols()).isEqualTo(9_066);
    assertThat(d.header()).containsExactly("userId", "movieId", "rating");
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int e = 0; e < d.entries().size(); e++) {
      double v = d.entries().value(e);
      sum += v;
      min = Math.min(min, v);
      max = Math.max(max, v);
      assertThat(2 * v).isEqualTo(Math.rint(2 * v));
    }
    assertThat(sum / d.entries().size()).isCloseTo(3.544, org.assertj.core.data.Offset.offset(Tol.MOVIELENS_MEAN));
    assertThat(min).isEqualTo(0.5);
    assertThat(max).isEqualTo(5.0);
    assertThat(java.util.Arrays.stream(d.colIds()).mapToInt(Integer::parseInt).max().getAsInt()).isEqualTo(163_949);
  }

  /**
   * MovieLens-small, 10 % hold-out, seed 1, default settings: the rank-free model beats the
   * bias-only baseline on the held-out ratings (measured: 0.8826 vs 0.8916).
   */
  @Test
  void movieLensHoldOutRmseBeatsTheBiasOnlyBaseline() throws IOException {
    TripletFiles.Data d = TripletFiles.read(RealData.require("movielens_small.csv"), TripletFiles.Duplicates.ERROR);
    CompletionResult r = RankFreeCompletion.run(ratings(null, null, null, null, 1), d, List.of());
    assertThat(r.solve().termination()).isEqualTo(Termination.EARLY_STOPPED);
    assertThat(r.validationEntries()).isEqualTo(10_000);
    assertThat(r.validationRmse()).isLessThan(r.baselineValidationRmse() - Tol.MOVIELENS_RMSE_GAIN);
    assertThat(r.baselineValidationRmse()).isBetween(0.85, 0.95);
  }

  /** camera.png at 30 % observed: completion beats filling with the mean (measured 23.9 vs 12.3 dB). */
  @Test
  void inpaintingTheCameraImageBeatsMeanFill() throws IOException {
    Images.Picture pic = Images.read(RealData.require("images/camera.png"));
    assertThat(pic.grey()).isTrue();
    assertThat(pic.width()).isEqualTo(512);
    RunSpec spec = new RunSpec(new ProblemSpec.Ratings("camera.png", null, null, 0.0), null, null, null, null, null,
        1L, null, null);
    Inpainting.Result r = Inpainting.run(pic.planes(), pic.height(), pic.width(), 0.3, spec, List.of());
    assertThat(r.observed()).isBetween(76_000, 81_000);
    assertThat(r.psnr()).isGreaterThan(r.meanFillPsnr() + Tol.INPAINT_PSNR_GAIN_DB);
  }
}
