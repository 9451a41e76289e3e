package io.lowrank.experiment.completion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowrank.experiment.formats.BadInputException;
import io.lowrank.experiment.formats.ObservedEntries;
import io.lowrank.random.Seeds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The estimator API: fit, predict, recommend, save/load, warm start, refit, cold start, numerical rank. */
class CompleterTest {
  @TempDir
  Path dir;

  /**
   * A planted n1 x n2 rank-r matrix (zero mean) observed with probability p, plus Gaussian noise of
   * {@code noise} times the entries' RMS, with string ids.
   */
  static Ratings planted(int n1, int n2, int r, double p, double noise, long seed) {
    ObservedEntries e = RankFreeCompletionTest.planted(n1, n2, r, p, seed);
    SplittableRandom rng = Seeds.rng(seed + 99);
    List<String> rows = new ArrayList<>();
    List<String> cols = new ArrayList<>();
    double rms = 0;
    for (int q = 0; q < e.size(); q++) {
      rms += e.value(q) * e.value(q) / e.size();
    }
    double[] v = new double[e.size()];
    Seeds.gaussian(rng, noise * Math.sqrt(rms), v, 0, v.length);
    for (int q = 0; q < e.size(); q++) {
      rows.add("user " + e.row(q));
      cols.add("item-" + e.col(q));
      v[q] += e.value(q);
    }
    return Ratings.of(rows, cols, v);
  }

  @Test
  void numericalRankEqualsThePlantedRankAtTheDefaultAlpha() {
    for (int r : new int[] {3, 5}) {
      for (double noise : new double[] {0.0, 0.1}) {
        CompletionModel m = Completer.builder().build().fit(planted(150, 120, r, 0.4, noise, 10 + r));
        assertThat(m.numericalRank()).as("r = %d, noise %s: singular values %s, threshold %s", r, noise,
            Arrays.toString(Arrays.copyOf(m.singularValues(), 10)), m.rankThreshold()).isEqualTo(r);
      }
    }
  }

  @Test
  void saveThenLoadGivesBitIdenticalPredictionsAndRecommendations() throws Exception {
    Ratings data = planted(60, 40, 2, 0.5, 0.05, 1);
    CompletionModel m = Completer.builder().iterations(400).build().fit(data);
    m.save(dir.resolve("model"));
    CompletionModel back = CompletionModel.load(dir.resolve("model"));
    for (String row : m.rowIds()) {
      for (String col : m.colIds()) {
        assertThat(Double.doubleToLongBits(back.predict(row, col))).isEqualTo(Double.doubleToLongBits(m.predict(row, col)));
      }
    }
    assertThat(back.recommendAll(5, true)).isEqualTo(m.recommendAll(5, true));
    assertThat(back.numericalRank()).isEqualTo(m.numericalRank());
    assertThat(back.history().validationRmse()).containsExactly(m.history().validationRmse());
    assertThat(back.spec()).isEqualTo(m.spec());
    assertThat(back.seen("user 0", m.colIds()[0])).isEqualTo(m.seen("user 0", m.colIds()[0]));
  }

