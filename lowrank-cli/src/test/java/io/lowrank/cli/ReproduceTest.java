package io.lowrank.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lowrank.experiment.claims.ErrorVsAlphaClaim;
import io.lowrank.experiment.claims.TraceBiasClaim;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import picocli.CommandLine;

/** {@code lowrank reproduce --quick} end to end: exit code, table, summary.json, report.html in a browser. */
class ReproduceTest {
  @TempDir
  static Path dir;
  static CliRun run;
  static Path out;

  @BeforeAll
  static void runQuick() {
    out = dir.resolve("quick");
    run = CliRun.of("reproduce", "--quick", "--threads", "2", "--out", out.toString());
  }

  @Test
  void everyAvailableClaimPassesAndTheExitCodeSaysSo() {
    assertThat(run.err()).doesNotContain("Exception");
    assertThat(run.status()).as(run.out() + run.err()).isZero();
    for (int k : new int[] {1, 2, 3, 4, 5, 6, 8}) {
      assertThat(run.out()).containsPattern("(?m)^" + k + " .*PASS");
    }
    assertThat(run.out()).containsPattern("(?m)^7 .*(not available|PASS)");
    assertThat(run.out()).containsPattern("(7 PASS, 0 FAIL, 1 not available|8 PASS, 0 FAIL, 0 not available)");
  }

  /**
   * Every trace of the quick run is bit-identical to the one recorded before the run-spec redesign.
   * Claim 8 ran its own trajectories then and wrote none; since the redesign its runs are ordinary
   * runs with traces, which are left out of the recorded fingerprint (its numbers are checked below).
   */
  @Test
  void quickRunHistoriesAreUnchanged() throws IOException {
    JsonNode root = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    java.util.Set<String> claim8 = new java.util.HashSet<>();
    for (JsonNode c : root.get("claims")) {
      if (c.get("number").asInt() == 8) {
        c.get("runs").forEach(id -> claim8.add(id.asText()));
      }
    }
    assertThat(claim8).hasSize(3);
    GoldenOutputsTest.check("reproduce-quick", GoldenHashes.histories(out.resolve("runs"),
        p -> !claim8.contains(p.getParent().getFileName().toString())));
  }

  /** Every claim's measured numbers are those recorded before the run-spec redesign (claim 8 has no traces). */
  @Test
  void quickRunClaimNumbersAreUnchanged() throws IOException {
    JsonNode root = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    for (JsonNode c : root.get("claims")) {
      GoldenOutputsTest.check("reproduce-quick-claim" + c.get("number").asInt(), GoldenHashes.text(c.get("numbers").toString()));
    }
  }

  @Test
  void summaryJsonHasEveryClaimAndRun() throws IOException {
    JsonNode root = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertThat(root.get("claims")).hasSize(8);
    assertThat(root.get("all_available_claims_pass").asBoolean()).isTrue();
    for (JsonNode c : root.get("claims")) {
      String verdict = c.get("verdict").asText();
      assertThat(verdict).isIn(c.get("number").asInt() != 7 ? List.of("PASS") : List.of("PASS", "NOT_AVAILABLE"));
    }
    JsonNode runs = root.get("runs");
    assertThat(runs.size()).isGreaterThan(50);
    for (JsonNode r : runs) {
      assertThat(out.resolve(r.get("history").asText())).isRegularFile();
    }
    assertThat(Files.readString(out.resolve("summary.json"))).doesNotContainIgnoringCase("nan");
  }

  @Test
  void reportParsesAndHasEverySectionWithFigures() throws Exception {
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.resolve("report.html").toFile());
    List<String> ids = new ArrayList<>();
    NodeList sections = doc.getElementsByTagName("section");
    for (int i = 0; i < sections.getLength(); i++) {
      ids.add(((org.w3c.dom.Element) sections.item(i)).getAttribute("id"));
    }
    assertThat(ids).containsExactly("claim-1", "claim-2", "claim-3", "claim-4", "claim-5", "claim-6", "claim-7", "claim-8");
    assertThat(doc.getElementsByTagName("svg").getLength()).isGreaterThanOrEqualTo(8);
    String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
    // self-contained: no external resources (the SVG namespace URI is an identifier, not a fetch)
    assertThat(html).doesNotContain("src=").doesNotContain("href=\"http").doesNotContain("url(http").doesNotContain("<script")
        .doesNotContain("NaN").doesNotContain("Infinity");
  }

  /** Opens the report in headless Chromium: no console errors, and the screenshot is not blank. */
  @Test
  void reportRendersInHeadlessChromium() throws Exception {
    File chromium = new File("/usr/bin/chromium");
    Assumptions.assumeTrue(chromium.canExecute(),
        "SKIPPED: /usr/bin/chromium not installed (.ci/run installs the Debian package 'chromium')");
    Path png = dir.resolve("shot.png");
    Path profile = Files.createTempDirectory(dir, "chromium");
    Process p = new ProcessBuilder(chromium.getPath(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--window-size=1200,1600",
        "--screenshot=" + png, out.resolve("report.html").toUri().toString())
        .redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(log).doesNotContain("CONSOLE(").doesNotContain("Uncaught");
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img).isNotNull();
    long nonWhite = 0;
    for (int y = 0; y < img.getHeight(); y += 2) {
      for (int x = 0; x < img.getWidth(); x += 2) {
        if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
          nonWhite++;
        }
      }
    }
    long samples = (long) (img.getHeight() / 2) * (img.getWidth() / 2);
    assertThat(nonWhite).as("non-white pixels in the screenshot").isGreaterThan(samples / 50);
  }

  /** A claim built to fail (alphas in increasing order for the trace claim) makes the exit code 1. */
  @Test
  void aFailingClaimGivesExitCodeOne() {
    var config = new ErrorVsAlphaClaim.Config(new int[] {5}, new double[] {1e-5, 1e-2}, 200, 1.0, 10, new long[] {1}, 1.2, 0.2);
    CliRun failing = CliRun.with(cl -> {
      CommandLine sub = cl.getSubcommands().get("reproduce");
      ((ReproduceCommand) sub.getCommand()).claimsFor = b -> List.of(new TraceBiasClaim(config, 1e-3));
    }, "reproduce", "--out", dir.resolve("failing").toString(), "--threads", "1");
    assertThat(failing.status()).isEqualTo(1);
    assertThat(failing.out()).containsPattern("(?m)^6 .*FAIL").contains("0 PASS, 1 FAIL");
  }

  @Test
  void badOptionsExitWithTwo() {
    CliRun r = CliRun.of("reproduce", "--seeds", "0", "--out", dir.resolve("bad").toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("--seeds 0 is invalid; accepted: 1 <= --seeds <= 1000").doesNotContain("Exception");
    Path file = dir.resolve("afile");
    CliRun f = CliRun.of("reproduce", "--out", writeFile(file).toString());
    assertThat(f.status()).isEqualTo(2);
    assertThat(f.err()).contains("is a file; accepted: a directory");
  }

  private static Path writeFile(Path p) {
    try {
      return Files.writeString(p, "x");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
