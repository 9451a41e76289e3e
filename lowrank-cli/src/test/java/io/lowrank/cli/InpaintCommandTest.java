package io.lowrank.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lowrank.experiment.formats.Images;
import io.lowrank.experiment.output.Json;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
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
    for (String f : new String[] {"reconstructed.png", "nuclear.png", "mask.png", "observed.png", "mean_filled.png",
        "panel.png", "psnr.csv", "nuclear_path.csv", "summary.json"}) {
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
    assertThat(missing.err()).contains("nope.png does not exist; accepted: an image file");
  }

  /** PSNR (peak 1) of a written 8-bit PNG against the original picture. */
  static double psnrOf(Path png, Images.Picture original) throws IOException {
    Images.Picture rec = Images.read(png);
    double se = 0;
    int n = 0;
    for (int c = 0; c < original.planes().length; c++) {
      for (int p = 0; p < original.planes()[c].length; p++) {
        double d = rec.planes()[c][p] - original.planes()[c][p];
        se += d * d;
        n++;
      }
    }
    return 10 * Math.log10(n / se);
  }

  /**
   * The panel is a PNG of five tiles (original, observed, lowrank, nuclear norm, mean fill) whose
   * pixels are those of the written images; the PSNRs of summary.json and psnr.csv are those
   * recomputed from the written PNGs; on this planted low-rank image both fits beat mean fill.
   */
  @Test
  void panelAndPsnrsAreThoseOfTheWrittenImages() throws IOException {
    Path out = tmp.resolve("panel-out");
    CliRun run = CliRun.of("inpaint", image.toString(), "--observe", "0.3", "--out", out.toString(), "--json");
    assertThat(run.status()).as(run.err()).isZero();
    JsonNode s = Json.mapper().readTree(run.out());
    Images.Picture original = Images.read(image);
    assertThat(s.get("psnr_db").asDouble()).isCloseTo(psnrOf(out.resolve("reconstructed.png"), original),
        org.assertj.core.data.Offset.offset(1e-9));
    assertThat(s.get("nuclear_psnr_db").asDouble()).isCloseTo(psnrOf(out.resolve("nuclear.png"), original),
        org.assertj.core.data.Offset.offset(1e-9));
    assertThat(s.get("mean_fill_psnr_db").asDouble()).isCloseTo(psnrOf(out.resolve("mean_filled.png"), original),
        org.assertj.core.data.Offset.offset(1e-9));
    assertThat(s.get("nuclear_psnr_db").asDouble()).isGreaterThan(s.get("mean_fill_psnr_db").asDouble() + 10);
    assertThat(s.get("nuclear")).hasSize(1);
    assertThat(s.get("nuclear").get(0).get("lambda").asDouble()).isPositive();

    List<String> csv = Files.readAllLines(out.resolve("psnr.csv"));
    assertThat(csv.get(0)).isEqualTo("method,psnr_db,exact");
    String[] keys = {"psnr_db", "nuclear_psnr_db", "mean_fill_psnr_db"};
    String[] methods = {"lowrank", "nuclear", "mean_fill"};
    for (int m = 0; m < 3; m++) {
      String[] row = csv.get(m + 1).split(",");
      assertThat(row[0]).isEqualTo(methods[m]);
      assertThat(Double.parseDouble(row[1])).isEqualTo(s.get(keys[m]).asDouble());
      assertThat(row[2]).isEqualTo("false");
    }
    assertThat(Files.readAllLines(out.resolve("nuclear_path.csv")).get(0))
        .isEqualTo("channel,stage,lambda,lambda_fraction,iterations,validation_rmse,chosen");

    BufferedImage panel = ImageIO.read(out.resolve("panel.png").toFile());
    assertThat(panel).as("panel.png is a PNG ImageIO can read").isNotNull();
    InpaintPanel.Layout l = InpaintPanel.Layout.of(64, 48);
    // 64 x 48 is zoomed 2x to 128 x 96 tiles in cells of 132 (the narrowest cell)
    assertThat(panel.getWidth()).isEqualTo(l.width(5)).isEqualTo(8 + 5 * (132 + 8));
    assertThat(panel.getHeight()).isEqualTo(l.height()).isEqualTo(8 + 96 + 40 + 8);
    BufferedImage originalImage = ImageIO.read(image.toFile());
    Images.Picture mask = Images.read(out.resolve("mask.png"));
    BufferedImage[] tiles = {originalImage, null, ImageIO.read(out.resolve("reconstructed.png").toFile()),
        ImageIO.read(out.resolve("nuclear.png").toFile()), ImageIO.read(out.resolve("mean_filled.png").toFile())};
    for (int k = 0; k < 5; k++) {
      for (int y = 0; y < 48; y++) {
        for (int x = 0; x < 64; x++) {
          int got = panel.getRGB(l.tileX(k) + 2 * x + 1, l.tileY() + 2 * y + 1) & 0xffffff;
          int want = k != 1 ? tiles[k].getRGB(x, y)
              : mask.planes()[0][y * 64 + x] > 0.5 ? originalImage.getRGB(x, y) : InpaintPanel.MISSING.getRGB();
          assertThat(got).as("tile %d pixel (%d, %d)", k, x, y).isEqualTo(want & 0xffffff);
        }
      }
    }
    int inked = 0;
    for (int y = l.tileY() + 96; y < panel.getHeight(); y++) {
      for (int x = 0; x < panel.getWidth(); x++) {
        inked += (panel.getRGB(x, y) & 0xffffff) != 0xffffff ? 1 : 0;
      }
    }
    assertThat(inked).as("label pixels drawn under the tiles").isGreaterThan(500);
  }

  /** A constant image: every method exact; printed as such, never as "Infinity"; JSON PSNRs null. */
  @Test
  void aConstantImageIsExactAndNeverPrintsInfinity() throws IOException {
    double[] g = new double[30 * 40];
    Arrays.fill(g, 0.6);
    Path flat = tmp.resolve("flat.png");
    Images.writePng(flat, new Images.Picture(40, 30, new double[][] {g}));
    Path out = tmp.resolve("flat-out");
    CliRun run = CliRun.of("inpaint", flat.toString(), "--out", out.toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("PSNR       exact (all missing pixels recovered)  (nuclear norm: exact, mean fill: exact)")
        .doesNotContain("Infinity").doesNotContain("NaN");
    JsonNode s = Json.mapper().readTree(out.resolve("summary.json").toFile());
    assertThat(s.get("psnr_db").isNull()).isTrue();
    assertThat(s.get("exact")).hasSize(3);
    assertThat(Files.readString(out.resolve("psnr.csv"))).contains("lowrank,,true").doesNotContain("Infinity");
    assertThat(ImageIO.read(out.resolve("panel.png").toFile())).isNotNull();
  }

  /** Nearly every pixel observed: the PSNR is a number or "exact", never "Infinity". */
  @Test
  void nearlyEveryPixelObservedNeverPrintsInfinity() throws IOException {
    for (String observe : new String[] {"0.99", "0.9999"}) {
      CliRun run = CliRun.of("inpaint", image.toString(), "--observe", observe, "--out",
          tmp.resolve("near-" + observe).toString());
      assertThat(run.status()).as(run.err()).isZero();
      assertThat(run.out()).contains("PSNR ").doesNotContain("Infinity").doesNotContain("NaN");
      assertThat(run.err()).doesNotContain("Infinity");
    }
  }

  /**
   * Tiny images (1 x 2, 2 x 1, 2 x 2, one row of 50): a working result or one specific line with
   * exit 2 — never a message about the step size, never "Infinity".
   */
  @ParameterizedTest(name = "{0} x {1}")
  @CsvSource({"2, 1", "1, 2", "2, 2", "50, 1"})
  void tinyImagesGetAResultOrAClearRefusal(int w, int h) throws IOException {
    double[] g = new double[w * h];
    for (int p = 0; p < g.length; p++) {
      g[p] = p % 2 == 0 ? 0.2 : 0.8;
    }
    Path tiny = tmp.resolve("tiny-" + w + "x" + h + ".png");
    Images.writePng(tiny, new Images.Picture(w, h, new double[][] {g}));
    int ok = 0;
    int refused = 0;
    for (int seed = 1; seed <= 6; seed++) {
      for (String observe : new String[] {"0.3", "0.6", "0.9"}) {
        CliRun run = CliRun.of("inpaint", tiny.toString(), "--observe", observe, "--seed", Integer.toString(seed),
            "--out", tmp.resolve("tiny-out").toString());
        String all = run.out() + run.err();
        assertThat(all).doesNotContainIgnoringCase("step").doesNotContain("Infinity").doesNotContain("NaN");
        if (run.status() == 0) {
          ok++;
          assertThat(run.out()).contains("PSNR ");
        } else {
          refused++;
          assertThat(run.status()).as(all).isEqualTo(2);
          assertThat(run.err()).startsWith("lowrank inpaint: error: ").contains("; accepted: ");
          assertThat(run.err().strip().lines().count()).isEqualTo(1);
        }
      }
    }
    assertThat(ok + refused).isEqualTo(18);
  }
}
