package io.lowrank.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.lowrank.experiment.output.Json;
import io.lowrank.solver.Termination;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SenseRunTest {
  /** Recovery threshold of the acceptance criterion (GD reaches ~1e-8 here). */
  static final double RECOVERED = 1e-3;
  /** Save/load must reproduce the run; the values are copied bit for bit, so this is generous. */
  static final double REPRODUCED = 1e-9;
  static final String[] SMALL = {"sense", "--n", "20", "--r", "1", "--m", "400", "--alpha", "1e-6", "--iters", "600"};

  @TempDir
  Path tmp;

  static String[] args(String[] base, String... more) {
    String[] all = Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  static JsonNode json(String text) throws IOException {
    return Json.mapper().readTree(text);
  }

  @Test
  void recoversAndWritesHistoryAndSummary() throws IOException {
    Path out = tmp.resolve("out");
    CliRun run = CliRun.of(args(SMALL, "--out", out.toString()));
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).contains("termination").contains("test error").contains("solve time");

    List<String> csv = Files.readAllLines(out.resolve("history.csv"));
    assertThat(csv.get(0)).isEqualTo("iteration,loss,relative_residual,test_error,norm_u,elapsed_s");
    assertThat(csv.get(1)).startsWith("0,");
    assertThat(csv.size()).isBetween(3, 602);

    JsonNode s = json(Files.readString(out.resolve("summary.json")));
    assertThat(s.at("/final/test_error").asDouble()).isLessThan(RECOVERED);
    assertThat(s.at("/termination").asText()).isIn(Arrays.stream(Termination.values()).map(Enum::name).toList());
    assertThat(s.at("/termination").asText()).isNotEqualTo("DIVERGED");
    assertThat(s.at("/spec/problem/n").asInt()).isEqualTo(20);
    assertThat(s.at("/spec/width").asInt()).isEqualTo(20);
    assertThat(s.at("/spec/problem/m").asInt()).isEqualTo(400);
    assertThat(s.at("/spec/init/alpha").asDouble()).isEqualTo(1e-6);
    assertThat(s.at("/lowrank_version").asText()).isNotBlank();
    assertThat(s.at("/timings/solve_s").asDouble()).isPositive();
    assertThat(s.at("/timings/median_step_ms").asDouble()).isPositive();
    assertThat(s.at("/iterations").asInt()).isEqualTo(Integer.parseInt(csv.get(csv.size() - 1).split(",")[0]));
  }

  @Test
  void float32StorageAndThreadsAreRecordedAndStillRecover() throws IOException {
    CliRun f64 = CliRun.of(args(SMALL, "--json"));
    CliRun f32 = CliRun.of(args(SMALL, "--json", "--precision", "float32", "--threads", "2"));
    assertThat(f32.status()).as(f32.err()).isZero();
    JsonNode a = json(f64.out());
    JsonNode b = json(f32.out());
    assertThat(a.at("/spec/precision").asText()).isEqualTo("float64");
    assertThat(b.at("/spec/precision").asText()).isEqualTo("float32");
    assertThat(b.at("/spec/threads").asInt()).isEqualTo(2);
    assertThat(b.at("/final/test_error").asDouble()).isLessThan(RECOVERED);
    // float32 storage is another (equally random) operator: a different, not a worse, trajectory
    assertThat(b.at("/final/test_error").asDouble()).isNotEqualTo(a.at("/final/test_error").asDouble());
  }

  /** bf16 and int8 storage from the command line: recorded in the spec, and recovery as with float64. */
  @Test
  void quantisedStorageIsRecordedAndRecovers() throws IOException {
    for (String precision : new String[] {"bf16", "int8"}) {
      CliRun run = CliRun.of(args(SMALL, "--json", "--precision", precision, "--threads", "2"));
      assertThat(run.status()).as(run.err()).isZero();
      JsonNode s = json(run.out());
      assertThat(s.at("/spec/precision").asText()).isEqualTo(precision);
      assertThat(s.at("/final/test_error").asDouble()).as(precision).isLessThan(RECOVERED);
    }
    CliRun asym = CliRun.of("sense", "--model", "asymmetric", "--n1", "12", "--n2", "10", "--r", "2", "--precision",
        "int8", "--alpha", "1e-4", "--iters", "1500", "--json");
    assertThat(asym.status()).as(asym.err()).isZero();
    assertThat(json(asym.out()).at("/final/test_error").asDouble()).isLessThan(RECOVERED);
  }

  /**
   * The structured operator from the command line: it recovers like GOE sensing (same tolerance),
   * its summary names the model, and 2 threads give the same final numbers as 1.
   */
  @Test
  void structuredSensingRecoversWithTheSameResultOnAnyThreadCount() throws IOException {
    String[] base = {"sense", "--model", "structured", "--n", "30", "--r", "2", "--alpha", "1e-6", "--iters", "800",
        "--json"};
    CliRun one = CliRun.of(base);
    CliRun two = CliRun.of(args(base, "--threads", "2"));
    assertThat(one.status()).as(one.err()).isZero();
    JsonNode a = json(one.out());
    assertThat(a.at("/spec/problem/model").asText()).isEqualTo("structured");
    assertThat(a.at("/spec/problem/m").asInt()).isEqualTo(20 * 30 * 2);
    assertThat(a.at("/final/test_error").asDouble()).isLessThan(RECOVERED);
    assertThat(json(two.out()).at("/final").toString()).isEqualTo(a.at("/final").toString());
  }

  @Test
  void threadsDoNotChangeTheRun() throws IOException {
    JsonNode one = json(CliRun.of(args(SMALL, "--json", "--iters", "100")).out());
    JsonNode three = json(CliRun.of(args(SMALL, "--json", "--iters", "100", "--threads", "3")).out());
    assertThat(three.at("/final").toString()).isEqualTo(one.at("/final").toString());
  }

  @Test
  void jsonFlagPrintsParseableJson() throws IOException {
    CliRun run = CliRun.of("sense", "--n", "20", "--r", "1", "--m", "400", "--iters", "50", "--json");
    assertThat(run.status()).isZero();
    JsonNode s = json(run.out());
    assertThat(s.at("/command").asText()).isEqualTo("sense");
    assertThat(s.at("/iterations").asInt()).isEqualTo(50);
    assertThat(s.at("/final/loss").isNumber()).isTrue();
  }

  @Test
  void savedInstanceReproducesTheRun() throws IOException {
    Path dir = tmp.resolve("inst");
    CliRun first = CliRun.of(args(SMALL, "--seed", "7", "--json", "--save-instance", dir.toString()));
    assertThat(first.status()).as(first.err()).isZero();
    CliRun second = CliRun.of("sense", "--load-instance", dir.toString(), "--iters", "600", "--seed", "7", "--json");
    assertThat(second.status()).as(second.err()).isZero();
    JsonNode a = json(first.out());
    JsonNode b = json(second.out());
    assertThat(b.at("/final/test_error").asDouble())
        .isCloseTo(a.at("/final/test_error").asDouble(), within(REPRODUCED));
    assertThat(b.at("/iterations").asInt()).isEqualTo(a.at("/iterations").asInt());
    assertThat(b.at("/spec/problem/model").asText()).isEqualTo("instance");
    assertThat(b.at("/spec/init/kind").asText()).isEqualTo("given");
    assertThat(b.at("/sources").size()).as("A, y, X, instance.json and U0 with their hashes").isEqualTo(5);
  }

  @Test
  void changingAlphaKeepsTheMeasurements() throws IOException {
    Path small = tmp.resolve("a6");
    Path large = tmp.resolve("a3");
    String[] base = {"sense", "--n", "8", "--r", "1", "--m", "60", "--iters", "0"};
    assertThat(CliRun.of(args(base, "--alpha", "1e-6", "--save-instance", small.toString())).status()).isZero();
    assertThat(CliRun.of(args(base, "--alpha", "1e-3", "--save-instance", large.toString())).status()).isZero();
    for (String same : List.of("A.npy", "y.npy", "X.npy")) {
      assertThat(Files.readAllBytes(large.resolve(same))).as(same).isEqualTo(Files.readAllBytes(small.resolve(same)));
    }
    assertThat(Files.readAllBytes(large.resolve("U0.npy"))).isNotEqualTo(Files.readAllBytes(small.resolve("U0.npy")));
  }

  @Test
  void hugeStepDivergesWithExit1AndNoNaN() throws IOException {
    Path out = tmp.resolve("div");
    CliRun run = CliRun.of(args(SMALL, "--step", "100", "--out", out.toString()));
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).startsWith("lowrank sense: error: diverged at iteration ").contains("reduce --step");
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(run.out()).contains("DIVERGED").contains("n/a (diverged)");
    String summary = Files.readString(out.resolve("summary.json"));
    String history = Files.readString(out.resolve("history.csv"));
    for (String text : List.of(run.out(), run.err(), summary, history)) {
      assertThat(text).doesNotContainIgnoringCase("nan").doesNotContain("Exception");
    }
    JsonNode s = json(summary);
    assertThat(s.at("/final/test_error").isMissingNode()).isTrue();
    assertThat(s.at("/diverged").asBoolean()).isTrue();

    CliRun json = CliRun.of(args(SMALL, "--step", "100", "--json"));
    assertThat(json.status()).isEqualTo(1);
    assertThat(json.out()).doesNotContain("NaN");
    assertThat(json(json.out()).at("/final/loss").isMissingNode()).isTrue();
  }

  @Test
  void versionNamesTheKernelsAndFallsBackToDevOutsideAJar() {
    CliRun run = CliRun.of("--version");
    assertThat(run.status()).isZero();
    java.util.List<String> lines = run.out().strip().lines().toList();
    assertThat(lines.get(0)).isEqualTo("lowrank dev");
    // the CLI's tests run without --add-modules jdk.incubator.vector: the plain kernels, and how to get the fast ones
    assertThat(lines.get(1)).startsWith("kernels: plain Java").contains("--add-modules jdk.incubator.vector")
        .contains(Runtime.getRuntime().availableProcessors() + " core");
    assertThat(lines.get(2)).startsWith("Java " + System.getProperty("java.version"));
  }

  @Test
  void compactNumbers() {
    assertThat(OptionChecks.compact(100)).isEqualTo("100");
    assertThat(OptionChecks.compact(0.253642123)).isEqualTo("0.253642");
    assertThat(OptionChecks.compact(1e8)).isEqualTo("1e+08");
    assertThat(OptionChecks.compact(1.5e-7)).isEqualTo("1.5e-07");
  }
}
