package io.lowrank.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code lowrank compare} end to end on a small problem: table, summary.json, report.html, exit codes. */
class CompareCommandTest {
  @TempDir
  static Path dir;
  static CliRun run;
  static Path out;

  @BeforeAll
  static void runSmall() {
    out = dir.resolve("small");
    run = CliRun.of("compare", "--n", "12", "--r", "1", "--kappa", "1,10", "--noise", "0,0.005", "--width", "r,2r",
        "--iters", "400",
        "--threads", "2", "--out", out.toString());
  }

  @Test
  void printsOneLinePerRunAndExitsZero() {
    assertThat(run.err()).doesNotContain("Exception");
    assertThat(run.status()).as(run.out() + run.err()).isZero();
    // 2 noises x 2 kappas x (6 width methods x 2 widths - ScaledGD at 2r + nuclear once) = 4 x 12 runs
    assertThat(run.out()).contains("48 runs in");
    for (String label : List.of("GD (small init)", "spectral + GD", "ScaledGD (spectral)", "ScaledGD(λ)", "PrecGD",
        "nuclear norm (FISTA)", "deep factorisation")) {
      assertThat(run.out()).contains(label);
    }
    assertThat(run.out()).containsPattern("(?m)^0 +10 +1 +ScaledGD \\(spectral\\) +\\d+ ");
  }

  @Test
  void summaryJsonHasEveryRunWithItsHistory() throws IOException {
    JsonNode root = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertThat(root.get("runs")).hasSize(48);
    assertThat(root.get("plan").get("kappas")).hasSize(2);
    assertThat(root.get("runs").get(0).get("spec").get("problem").get("model").asText()).isEqualTo("goe");
    for (JsonNode r : root.get("runs")) {
      assertThat(out.resolve(r.get("history").asText())).isRegularFile();
      assertThat(r.get("termination").asText()).isNotEqualTo("DIVERGED");
    }
    assertThat(Files.readString(out.resolve("summary.json"))).doesNotContainIgnoringCase("nan");
  }

  /**
   * Every run is stored as it finishes (out/store), so --figures-only rebuilds the report, the
   * figures (byte-identical) and summary.json without running, and refuses other options untouched.
   */
  @Test
  void figuresOnlyRebuildsFromTheStoredRuns() throws Exception {
    Path copy = dir.resolve("figures-only");
    TestDirs.copy(out, copy);
    Files.delete(copy.resolve("report.html"));
    Files.delete(copy.resolve("summary.json"));
    TestDirs.emptyFiles(copy.resolve("figures"));
    CliRun again = CliRun.of("compare", "--n", "12", "--r", "1", "--kappa", "1,10", "--noise", "0,0.005", "--width",
        "r,2r", "--iters", "400", "--threads", "2", "--out", copy.toString(), "--figures-only");
    assertThat(again.status()).as(again.err()).isZero();
    assertThat(again.err()).contains("resuming: 48 of 48 runs were complete");
    try (java.util.stream.Stream<Path> figs = Files.list(out.resolve("figures"))) {
      for (Path f : figs.toList()) {
        assertThat(Files.readString(copy.resolve("figures").resolve(f.getFileName().toString())))
            .as(f.getFileName().toString()).isEqualTo(Files.readString(f));
      }
    }
    JsonNode before = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("runs");
    JsonNode after = new ObjectMapper().readTree(copy.resolve("summary.json").toFile()).get("runs");
    assertThat(after).isEqualTo(before);
    CliRun other = CliRun.of("compare", "--n", "12", "--r", "1", "--kappa", "3", "--out", copy.toString(),
        "--figures-only");
    assertThat(other.status()).isEqualTo(2);
    assertThat(other.err()).startsWith("lowrank compare: error: --figures-only: ").contains("are not stored in");
    assertThat(copy.resolve("summary.json")).as("a refused --figures-only leaves the directory as it was").isRegularFile();
  }

