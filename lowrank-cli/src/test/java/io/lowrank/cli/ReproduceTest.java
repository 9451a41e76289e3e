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
    for (int k = 1; k <= 12; k++) {
      assertThat(run.out()).containsPattern("(?m)^" + k + " .*PASS");
    }
    assertThat(run.out()).contains("12 PASS, 0 FAIL, 0 not available")
        .contains("setting: GOE sensing, n = 40, r = 2, κ = 2 (geometric spacing)");
  }

  /** The runs of claims 8–12, which the fingerprint recorded before the redesign did not have. */
  static java.util.Set<String> newerRuns(JsonNode root) {
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (JsonNode c : root.get("claims")) {
      if (c.get("number").asInt() >= 8) {
        c.get("runs").forEach(id -> ids.add(id.asText()));
      }
    }
    return ids;
  }

  /**
   * Every trace of the quick run is bit-identical to the one recorded before the run-spec redesign.
   * Claim 8 ran its own trajectories then and wrote none, claim 9 did not exist; their runs are left
   * out of the recorded fingerprint (their numbers are checked elsewhere), as are those of claims 10–12.
   */
  @Test
  void quickRunHistoriesAreUnchanged() throws IOException {
    JsonNode root = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    java.util.Set<String> newer = newerRuns(root);
    assertThat(newer).hasSize(3 + 3 + 6 + 72 + 19);
    GoldenOutputsTest.check("reproduce-quick", GoldenHashes.histories(out.resolve("runs"),
        p -> !newer.contains(p.getParent().getFileName().toString())));
  }

  /** Claims 1–8's measured numbers are those recorded before the run-spec redesign. */
  @Test
  void quickRunClaimNumbersAreUnchanged() throws IOException {
    JsonNode root = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    for (JsonNode c : root.get("claims")) {
      if (c.get("number").asInt() <= 8) {
        GoldenOutputsTest.check("reproduce-quick-claim" + c.get("number").asInt(),
            GoldenHashes.text(c.get("numbers").toString()));
      }
    }
  }

  /** Claim 9 at κ = 100, r = 3: three ordered stages, gaps growing with log(1/α), the predicted ratio. */
  @Test
  void claim9FindsTheStagesInOrder() throws IOException {
    JsonNode root = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    JsonNode c9 = root.get("claims").get(8);
    assertThat(c9.get("number").asInt()).isEqualTo(9);
    JsonNode n = c9.get("numbers");
    assertThat(n.get("all_runs_ordered").asDouble()).isEqualTo(1.0);
    assertThat(n.get("t1.alpha1.00e-08").asDouble()).isLessThan(n.get("t2.alpha1.00e-08").asDouble());
    assertThat(n.get("t2.alpha1.00e-08").asDouble()).isLessThan(n.get("t3.alpha1.00e-08").asDouble());
    assertThat(n.get("gap_ratio2_1.observed").asDouble()).isBetween(5.0, 20.0);
    JsonNode run = null;
    for (JsonNode r : root.get("runs")) {
      if (r.get("id").asText().equals(c9.get("runs").get(0).asText())) {
        run = r;
      }
    }
    assertThat(run.get("stages").get("times")).hasSize(3);
    assertThat(run.get("stages").get("plateaus")).hasSize(2);
  }

  /**
   * Claims 10 and 12 read final factors and layers: a rerun over the finished directory loads every
   * run (factors included) and gives the same numbers.
   */
  @Test
  void claimsThatReadFactorsGiveTheSameNumbersWhenLoaded() throws IOException {
    Path o = dir.resolve("factors");
    CliRun first = CliRun.of("reproduce", "--quick", "--claims", "10,12", "--threads", "2", "--out", o.toString());
    assertThat(first.status()).as(first.err()).isZero();
    JsonNode a = new ObjectMapper().readTree(o.resolve("summary.json").toFile());
    assertThat(Files.exists(o.resolve("runs").resolve(a.get("claims").get(1).get("runs").get(0).asText())
        .resolve("W1.npy"))).isTrue();
    CliRun again = CliRun.of("reproduce", "--quick", "--claims", "10,12", "--threads", "2", "--out", o.toString());
    assertThat(again.status()).as(again.err()).isZero();
    JsonNode b = new ObjectMapper().readTree(o.resolve("summary.json").toFile());
    assertThat(b.get("loaded_runs").asInt()).isEqualTo(25);
    for (int k = 0; k < 2; k++) {
      assertThat(b.get("claims").get(k).get("verdict").asText()).isEqualTo("PASS");
      assertThat(b.get("claims").get(k).get("numbers")).isEqualTo(a.get("claims").get(k).get("numbers"));
    }
  }

  /** Claims 10–12's key numbers at the quick configuration, with the margins of their criteria. */
  @Test
  void neighbourClaimsMeasureWhatTheyState() throws IOException {
    JsonNode root = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    JsonNode c10 = root.get("claims").get(9).get("numbers");
    assertThat(c10.get("max_imbalance_over_norm.worst").asDouble()).isLessThan(0.01);
    assertThat(c10.get("slope.balanced").asDouble()).isGreaterThan(0.5);
    assertThat(c10.get("slope.unbalanced").asDouble()).isGreaterThan(0.5);
    JsonNode c11 = root.get("claims").get(10).get("numbers");
    assertThat(c11.get("success_rate.tailored.min").asDouble()).isGreaterThanOrEqualTo(0.8);
    assertThat(c11.get("success_rate.uniform.min").asDouble()).isGreaterThanOrEqualTo(0.8);
    JsonNode c12 = root.get("claims").get(11).get("numbers");
    for (int depth : new int[] {2, 3}) {
      assertThat(c12.get("spearman.depth" + depth).asDouble()).isGreaterThanOrEqualTo(0.9);
      assertThat(c12.get("flattest_nuclear_over_minimum.depth" + depth).asDouble()).isBetween(0.95, 1.05);
      assertThat(c12.get("solutions.depth" + depth).asDouble()).isGreaterThanOrEqualTo(9);
    }
  }

  @Test
  void summaryJsonHasEveryClaimAndRun() throws IOException {
    JsonNode root = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertThat(root.get("claims")).hasSize(12);
    assertThat(root.get("all_available_claims_pass").asBoolean()).isTrue();
    assertThat(root.get("setting").asText()).isEqualTo("GOE sensing, n = 40, r = 2, κ = 2 (geometric spacing)");
    for (JsonNode c : root.get("claims")) {
      assertThat(c.get("verdict").asText()).isEqualTo("PASS");
    }
    assertThat(out.resolve("reproduce.yaml")).isRegularFile();
    assertThat(out.resolve("reproduce.yaml.sha256")).isRegularFile();
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
    assertThat(ids).containsExactly("claim-1", "claim-2", "claim-3", "claim-4", "claim-5", "claim-6", "claim-7", "claim-8",
        "claim-9", "claim-10", "claim-11", "claim-12");
    assertThat(doc.getElementsByTagName("svg").getLength()).isGreaterThanOrEqualTo(8);
    String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
    // self-contained: no external resources (the SVG namespace URI is an identifier, not a fetch)
    assertThat(html).contains("<b>Configuration:</b> GOE sensing, n = 40, r = 2, κ = 2 (geometric spacing)");
    assertThat(html).doesNotContain("src=").doesNotContain("href=\"http").doesNotContain("url(http").doesNotContain("<script")
        .doesNotContain("NaN").doesNotContain("Infinity");
  }

  /**
   * Every figure of the report is also figures/<id>.svg (a standalone SVG document, the same drawing
   * as inline) and figures/<id>.csv (its data: a header, then rows with one field per column).
   */
  @Test
  void everyReportFigureIsExportedAsSvgAndCsv() throws Exception {
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.resolve("report.html").toFile());
    NodeList figures = doc.getElementsByTagName("figure");
    assertThat(figures.getLength()).isGreaterThanOrEqualTo(20);
    String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
    for (int i = 0; i < figures.getLength(); i++) {
      String id = ((org.w3c.dom.Element) figures.item(i)).getAttribute("id").substring("fig-".length());
      Path svg = out.resolve("figures/" + id + ".svg");
      Path csv = out.resolve("figures/" + id + ".csv");
      Document standalone = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
      assertThat(standalone.getDocumentElement().getTagName()).isEqualTo("svg");
      String drawing = Files.readString(svg, StandardCharsets.UTF_8);
      assertThat(drawing).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
      assertThat(html).as(id + " inline = standalone").contains(drawing.substring(drawing.indexOf('\n') + 1));
      List<String> rows = Files.readAllLines(csv, StandardCharsets.UTF_8);
      assertThat(rows.get(0)).as(id).isIn("series,x,y,lo,hi", "panel,series,x,y,lo,hi");
      assertThat(rows.size()).as(id + " data rows").isGreaterThan(1);
      int columns = rows.get(0).split(",").length;
      for (String row : rows.subList(1, rows.size())) {
        assertThat(row.replaceAll("\"[^\"]*\"", "q").split(",", -1)).as(id + ": " + row).hasSize(columns);
      }
    }
  }

  /** --figures-only rebuilds the report, the figures and summary.json from the stored runs, running none. */
  @Test
  void figuresOnlyRegeneratesWithoutRunning() throws Exception {
    Path copy = dir.resolve("copy");
    TestDirs.copy(out, copy);
    for (String gone : List.of("report.html", "summary.json")) {
      Files.delete(copy.resolve(gone));
    }
    TestDirs.emptyFiles(copy.resolve("figures"));
    Path someRun = copy.resolve("runs").resolve(Files.list(copy.resolve("runs")).findFirst().orElseThrow().getFileName()
        .toString()).resolve("summary.json");
    java.nio.file.attribute.FileTime before = Files.getLastModifiedTime(someRun);
    CliRun again = CliRun.of("reproduce", "--quick", "--threads", "2", "--out", copy.toString(), "--figures-only");
    assertThat(again.status()).as(again.err()).isZero();
    assertThat(again.out()).contains("12 PASS").contains("(" + new ObjectMapper().readTree(out.resolve("summary.json")
        .toFile()).get("runs").size() + " loaded)");
    assertThat(Files.getLastModifiedTime(someRun)).isEqualTo(before);
    try (java.util.stream.Stream<Path> figs = Files.list(out.resolve("figures"))) {
      for (Path f : figs.toList()) {
        assertThat(Files.readString(copy.resolve("figures").resolve(f.getFileName().toString())))
            .as(f.getFileName().toString()).isEqualTo(Files.readString(f));
      }
    }
    assertThat(copy.resolve("report.html")).isRegularFile();
    assertThat(copy.resolve("summary.json")).isRegularFile();

    CliRun other = CliRun.of("reproduce", "--threads", "2", "--out", copy.toString(), "--figures-only");
    assertThat(other.status()).isEqualTo(2);
    assertThat(other.err()).startsWith("lowrank reproduce: error: --figures-only: ").contains("reproduce.yaml differs");
    assertThat(copy.resolve("summary.json")).as("a refused --figures-only leaves the directory as it was").isRegularFile();
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
    var config = new ErrorVsAlphaClaim.Config(new int[] {5}, new double[] {1e-5, 1e-2}, 200, 1.0, 10, new long[] {1}, 1.2, 0.2,
        io.lowrank.experiment.claims.Setting.standard());
    CliRun failing = CliRun.with(cl -> {
      CommandLine sub = cl.getSubcommands().get("reproduce");
      ((ReproduceCommand) sub.getCommand()).claimsFor = (b, st) -> List.of(new TraceBiasClaim(config, 1e-3));
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
    for (String[] bad : new String[][] {
        {"--set", "method=precgd", "--set method=precgd: method is chosen by each claim"},
        {"--set", "m=300", "problem.m is chosen by each claim, not by the setting; accepted: precision, problem.kappa, problem.model"},
        {"--set", "r=50", "--set r=50: problem.r: 50 is invalid; accepted: 1 <= r <= n = 40"},
        {"--set", "problem.kappo=3", "unknown key problem.kappo (did you mean problem.kappa?)"},
        {"--set", "stop.iterations=5", "stop.iterations is chosen by each claim"},
        {"--set", "kapa=3", "unknown key kapa (did you mean problem.kappa?); accepted: precision, problem.kappa"},
        {"--set", "precison=int8", "unknown key precison (did you mean precision?); accepted: precision"},
        {"--set", "precision=int4", "precision: 'int4' is invalid; accepted: float64, float32, bf16, int8"},
        {"--claims", "13", "--claims 13 is invalid; accepted: claim numbers [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]"}}) {
      CliRun b = CliRun.of("reproduce", bad[0], bad[1], "--out", dir.resolve("bad2").toString());
      assertThat(b.status()).as(b.err()).isEqualTo(2);
      assertThat(b.err()).startsWith("lowrank reproduce: error: ").contains(bad[2]);
      assertThat(b.err().strip().lines().count()).isEqualTo(1);
    }
  }

  /**
   * The claims at another setting (the README's example): GOE, n = 60, r = 3, κ = 5 — claims 1–6 pass
   * with the same criteria (horizons stretched for κ, claim 3 with its spectral oversampling and α
   * sweep), and the report states the setting.
   */
  @Test
  void claimsOneToSixPassAtAnotherSetting() throws IOException {
    Path d = dir.resolve("r60-out");
    CliRun r = CliRun.of("reproduce", "--quick", "--claims", "1,2,3,4,5,6", "--set", "n=60", "--set", "r=3", "--set",
        "kappa=5", "--out", d.toString());
    assertThat(r.status()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("6 PASS, 0 FAIL, 0 not available")
        .contains("setting: GOE sensing, n = 60, r = 3, κ = 5 (geometric spacing)");
    assertThat(Files.readString(d.resolve("report.html"))).contains("n = 60, r = 3, κ = 5");
    JsonNode root = new ObjectMapper().readTree(d.resolve("summary.json").toFile());
    assertThat(root.get("setting_problem").get("n").asInt()).isEqualTo(60);
  }

  /** How many run directories hold a summary.json. */
  static long completeRuns(Path runs) throws IOException {
    if (!Files.isDirectory(runs)) {
      return 0;
    }
    try (var s = Files.list(runs)) {
      return s.filter(r -> Files.isRegularFile(r.resolve("summary.json"))).count();
    }
  }

  /** A model the claims are not stated for: every claim "not available" with the reason, exit 0, nothing run. */
  @Test
  void claimsAreNotAvailableOnOtherModelsAndSayWhy() throws IOException {
    CliRun r = CliRun.of("reproduce", "--quick", "--set", "problem.model=completion", "--out",
        dir.resolve("completion").toString());
    assertThat(r.status()).as(r.err()).isZero();
    // the table wraps the measured text at 100 columns: compare with the whitespace collapsed
    assertThat(r.out().replaceAll("\\s+", " ")).contains("0 PASS, 0 FAIL, 12 not available")
        .contains("not available: the claims are stated for symmetric GOE sensing with m measurements, not for "
            + "completion; run such experiments with lowrank sweep");
    CliRun noisy = CliRun.of("reproduce", "--quick", "--set", "noise=0.02", "--claims", "1,8", "--print-spec");
    assertThat(noisy.status()).isZero();
    assertThat(noisy.out()).contains("noise: 0.02").doesNotContain("noise: 0.01");
    CliRun neighbours = CliRun.of("reproduce", "--quick", "--set", "noise=0.02", "--claims", "10,11,12", "--out",
        dir.resolve("noisy").toString());
    assertThat(neighbours.status()).as(neighbours.err()).isZero();
    assertThat(neighbours.out()).contains("0 PASS, 0 FAIL, 3 not available")
        .containsPattern("(?m)^10 +n/a .*\\n +not available: this claim is about noiseless measurements")
        .containsPattern("(?m)^12 +n/a .*\\n +not available: this claim is about noiseless measurements");
  }

  /**
   * The claims run on the structured operator, every run on it (claim 12's deep-factorisation
   * problem included): claims 2 and 12 pass there at the default setting; exit 0.
   */
  @Test
  void structuredSensingRunsTheClaimsOnItsOwnOperator() throws IOException {
    CliRun spec = CliRun.of("reproduce", "--quick", "--set", "model=structured", "--claims", "2,12", "--print-spec");
    assertThat(spec.status()).as(spec.err()).isZero();
    assertThat(spec.out()).contains("model: structured").doesNotContain("model: goe");
    CliRun r = CliRun.of("reproduce", "--quick", "--set", "model=structured", "--claims", "2,12", "--out",
        dir.resolve("structured").toString());
    assertThat(r.status()).as(r.out()).isZero();
    assertThat(r.out()).containsPattern("(?m)^2 +PASS ").containsPattern("(?m)^12 +PASS ")
        .contains("setting: structured sensing, n = 40");
  }

  /**
   * int8 storage: every run on a stored operator carries the precision (claim 7's GOE runs, claim
   * 10's asymmetric ones), completion runs keep float64, and claims 7 (convergence to machine
   * precision with r' = r) and 10 pass on the quantised ensembles; a structured setting with int8
   * is refused with the model's reason.
   */
  @Test
  void int8StorageRunsTheClaimsOnTheQuantisedOperators() throws IOException {
    CliRun spec = CliRun.of("reproduce", "--quick", "--set", "precision=int8", "--claims", "7,10,11", "--print-spec");
    assertThat(spec.status()).as(spec.err()).isZero();
    for (String run : spec.out().split("---\n")) {
      if (run.contains("model: goe") || run.contains("model: asymmetric")) {
        assertThat(run).contains("precision: int8");
      } else if (run.contains("model: completion")) {
        assertThat(run).doesNotContain("precision: int8");
      }
    }
    assertThat(spec.out()).contains("model: asymmetric").contains("model: completion");
    CliRun r = CliRun.of("reproduce", "--quick", "--set", "precision=int8", "--claims", "7,10", "--out",
        dir.resolve("int8").toString());
    assertThat(r.status()).as(r.out()).isZero();
    assertThat(r.out()).containsPattern("(?m)^7 +PASS ").containsPattern("(?m)^10 +PASS ")
        .contains("int8 storage");
    CliRun bad = CliRun.of("reproduce", "--set", "model=structured", "--set", "precision=int8", "--print-spec");
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err()).contains("structured stores no operator");
  }

  /**
   * kill -9 of a reproduction at a random moment, then the same command: it resumes (loads what was
   * done), and its claim numbers equal those of an uninterrupted run; the killed directory never
   * held a summary.json or a report.
   */
  @Test
  void aKilledReproductionResumesToTheSameNumbers() throws Exception {
    List<String> args = List.of("reproduce", "--quick", "--claims", "1,5", "--threads", "2", "--out", "out");
    Path work = Files.createDirectories(dir.resolve("kill"));
    Path whole = Files.createDirectories(dir.resolve("whole"));
    ChildJvm.Result ref = ChildJvm.run(whole, args);
    assertThat(ref.status()).as(ref.err()).isZero();
    Process p = ChildJvm.start(work, args);
    Path runs = work.resolve("out/runs");
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (p.isAlive() && completeRuns(runs) < 5 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(p.isAlive()).as("the reproduction was still running when killed").isTrue();
    p.destroyForcibly().waitFor();
    assertThat(work.resolve("out/summary.json")).doesNotExist();
    assertThat(work.resolve("out/report.html")).doesNotExist();
    ChildJvm.Result again = ChildJvm.run(work, args);
    assertThat(again.status()).as(again.err()).isZero();
    JsonNode a = new ObjectMapper().readTree(work.resolve("out/summary.json").toFile());
    JsonNode b = new ObjectMapper().readTree(whole.resolve("out/summary.json").toFile());
    assertThat(a.get("claims").toString()).isEqualTo(b.get("claims").toString());
    assertThat(a.get("loaded_runs").asInt()).as("runs loaded after the kill").isPositive();
  }

  private static Path writeFile(Path p) {
    try {
      return Files.writeString(p, "x");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
