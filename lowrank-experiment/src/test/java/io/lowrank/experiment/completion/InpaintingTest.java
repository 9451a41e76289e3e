package io.lowrank.experiment.completion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowrank.experiment.formats.BadInputException;
import io.lowrank.experiment.formats.Images;
import io.lowrank.experiment.spec.Centring;
import io.lowrank.experiment.spec.ProblemSpec;
import io.lowrank.experiment.spec.RunSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class InpaintingTest {
  static RunSpec spec(long seed, Centring centring) {
    return new RunSpec(new ProblemSpec.Ratings("image", null, centring, 0.0), null, null, null, null, null, seed, null,
        null);
  }

  /** A 40 x 48 image of rank 2 (plus the centring's offsets), values in [0.1, 0.9]. */
  static double[] planted(int h, int w) {
    double[] g = new double[h * w];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        g[y * w + x] = 0.5 + 0.25 * Math.sin(y / 4.0) * Math.cos(x / 5.0) + 0.15 * Math.cos(y / 3.0 + 1) * Math.sin(x / 7.0);
      }
    }
    return g;
  }

  static double psnr(double[] rec, double[] original) {
    double se = 0;
    for (int p = 0; p < rec.length; p++) {
      double d = Images.quantise(rec[p]) - original[p];
      se += d * d;
    }
    return Inpainting.psnr(se / rec.length);
  }

  @Test
  void onAPlantedLowRankImageBothFitsBeatMeanFillAndThePsnrsAreThoseOfThe8BitImages() {
    int h = 40;
    int w = 48;
    double[] g = planted(h, w);
    Inpainting.Result r = Inpainting.run(new double[][] {g}, h, w, 0.4, spec(1, null), List.of());
    assertThat(r.nuclearPsnr()).isGreaterThan(r.meanFillPsnr() + 10);
    assertThat(r.psnr()).isGreaterThan(r.meanFillPsnr() + 10);
    assertThat(r.nuclear()).hasSize(1);
    assertThat(psnr(r.reconstructed()[0], g)).isEqualTo(r.psnr());
    assertThat(psnr(r.nuclearReconstructed()[0], g)).isEqualTo(r.nuclearPsnr());
    assertThat(psnr(r.meanFilled()[0], g)).isEqualTo(r.meanFillPsnr());
    for (int p = 0; p < g.length; p++) {
      if (r.mask()[p]) {
        assertThat(r.nuclearReconstructed()[0][p]).isEqualTo(g[p]);
      }
    }
    // the low-rank fill is the refit on every observed pixel, for the chosen number of iterations
    Inpainting.Refit refit = r.refits().get(0);
    assertThat(refit).isNotNull();
    assertThat(refit.diverged()).isFalse();
    assertThat(refit.iterations()).isEqualTo(r.channels().get(0).chosenIteration()).isPositive();
    for (int p = 0; p < g.length; p++) {
      if (!r.mask()[p]) {
        double want = Math.max(0, Math.min(1, refit.predict(p / w, p % w)));
        assertThat(r.reconstructed()[0][p]).isEqualTo(want);
      }
    }
    assertThat(r.nuclear().get(0).refitIterations()).isPositive();
  }

  @Test
  void aHoldOutOfZeroIsRefused() {
    double[] g = planted(20, 24);
    RunSpec none = spec(1, null).withStop(new io.lowrank.experiment.spec.StopSpec(null, null, null, null,
        io.lowrank.experiment.spec.StopSpec.EarlyStopping.off()));
    assertThatThrownBy(() -> Inpainting.run(new double[][] {g}, 20, 24, 0.5, none, List.of()))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("the hold-out is 0; accepted: a hold-out between 0 and 1");
  }

  @Test
  void withoutTheNuclearBaselineItsFieldsAreEmpty() {
    double[] g = planted(20, 24);
    Inpainting.Result r = Inpainting.run(new double[][] {g}, 20, 24, 0.5, spec(1, null), List.of(), false);
    assertThat(r.nuclearReconstructed()).isNull();
    assertThat(r.nuclearPsnr()).isNaN();
    assertThat(r.nuclear()).isEmpty();
  }

  /** A constant 8-bit image: every method is exact (PSNR +infinity, never a finite 300 dB of round-off). */
  @Test
  void aConstantImageIsRecoveredExactlyByEveryMethod() {
    double[] g = new double[30 * 20];
    java.util.Arrays.fill(g, 128 / 255.0);
    Inpainting.Result r = Inpainting.run(new double[][] {g}, 30, 20, 0.3, spec(1, null), List.of());
    assertThat(r.failed()).isFalse();
    assertThat(Inpainting.Result.exact(r.psnr())).isTrue();
    assertThat(Inpainting.Result.exact(r.nuclearPsnr())).isTrue();
    assertThat(Inpainting.Result.exact(r.meanFillPsnr())).isTrue();
  }

  @Test
  void everyPixelObservedIsExactWithoutAFit() {
    double[] g = {51 / 255.0, 178 / 255.0};
    for (long seed = 1; seed < 40; seed++) {
      boolean[] m = Inpainting.mask(1, 2, 0.5, seed);
      if (m[0] && m[1]) {
        Inpainting.Result r = Inpainting.run(new double[][] {g}, 1, 2, 0.5, spec(seed, null), List.of());
        assertThat(r.missing()).isZero();
        assertThat(r.channels()).isEmpty();
        assertThat(Inpainting.Result.exact(r.psnr())).isTrue();
        return;
      }
    }
    throw new AssertionError("no seed below 40 observes both pixels");
  }

  @Test
  void tooFewObservedPixelsAreRefusedWithTheReason() {
    double[] g = {0.2, 0.7};
    int refused = 0;
    for (long seed = 1; seed < 20; seed++) {
      boolean[] m = Inpainting.mask(1, 2, 0.5, seed);
      if (!(m[0] && m[1])) {
        long s = seed;
        assertThatThrownBy(() -> Inpainting.run(new double[][] {g}, 1, 2, 0.5, spec(s, null), List.of()))
            .isInstanceOf(BadInputException.class)
            .hasMessageContaining("of the 2 pixels of the 2 x 1 image")
            .hasMessageContaining("; accepted: a larger observed fraction (--observe)")
            .hasMessageNotContaining("step");
        refused++;
      }
    }
    assertThat(refused).isPositive();
  }

  /** One row: the row and column offsets fit every training pixel, so there is nothing left for a factor model. */
  @Test
  void anImageOfOneRowIsRefusedUnlessCentredByTheMeanOnly() {
    double[] g = new double[50];
    for (int x = 0; x < g.length; x++) {
      g[x] = 0.3 + 0.4 * ((x * 7) % 11) / 11.0;
    }
    assertThatThrownBy(() -> Inpainting.run(new double[][] {g}, 1, 50, 0.5, spec(2, null), List.of()))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("the 50 x 1 image has")
        .hasMessageContaining("the centring baseline (biases) fits every one of them exactly")
        .hasMessageContaining("accepted: an image with more rows and columns or a larger --observe, or --centring mean")
        .hasMessageNotContaining("step");
    Inpainting.Result r = Inpainting.run(new double[][] {g}, 1, 50, 0.5, spec(2, Centring.MEAN), List.of());
    assertThat(r.psnr()).isFinite();
    assertThat(r.nuclearPsnr()).isFinite();
  }
}
