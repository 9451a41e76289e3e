package io.lowrank.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lowrank.experiment.formats.Npy;
import io.lowrank.experiment.output.Json;
import io.lowrank.experiment.spec.SpecFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code lowrank run}, {@code --print-spec}, and what sense's new options write. */
class RunCommandTest {
  @TempDir
  Path tmp;

  /** A run repeated from its summary.json gives the same history (timing columns aside) and factors. */
  @ParameterizedTest
  @ValueSource(strings = {
      "problem: {model: goe, n: 16, r: 2, m: 320, noise: 0.01}\ninit: {alpha: 1e-5}\nstop: {iterations: 300}\n",
      "problem: {model: asymmetric, n1: 12, n2: 9, r: 2}\nmethod: precgd\nwidth: 4\nstop: {iterations: 200}\n",
      "problem: {model: completion, n: 20, sampling: {p: 0.5}}\nstop: {iterations: 300, early_stopping: {every: 10}}\n"
          + "record: {every: 10, probes: all}\n",
      "problem: {model: rank-one, n: 10, r: 1, m: 200}\nmethod: {name: deep, depth: 2, alpha: 0.1}\nwidth: 1\n"
          + "stop: {iterations: 200}\nseed: 7\n"})
  void aRunRepeatsBitForBitFromItsSummary(String yaml) throws IOException {
    Path spec = Files.writeString(tmp.resolve("spec.yaml"), yaml);
    Path first = tmp.resolve("first");
    Path second = tmp.resolve("second");
    CliRun a = CliRun.of("run", spec.toString(), "--out", first.toString());
    assertThat(a.status()).as(a.err()).isZero();
    CliRun b = CliRun.of("run", first.resolve("summary.json").toString(), "--out", second.toString());
    assertThat(b.status()).as(b.err()).isZero();
    CliRun c = CliRun.of("run", first.toString(), "--print-spec");
    assertThat(c.out()).isEqualTo(SpecFiles.toYaml(SpecFiles.read(first.resolve("summary.json")).bind()));
    assertThat(GoldenHashes.history(second.resolve("history.csv"))).isEqualTo(GoldenHashes.history(first.resolve("history.csv")));
    JsonNode s1 = Json.mapper().readTree(first.resolve("summary.json").toFile());
    JsonNode s2 = Json.mapper().readTree(second.resolve("summary.json").toFile());
    assertThat(s2.get("spec")).isEqualTo(s1.get("spec"));
    assertThat(s2.get("final")).isEqualTo(s1.get("final"));
    for (JsonNode f : s1.get("files")) {
      if (f.asText().endsWith(".npy")) {
        assertThat(Files.readAllBytes(second.resolve(f.asText()))).as(f.asText())
            .isEqualTo(Files.readAllBytes(first.resolve(f.asText())));
      }
    }
  }

  @Test
  void senseWritesTheFinalFactorsOfEveryModel() throws IOException {
    Path sym = tmp.resolve("sym");
    CliRun s = CliRun.of("sense", "--n", "10", "--r", "1", "--m", "100", "--iters", "50", "--out", sym.toString());
    assertThat(s.status()).as(s.err()).isZero();
    assertThat(Npy.read(sym.resolve("U.npy")).shape()).containsExactly(10, 10);
    Path asym = tmp.resolve("asym");
    CliRun a = CliRun.of("sense", "--model", "asymmetric", "--n1", "9", "--n2", "7", "--r", "1", "--method", "scaledgd",
        "--init", "spectral", "--width", "1", "--iters", "40", "--out", asym.toString());
    assertThat(a.status()).as(a.err()).isZero();
    assertThat(Npy.read(asym.resolve("L.npy")).shape()).containsExactly(9, 1);
    assertThat(Npy.read(asym.resolve("R.npy")).shape()).containsExactly(7, 1);
    assertThat(Files.readAllLines(asym.resolve("history.csv")).get(0)).contains("imbalance");
    JsonNode summary = Json.mapper().readTree(asym.resolve("summary.json").toFile());
    assertThat(summary.at("/spec/method/name").asText()).isEqualTo("scaledgd");
    assertThat(summary.at("/spec/init/kind").asText()).isEqualTo("spectral");
    assertThat(summary.at("/files").toString()).contains("L.npy", "R.npy", "history.csv");
    // a given start: the factor just written, continued
    Path cont = tmp.resolve("cont");
    CliRun g = CliRun.of("sense", "--n", "10", "--r", "1", "--m", "100", "--iters", "10", "--init",
        sym.resolve("U.npy").toString(), "--out", cont.toString());
    assertThat(g.status()).as(g.err()).isZero();
    assertThat(Json.mapper().readTree(cont.resolve("summary.json").toFile()).at("/spec/width").asInt()).isEqualTo(10);
  }

