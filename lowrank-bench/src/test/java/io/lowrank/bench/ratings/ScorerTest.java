package io.lowrank.bench.ratings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import org.junit.jupiter.api.Test;

class ScorerTest {
  private final Ratings test = new Ratings(new int[] {0, 0, 1}, new int[] {0, 1, 1}, new double[] {1, 5, 3}, 2, 2);

  @Test
  void rmseClipsPredictionsToTheRatingRange() {
    Scorer s = new Scorer(1, 5);
    // predictions 0 -> 1 (error 0), 7 -> 5 (error 0), 4 (error 1): RMSE sqrt(1/3)
    assertThat(s.rmse(new double[] {0, 7, 4}, test)).isCloseTo(Math.sqrt(1.0 / 3), offset(1e-15));
    RatingModel m = (u, i) -> u == 1 ? 4 : (i == 0 ? 0 : 7);
    assertThat(s.rmse(m, test)).isCloseTo(Math.sqrt(1.0 / 3), offset(1e-15));
    assertThat(Planted.noClip().rmse(new double[] {0, 7, 4}, test)).isCloseTo(Math.sqrt(6.0 / 3), offset(1e-15));
  }

  @Test
  void theRangeIsThatOfTheTrainingRatings() {
    Scorer s = Scorer.rangeOf(test);
    assertThat(s.lo).isEqualTo(1);
    assertThat(s.hi).isEqualTo(5);
  }

  @Test
  void nonFinitePredictionsAreErrors() {
    assertThatThrownBy(() -> new Scorer(1, 5).rmse(new double[] {Double.NaN, 1, 1}, test))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