  @Test
  void reportParsesAndHasTheTableAndFigures() throws Exception {
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.resolve("report.html").toFile());
    NodeList rows = doc.getElementsByTagName("tr");
    assertThat(rows.getLength()).isGreaterThanOrEqualTo(49);
    List<String> figures = new ArrayList<>();
    NodeList fig = doc.getElementsByTagName("figure");
    for (int i = 0; i < fig.getLength(); i++) {
      figures.add(((Element) fig.item(i)).getAttribute("id"));
    }
    assertThat(figures).containsExactly("fig-compare-iterations-s0", "fig-compare-time-s0", "fig-compare-hitting-s0",
        "fig-compare-iterations-s0p005", "fig-compare-time-s0p005", "fig-compare-hitting-s0p005");
    assertThat(doc.getElementsByTagName("svg").getLength()).isGreaterThanOrEqualTo(6);
    String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
    assertThat(html).doesNotContain("src=").doesNotContain("<script").doesNotContain("NaN").doesNotContain("Infinity");
    assertThat(html).contains("<table class=\"runs\" id=\"runs\">");
    // every figure also standalone: figures/<id>.svg (XML, the inline drawing) and figures/<id>.csv (its data)
    for (String id : figures) {
      String name = id.substring("fig-".length());
      Path svg = out.resolve("figures/" + name + ".svg");
      assertThat(DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile()).getDocumentElement()
          .getTagName()).isEqualTo("svg");
      String drawing = Files.readString(svg, StandardCharsets.UTF_8);
      assertThat(html).contains(drawing.substring(drawing.indexOf('\n') + 1));
      List<String> csv = Files.readAllLines(out.resolve("figures/" + name + ".csv"), StandardCharsets.UTF_8);
      assertThat(csv.get(0)).isIn("series,x,y,lo,hi", "panel,series,x,y,lo,hi");
      assertThat(csv).hasSizeGreaterThan(1);
    }
  }

  @Test
  void aDivergingRunGivesExitCodeOne() {
    CliRun r = CliRun.of("compare", "--n", "8", "--r", "1", "--kappa", "1", "--width", "r", "--methods", "gd",
        "--alpha", "1e3", "--iters", "200", "--threads", "1", "--out", dir.resolve("diverge").toString());
    assertThat(r.status()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).contains("DIVERGED");
    assertThat(r.err()).contains("diverged").doesNotContain("Exception");
  }

  @Test
  void badOptionsExitWithTwoAndOneLine() throws IOException {
    Path file = Files.writeString(dir.resolve("afile"), "x");
    String[][] cases = {
        {"--width", "0", "--width 0 is invalid; accepted: widths with 1 <= r' <= n"},
        {"--width", "3x", "--width 3x is invalid; accepted: integers, 'r'"},
        {"--kappa", "0.5", "--kappa 0.5 is invalid; accepted: numbers with 1 <= kappa"},
        {"--methods", "gd,foo", "--methods foo is invalid; accepted for goe: gd, spectral-gd"},
        {"--eps", "2", "--eps 2 is invalid"},
        {"--noise", "-1", "--noise -1 is invalid"},
        {"--out", file.toString(), "is a file"},
        {"--kappa", "x", "'x' is not a decimal number"},
    };
    for (String[] c : cases) {
      List<String> args = new ArrayList<>(List.of("compare", "--n", "8", "--iters", "5"));
      args.add(c[0]);
      args.add(c[1]);
      if (!c[0].equals("--out")) {
        args.addAll(List.of("--out", dir.resolve("bad").toString()));
      }
      CliRun r = CliRun.of(args.toArray(String[]::new));
      assertThat(r.status()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(2);
      assertThat(r.err()).as(String.join(" ", args)).contains(c[2]).doesNotContain("Exception");
      assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
    }
  }

  /** compare on a saved instance equals compare on the generated one, for every method. */
  @Test
  void loadingASavedInstanceGivesTheSameRuns() throws IOException {
    Path inst = dir.resolve("inst");
    Path generated = dir.resolve("generated");
    Path loaded = dir.resolve("loaded");
    String[] common = {"--iters", "200", "--width", "r,2r", "--threads", "2", "--seed", "5"};
    CliRun a = CliRun.of(concat(new String[] {"compare", "--n", "10", "--r", "1", "--m", "200", "--kappa", "10",
        "--noise", "0.001", "--save-instance", inst.toString(), "--out", generated.toString()}, common));
    assertThat(a.status()).as(a.err()).isIn(0, 1);
    assertThat(inst.resolve("A.npy")).isRegularFile();
    assertThat(inst.resolve("X.npy")).isRegularFile();
    CliRun b = CliRun.of(concat(new String[] {"compare", "--load-instance", inst.toString(), "--out", loaded.toString()},
        common));
    assertThat(b.status()).as(b.err()).isEqualTo(a.status());
    assertThat(GoldenHashes.histories(loaded.resolve("runs"))).isEqualTo(GoldenHashes.histories(generated.resolve("runs")));
    JsonNode root = new ObjectMapper().readTree(loaded.resolve("summary.json").toFile());
    JsonNode gen = new ObjectMapper().readTree(generated.resolve("summary.json").toFile());
    JsonNode first = root.get("runs").get(0);
    // instance.json records kappa and noise, so the runs keep their names
    assertThat(first.get("id").asText()).isEqualTo(gen.get("runs").get(0).get("id").asText()).startsWith("k10_s1e-03_");
    assertThat(root.get("runs")).hasSameSizeAs(gen.get("runs"));
    assertThat(first.get("spec").get("problem").get("model").asText()).isEqualTo("instance");
    assertThat(first.get("sources").toString()).contains("A.npy").contains("y.npy").contains("X.npy");
    assertThat(b.out()).contains("PrecGD").contains("deep factorisation");
    // without the metadata (an instance written by NumPy) the runs are named after the instance
    java.nio.file.Files.delete(inst.resolve("instance.json"));
    CliRun c = CliRun.of(concat(new String[] {"compare", "--load-instance", inst.toString(), "--out",
        dir.resolve("bare").toString(), "--methods", "gd"}, common));
    assertThat(c.status()).as(c.err()).isZero();
    assertThat(new ObjectMapper().readTree(dir.resolve("bare").resolve("summary.json").toFile()).get("runs").get(0)
        .get("id").asText()).startsWith("instance_");
  }

  @Test
  void otherModelsCompareTheirOwnMethods() throws IOException {
    CliRun asym = CliRun.of("compare", "--model", "asymmetric", "--n1", "10", "--n2", "8", "--r", "1", "--kappa", "1",
        "--iters", "100", "--width", "r", "--out", dir.resolve("asym").toString());
    assertThat(asym.status()).as(asym.err()).isIn(0, 1);
    assertThat(asym.out()).contains("ALS").doesNotContain("deep factorisation");
    CliRun deep = CliRun.of("compare", "--model", "asymmetric", "--methods", "deep", "--out", dir.resolve("x").toString());
    assertThat(deep.status()).isEqualTo(2);
    assertThat(deep.err()).contains("--methods deep is invalid; accepted for asymmetric: gd, spectral-gd");
    CliRun one = CliRun.of("compare", "--model", "rank-one", "--n", "8", "--r", "1", "--kappa", "1", "--iters", "50",
        "--methods", "gd,nuclear", "--width", "r", "--out", dir.resolve("r1").toString());
    assertThat(one.status()).as(one.err()).isIn(0, 1);
    assertThat(new ObjectMapper().readTree(dir.resolve("r1").resolve("summary.json").toFile()).get("runs")).hasSize(2);
    CliRun both = CliRun.of("compare", "--load-instance", dir.resolve("missing").toString(), "--kappa", "1,10");
    assertThat(both.status()).isEqualTo(2);
    assertThat(both.err()).contains("--kappa has no effect with --load-instance");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