  /** The relu-spectral start recovers a ReLU-sampled instance; elsewhere it is refused in one line. */
  @Test
  void reluSpectralStartRunsOnReluSamplingAndIsRefusedElsewhere() throws IOException {
    Path out = tmp.resolve("relu");
    CliRun r = CliRun.of("sense", "--model", "completion", "--n", "50", "--r", "3", "--sampling", "relu", "--init",
        "relu-spectral", "--width", "3", "--iters", "3000", "--seed", "2", "--out", out.toString());
    assertThat(r.status()).as(r.err()).isZero();
    JsonNode summary = Json.mapper().readTree(out.resolve("summary.json").toFile());
    assertThat(summary.at("/spec/init/kind").asText()).isEqualTo("relu-spectral");
    assertThat(summary.at("/final/test_error").asDouble()).isLessThan(1e-3);
    CliRun bad = CliRun.of("sense", "--n", "10", "--init", "relu-spectral");
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err().strip()).startsWith("lowrank sense: error: ").contains("relu-spectral debiases ReLU-sampled")
        .contains("accepted: init spectral").doesNotContain("Exception");
    CliRun uniform = CliRun.of("sense", "--model", "completion", "--n", "10", "--init", "relu-spectral");
    assertThat(uniform.status()).isEqualTo(2);
    assertThat(uniform.err()).contains("symmetric completion (uniform sampling)");
  }

  /** init.seed draws another start on the same problem: the data are the same, the trajectory is not. */
  @Test
  void initSeedChangesTheStartOnly() throws IOException {
    String base = "problem: {model: goe, n: 10, r: 1, m: 60}\nstop: {iterations: 5}\n";
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    Path c = tmp.resolve("c");
    assertThat(CliRun.of("run", Files.writeString(tmp.resolve("a.yaml"), base + "init: {alpha: 1e-3}\n").toString(),
        "--out", a.toString()).status()).isZero();
    assertThat(CliRun.of("run", Files.writeString(tmp.resolve("b.yaml"), base + "init: {alpha: 1e-3, seed: 9}\n")
        .toString(), "--out", b.toString()).status()).isZero();
    assertThat(CliRun.of("run", Files.writeString(tmp.resolve("c.yaml"), base + "init: {alpha: 1e-3, seed: 9}\n")
        .toString(), "--out", c.toString()).status()).isZero();
    JsonNode sa = Json.mapper().readTree(a.resolve("summary.json").toFile());
    JsonNode sb = Json.mapper().readTree(b.resolve("summary.json").toFile());
    JsonNode sc = Json.mapper().readTree(c.resolve("summary.json").toFile());
    assertThat(sb.at("/spec/init/seed").asLong()).isEqualTo(9);
    assertThat(sb.get("final")).isEqualTo(sc.get("final"));
    assertThat(sb.at("/final/loss")).isNotEqualTo(sa.at("/final/loss"));
    // iteration 0's relative residual is 1 - O(α²) for both: the same y
    assertThat(Files.readAllLines(a.resolve("history.csv")).get(1).split(",")[2].substring(0, 6))
        .isEqualTo(Files.readAllLines(b.resolve("history.csv")).get(1).split(",")[2].substring(0, 6));
  }

  @Test
  void printSpecShowsTheResolvedSpecAndRunsNothing() {
    CliRun r = CliRun.of("sense", "--model", "rank-one", "--n", "12", "--method", "precgd", "--set", "noise=0.1",
        "--print-spec");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).contains("model: rank-one").contains("name: precgd").contains("noise: 0.1").contains("m: 480")
        .contains("step: 0.5");
    RunSpecCheck.parses(r.out());
    CliRun c = CliRun.of("compare", "--n", "12", "--print-spec");
    assertThat(c.status()).isZero();
    assertThat(c.out()).contains("model: goe").contains("# compared over: kappa [1.0, 10.0, 100.0]");
    CliRun k = CliRun.of("complete", tmp.resolve("none.csv").toString(), "--print-spec");
    assertThat(k.status()).as(k.err()).isZero();
    assertThat(k.out()).contains("model: ratings").contains("early_stopping:").contains("patience: 200");
  }

  @Test
  void runRefusesAMissingOrBadSpecWithOneLine() throws IOException {
    CliRun missing = CliRun.of("run", tmp.resolve("nope.yaml").toString());
    assertThat(missing.status()).isEqualTo(2);
    assertThat(missing.err()).startsWith("lowrank run: error: ").contains("nope.yaml does not exist");
    Path bad = Files.writeString(tmp.resolve("bad.yaml"), "problem:\n  model: goe\n  n: 10\n  rr: 3\n");
    CliRun r = CliRun.of("run", bad.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("lowrank run: error: " + bad + ":4: problem.rr: unknown key in problem; "
        + "accepted: kappa, m, model, n, noise, oversampling, r, spacing");
    CliRun set = CliRun.of("run", bad.toString(), "--set", "problem.rr=null");
    assertThat(set.status()).isEqualTo(2);
  }

  /** Checks printed YAML parses back to a spec. */
  static final class RunSpecCheck {
    static void parses(String yaml) {
      assertThat(SpecFiles.parse(yaml, "printed").bind()).isNotNull();
    }
  }

  @Test
  void everyRunCommandAcceptsTheSharedOptions() {
    for (List<String> cmd : List.of(List.of("sense"), List.of("compare"), List.of("run", "x.yaml"))) {
      CliRun help = CliRun.of(java.util.stream.Stream.concat(cmd.stream(), java.util.stream.Stream.of("--help"))
          .toArray(String[]::new));
      for (String option : List.of("--seed", "--iters", "--tol", "--time-limit", "--record-every", "--threads", "--set",
          "--print-spec", "--json", "--out")) {
        assertThat(help.out()).as(cmd + " --help").contains(option);
      }
    }
  }
}
