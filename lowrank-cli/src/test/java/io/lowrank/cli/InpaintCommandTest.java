package io.lowrank.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lowrank.experiment.formats.Images;
import io.lowrank.experiment.output.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InpaintCommandTest {
  @TempDir
  static Path tmp;
  static Path image;

  /** A smooth 48 x 64 rank-2 grey image. */
  @BeforeAll
  static void writeImage() throws IOException {
    int h = 48;
    int w = 64;
    double[] g = new double[h * w];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        g[y * w + x] = 0.5 + 0.3 * Math.sin(y / 7.0) * Math.cos(x / 9.0) + 0.15 * Math.cos(y / 5.0);
      }
    }
    image = tmp.resolve("smooth.png");
    Images.writePng(image, new Images.Picture(w, h, new double[][] {g}));
  }

  @Test
  void reconstructsAndBeatsMeanFill() throws IOException {
    Path out = tmp.resolve("out");
    CliRun run = CliRun.of("inpaint", image.toString(), "--observe", "0.3", "--out", out.toString(), "--json");
    assertThat(run.status()).as(run.err()).isZero();
    JsonNode s = Json.mapper().readTree(run.out());
    assertThat(s.get("psnr_db").asDouble()).isGreaterThan(s.get("mean_fill_psnr_db").asDouble() + 10);
    for (String f : new String[] {"reconstructed.png", "mask.png", "observed.png", "mean_filled.png", "summary.json"}) {
      assertThat(out.resolve(f)).exists();
    }
    Images.Picture mask = Images.read(out.resolve("mask.png"));
    double observed = 0;
    for (double v : mask.planes()[0]) {
      observed += v;
    }
    assertThat(observed).isEqualTo(s.get("observed_pixels").asDouble());
  }

  @Test
  void perChannelWritesAColourReconstruction() throws IOException {
    int h = 24;
    int w = 32;
    double[][] rgb = new double[3][h * w];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        rgb[0][y * w + x] = 0.5 + 0.4 * Math.sin(y / 5.0);
        rgb[1][y * w + x] = 0.5 + 0.4 * Math.cos(x / 6.0);
        rgb[2][y * w + x] = 0.3 + 0.2 * Math.sin(y / 4.0) * Math.cos(x / 3.0);
      }
    }
    Path colour = tmp.resolve("colour.png");
    Images.writePng(colour, new Images.Picture(w, h, rgb));
    Path out = tmp.resolve("colour-out");
    CliRun run = CliRun.of("inpaint", colour.toString(), "--per-channel", "--out", out.toString(), "--json");
    assertThat(run.status()).as(run.err()).isZero();
    JsonNode s = Json.mapper().readTree(run.out());
    assertThat(s.get("channels").asInt()).isEqualTo(3);
    assertThat(s.get("per_channel")).hasSize(3);
    assertThat(s.get("psnr_db").asDouble()).isGreaterThan(s.get("mean_fill_psnr_db").asDouble());
    assertThat(Images.read(out.resolve("reconstructed.png")).planes()).hasNumberOfRows(3);
    CliRun grey = CliRun.of("inpaint", colour.toString(), "--out", tmp.resolve("grey-out").toString(), "--json");
    assertThat(Json.mapper().readTree(grey.out()).get("channels").asInt()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "--observe 1.5|--observe 1.5 is invalid; accepted: 0 < --observe < 1",
      "--observe 0|--observe 0 is invalid",
      "--alpha -1|--alpha -1 is invalid",
      "--width 500|width 500 exceeds min(rows, columns) = 48 of the data"})
  void badOptionsAreOneLineAndExit2(String options, String fragment) {
    String[] opts = options.split(" ");
    String[] args = new String[2 + opts.length];
    args[0] = "inpaint";
    args[1] = image.toString();
    System.arraycopy(opts, 0, args, 2, opts.length);
    CliRun run = CliRun.of(args);
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).startsWith("lowrank inpaint: error: ").contains(fragment);
    assertThat(run.err().strip().lines().count()).isEqualTo(1);
  }

  @Test
  void notAnImageOrMissingIsExit2() throws IOException {
    Path text = tmp.resolve("note.png");
    Files.writeString(text, "not a picture");
    CliRun run = CliRun.of("inpaint", text.toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("is not an image Java can read");
    CliRun missing = CliRun.of("inpaint", tmp.resolve("nope.png").toString());
    assertThat(missing.status()).isEqualTo(2);
    assertThat(missing.err()).contains("no such file");
  }
}