  @Test
  void loadRefusesATamperedOrIncompleteDirectory() throws Exception {
    CompletionModel m = Completer.builder().iterations(50).build().fit(planted(30, 20, 2, 0.5, 0.0, 2));
    Path d = dir.resolve("m");
    m.save(d);
    Files.writeString(d.resolve("row_ids.csv"), "id\nx\n");
    assertThatThrownBy(() -> CompletionModel.load(d)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("row_ids.csv does not match the SHA-256");
    Files.delete(d.resolve("model.json"));
    assertThatThrownBy(() -> CompletionModel.load(d)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("has no model.json");
    m.save(d);
    Files.writeString(d.resolve("model.json"), Files.readString(d.resolve("model.json")).replace("\"version\" : 1",
        "\"version\" : 7"));
    assertThatThrownBy(() -> CompletionModel.load(d)).hasMessageContaining("format version 7");
  }

  @Test
  void aWarmStartContinuesTheSameTrajectory() {
    Ratings data = planted(50, 40, 2, 0.5, 0.0, 3);
    Completer base = Completer.builder().patience(100000).build();
    Completer first = Completer.builder().patience(100000).iterations(300).refit(false).build();
    CompletionModel at300 = first.fit(data);
    assertThat(at300.history().chosenIteration()).as("validation still improving at 300").isEqualTo(300);
    CompletionModel continued = Completer.builder().patience(100000).iterations(100).refit(false).build()
        .warmStart(at300).fit(data);
    CompletionModel straight = Completer.builder().patience(100000).iterations(400).refit(false).build().fit(data);
    assertThat(straight.history().chosenIteration()).isEqualTo(400);
    assertThat(continued.history().chosenIteration()).isEqualTo(100);
    assertThat(continued.left().data()).containsExactly(straight.left().data());
    assertThat(continued.right().data()).containsExactly(straight.right().data());
    assertThat(base.spec().stop().iterations()).isEqualTo(5000);
  }

  @Test
  void aWarmStartOnNewDataKeepsKnownIdsAndStartsNewOnesSmall() {
    Ratings data = planted(40, 30, 2, 0.5, 0.0, 4);
    CompletionModel m = Completer.builder().iterations(200).refit(false).build().fit(data);
    List<String> rows = new ArrayList<>(List.of("newcomer", "newcomer"));
    List<String> cols = new ArrayList<>(List.of(m.colIds()[0], m.colIds()[1]));
    List<Double> values = new ArrayList<>(List.of(0.5, -0.5));
    var e = data.data().entries();
    for (int q = 0; q < e.size(); q++) {
      rows.add(m.rowIds()[e.row(q)]);
      cols.add(m.colIds()[e.col(q)]);
      values.add(e.value(q));
    }
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    CompletionModel w = Completer.builder().iterations(0).refit(false).build().warmStart(m)
        .fit(Ratings.of(rows, cols, v));
    int known = w.rowIndex(m.rowIds()[0]);
    assertThat(Arrays.copyOfRange(w.left().data(), known * w.width(), (known + 1) * w.width()))
        .containsExactly(Arrays.copyOfRange(m.left().data(), 0, m.width()));
    int fresh = w.rowIndex("newcomer");
    double norm = 0;
    for (int t = 0; t < w.width(); t++) {
      norm = Math.max(norm, Math.abs(w.left().get(fresh, t)));
    }
    assertThat(norm).isLessThan(0.1);
  }

  @Test
  void refitRetrainsOnAllEntriesForTheChosenNumberOfIterations() {
    Ratings data = planted(60, 50, 2, 0.4, 0.2, 5);
    Completer.Fit fit = Completer.builder().build().fitDetailed(data);
    CompletionModel m = fit.model();
    assertThat(m.summary().refit()).isTrue();
    assertThat(m.summary().trainEntries()).isEqualTo(data.size());
    assertThat(m.summary().iterations()).as(fit.refit().solve().toString())
        .isEqualTo(fit.first().chosenIteration()).isPositive();
    assertThat(fit.first().trainEntries()).isLessThan(data.size());
    CompletionModel plain = Completer.builder().refit(false).build().fit(data);
    assertThat(plain.summary().refit()).isFalse();
    assertThat(Completer.DEFAULT_REFIT).isTrue();
    assertThat(m.left().data()).isNotEqualTo(plain.left().data());
  }

  @Test
  void recommendLeavesOutSeenColumnsAndRanksByPrediction() {
    Ratings data = planted(40, 30, 2, 0.5, 0.0, 6);
    CompletionModel m = Completer.builder().iterations(300).build().fit(data);
    for (String row : m.rowIds()) {
      List<Recommendation> rec = m.recommend(row, 5, true);
      assertThat(rec).hasSize(5);
      for (Recommendation r : rec) {
        assertThat(m.seen(row, r.colId())).as("%s recommended to %s but seen", r.colId(), row).isFalse();
        assertThat(r.score()).isEqualTo(m.predict(row, r.colId()));
      }
      for (int k = 1; k < rec.size(); k++) {
        assertThat(rec.get(k).score()).isLessThanOrEqualTo(rec.get(k - 1).score());
      }
      double best = Arrays.stream(m.colIds()).mapToDouble(c -> m.predict(row, c)).max().orElseThrow();
      assertThat(m.recommend(row, 1, false).get(0).score()).isEqualTo(best);
    }
    assertThat(m.recommendAll(3, true)).hasSize(m.rowIds().length);
  }

  @Test
  void coldStartPolicies() {
    Ratings data = planted(30, 20, 2, 0.5, 0.0, 7);
    CompletionModel m = Completer.builder().iterations(100).build().fit(data);
    String col = m.colIds()[3];
    assertThatThrownBy(() -> m.predict("stranger", col)).isInstanceOf(UnknownIdException.class)
        .hasMessageContaining("row id 'stranger' was never seen");
    assertThat(m.predict("stranger", col, ColdStart.SKIP)).isNaN();
    assertThat(m.predict("stranger", col, ColdStart.BIAS_ONLY))
        .isEqualTo(m.baseline().mean() + m.baseline().colBias()[3]);
    assertThat(m.recommend("stranger", 3, true, ColdStart.SKIP)).isEmpty();
    assertThat(m.recommend("stranger", 1, true, ColdStart.BIAS_ONLY).get(0).colId())
        .isEqualTo(m.colIds()[argmax(m.baseline().colBias())]);
    assertThatThrownBy(() -> m.recommend("stranger", 3, true)).isInstanceOf(UnknownIdException.class);
  }

  private static int argmax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  @Test
  void badOptionsAreRefusedWithTheirName() {
    assertThatThrownBy(() -> Completer.builder().width(0).build()).isInstanceOf(BadInputException.class)
        .hasMessageContaining("width 0");
    assertThatThrownBy(() -> Completer.builder().holdOut(1.5).build()).hasMessageContaining("hold_out 1.5");
    assertThatThrownBy(() -> Ratings.of(List.of("a", ""), List.of("x", "y"), new double[] {1, 2}))
        .hasMessageContaining("empty id");
    assertThatThrownBy(() -> Ratings.of(List.of("a", "a"), List.of("x", "x"), new double[] {1, 2}))
        .hasMessageContaining("observed twice");
  }
}
