package io.lowrank.experiment.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesTest {
  @TempDir
  Path tmp;

  @Test
  void quantiseIsWhatAWrittenPngReadsBackAs() throws IOException {
    double[] g = {-0.5, 0.0, 0.1, 0.501, 0.999, 1.0, 3.0, Double.NaN};
    Path file = tmp.resolve("g.png");
    Images.writePng(file, new Images.Picture(g.length, 1, new double[][] {g}));
    Images.Picture back = Images.read(file);
    for (int p = 0; p < g.length; p++) {
      assertThat(back.planes()[0][p]).as("pixel %d", p).isEqualTo(Images.quantise(g[p]));
    }
    assertThat(Images.quantise(0.1)).isEqualTo(26 / 255.0);
  }

  @Test
  void colourPicturesRoundTripThroughTheirImage() throws IOException {
    double[][] rgb = {{0.0, 1.0, 0.5, 0.2}, {1.0, 0.0, 0.5, 0.4}, {0.25, 0.75, 0.5, 0.6}};
    BufferedImage img = Images.toImage(new Images.Picture(2, 2, rgb));
    assertThat(img.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
    Path file = tmp.resolve("c.png");
    Images.writePng(file, img);
    Images.Picture back = Images.read(file);
    assertThat(back.planes()).hasNumberOfRows(3);
    for (int c = 0; c < 3; c++) {
      for (int p = 0; p < 4; p++) {
        assertThat(back.planes()[c][p]).isEqualTo(Images.quantise(rgb[c][p]));
      }
    }
  }

  @Test
  void aPictureWithTwoPlanesOrAShortPlaneIsRefused() {
    assertThatThrownBy(() -> Images.toImage(new Images.Picture(1, 1, new double[][] {{0.1}, {0.2}})))
        .hasMessageContaining("1 (grey) or 3 (RGB) planes, not 2");
    assertThatThrownBy(() -> Images.toImage(new Images.Picture(2, 2, new double[][] {{0.1}})))
        .hasMessageContaining("has 1 values, expected 4");
  }
}
