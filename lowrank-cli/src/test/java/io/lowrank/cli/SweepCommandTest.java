package io.lowrank.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lowrank.experiment.output.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code lowrank sweep}: the files, the figures, resuming after {@code kill -9} at random points
 * (child JVMs) with results identical to an uninterrupted sweep, a changed sweep refused in the same
 * directory and {@code --force}, and one-line errors.
 */
class SweepCommandTest {
  @TempDir
  static Path dir;
  static Path file;
  static CliRun reference;

  /** 8 grid points x 4 seeds of GOE sensing (n = 20, r = 2): alpha x width, success below 1e-3. */
  static final String SWEEP = """
      title: resume test
      base:
        problem: {model: goe, n: 20, r: 2, m: 400}
        stop: {iterations: 400, tolerance: 0}
        record: {every: 2, probes: phases}
      axes:
        alpha: {from: 1.0e-8, to: 1.0e-2, count: 4, scale: log}
        width: [r, n]
      seeds: 4
      success: test_error < 1e-3
      """;

  @BeforeAll
  static void uninterrupted() throws IOException {
    file = Files.writeString(dir.resolve("s.yaml"), SWEEP);
    reference = CliRun.of("sweep", file.toString(), "--out", dir.resolve("ref").toString(), "--threads", "2");
  }

  /** The lines of a CSV file without its timing columns (names ending in _s). */
  static List<String> withoutTimings(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    String[] header = lines.get(0).split(",", -1);
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      String[] f = line.split(",", -1);
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < f.length; i++) {
        if (!header[i].endsWith("_s")) {
          b.append(f[i]).append(',');
        }
      }
      out.add(b.toString());
    }
    return out;
  }

  @Test
  void writesTablesFiguresReportAndSummaryLast() throws IOException {
    assertThat(reference.status()).as(reference.err()).isZero();
    Path ref = dir.resolve("ref");
    for (String f : new String[] {"sweep.yaml", "sweep.yaml.sha256", "results.csv", "aggregate.csv", "report.html",
        "summary.json", "figures/heatmap.svg", "figures/heatmap.csv"}) {
      assertThat(ref.resolve(f)).isRegularFile();
    }
    assertThat(Files.readAllLines(ref.resolve("results.csv"))).hasSize(33);
    assertThat(Files.readAllLines(ref.resolve("aggregate.csv"))).hasSize(9);
    try (Stream<Path> runs = Files.list(ref.resolve("runs"))) {
      assertThat(runs.filter(r -> Files.isRegularFile(r.resolve("summary.json"))).count()).isEqualTo(32);
    }
    JsonNode summary = Json.mapper().readTree(ref.resolve("summary.json").toFile());
    assertThat(summary.get("runs").asInt()).isEqualTo(32);
    assertThat(summary.get("grid")).hasSize(8);
    String svg = Files.readString(ref.resolve("figures/heatmap.svg"));
    assertThat(svg).startsWith("<?xml").contains("<svg").contains("lr-contour");
    assertThat(Files.readString(ref.resolve("report.html"))).contains("Success rate over width × alpha")
        .contains("<svg");
    // at alpha = 1e-2 the wide factor stalls above 1e-3 on every seed, the exact-rank one recovers
    List<String> agg = Files.readAllLines(ref.resolve("aggregate.csv"));
    assertThat(agg.get(7)).startsWith("6,0.01,r,4,0,1.0,");
    assertThat(agg.get(8)).startsWith("7,0.01,n,4,0,0.0,");
    assertThat(reference.out()).contains("8 grid points x 4 seeds = 32 runs (0 loaded, 32 run)");
  }

  /**
   * kill -9 at five random moments (seeded), each time rerunning the same command in the same
   * directory; the finished sweep's tables equal the uninterrupted one's (timings aside), no run is
   * lost or repeated, and a killed directory never has a top-level summary.json.
   */
  @Test
  void resumesAfterKillNineWithIdenticalResults() throws Exception {
    Path work = Files.createDirectories(dir.resolve("kill"));
    Files.copy(file, work.resolve("s.yaml"));
    List<String> args = List.of("sweep", "s.yaml", "--out", "out", "--threads", "2");
    int killed = 0;
    for (int k = 0; k < 3; k++) {
      Process p = ChildJvm.start(work, args);
      // kill as soon as this invocation has stored a new run: the kill then always hits a running sweep
      long before = storedRuns(work.resolve("out/runs"));
      while (p.isAlive() && storedRuns(work.resolve("out/runs")) <= before) {
        Thread.sleep(5);
      }
      if (p.isAlive()) {
        p.destroyForcibly().waitFor();
        if (Files.exists(work.resolve("out/summary.json"))) {
          // the kill landed after the sweep had finished (summary.json is written last, then the
          // JVM exits): a complete directory is then right, and it must really be complete
          assertThat(Files.readAllLines(work.resolve("out/results.csv"))).as("a sweep that looks complete is")
              .hasSize(33);
          break;
        }
        killed++;
      } else {
        p.waitFor();
      }
    }
    assertThat(killed).as("kills that hit a running sweep").isGreaterThanOrEqualTo(1);
    ChildJvm.Result last = ChildJvm.run(work, args);
    assertThat(last.status()).as(last.err()).isZero();
    Path out = work.resolve("out");
    Path ref = dir.resolve("ref");
    assertThat(withoutTimings(out.resolve("results.csv"))).isEqualTo(withoutTimings(ref.resolve("results.csv")));
    assertThat(withoutTimings(out.resolve("aggregate.csv"))).isEqualTo(withoutTimings(ref.resolve("aggregate.csv")));
    List<String> rows = Files.readAllLines(out.resolve("results.csv"));
    Set<String> ids = new HashSet<>();
    for (String row : rows.subList(1, rows.size())) {
      assertThat(ids.add(row.split(",")[4])).as("run id listed once: " + row).isTrue();
    }
    try (Stream<Path> runs = Files.list(out.resolve("runs"))) {
      assertThat(runs.count()).isEqualTo(32);
    }
    try (Stream<Path> all = Files.walk(out)) {
      assertThat(all.filter(p -> p.getFileName().toString().startsWith(".lowrank-tmp-")).toList()).isEmpty();
    }
  }

  /** The runs of a sweep directory that are complete (their summary.json exists). */
  static long storedRuns(Path runs) throws IOException {
    if (!Files.isDirectory(runs)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(runs)) {
      return s.filter(r -> Files.exists(r.resolve("summary.json"))).count();
    }
  }

  @Test
  void rerunningAFinishedSweepLoadsEverythingAndAChangedOneIsRefusedUnlessForced() throws IOException {
    Path d = dir.resolve("again");
    assertThat(CliRun.of("sweep", file.toString(), "--out", d.toString()).status()).isZero();
    CliRun again = CliRun.of("sweep", file.toString(), "--out", d.toString());
    assertThat(again.status()).isZero();
    assertThat(again.out()).contains("(32 loaded, 0 run)");
    CliRun changed = CliRun.of("sweep", file.toString(), "--out", d.toString(), "--set", "seeds=2");
    assertThat(changed.status()).isEqualTo(2);
    assertThat(changed.err().strip()).isEqualTo("lowrank sweep: error: --out " + d + " holds a sweep with other "
        + "settings (sweep.yaml differs); accepted: the same command to resume it, --force to clear it and start over, "
        + "or another --out");
    CliRun forced = CliRun.of("sweep", file.toString(), "--out", d.toString(), "--set", "seeds=2", "--force");
    assertThat(forced.status()).isZero();
    assertThat(forced.out()).contains("8 grid points x 2 seeds = 16 runs (0 loaded, 16 run)");
    try (Stream<Path> runs = Files.list(d.resolve("runs"))) {
      assertThat(runs.count()).isEqualTo(16);
    }
  }

  @Test
  void oneAxisGivesMetricFiguresWithBandsAndPrintSpecRunsNothing() throws IOException {
    Path f = Files.writeString(dir.resolve("one.yaml"), """
        base: {problem: {n: 12, r: 1, m: 150}, stop: {iterations: 200}}
        axes: {alpha: [1.0e-6, 1.0e-4, 1.0e-2]}
        seeds: 3
        """);
    Path d = dir.resolve("one");
    CliRun r = CliRun.of("sweep", f.toString(), "--out", d.toString(), "--iters", "150");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(d.resolve("figures/metric-test-error.svg")).isRegularFile();
    assertThat(Files.readString(d.resolve("figures/metric-test-error.svg"))).contains("lr-bands");
    assertThat(Files.readAllLines(d.resolve("figures/metric-test-error.csv")).get(0)).isEqualTo("series,x,y,lo,hi");
    assertThat(Files.readString(d.resolve("runs").resolve(Files.list(d.resolve("runs")).findFirst().orElseThrow()
        .getFileName()).resolve("summary.json"))).contains("\"iterations\" : 150");
    CliRun print = CliRun.of("sweep", f.toString(), "--out", dir.resolve("none").toString(), "--print-spec");
    assertThat(print.status()).isZero();
    assertThat(print.out()).contains("runs: 9").contains("axes:");
    assertThat(dir.resolve("none")).doesNotExist();
  }

  static Stream<Arguments> bad() {
    return Stream.of(
        Arguments.of(List.of("missing.yaml"), "missing.yaml does not exist; accepted: a sweep file"),
        Arguments.of(List.of("%S", "--set", "alpha=1e-3"), "axis alpha"),
        Arguments.of(List.of("%S", "--seed", "3"), "--seed 3 has no effect: the sweep runs seeds [1, 2, 3, 4]"),
        Arguments.of(List.of("%S", "--threads", "0"), "--threads 0 is invalid"),
        Arguments.of(List.of("%S", "--set", "seeds=-1"), "seeds -1 is invalid"),
        Arguments.of(List.of("%S", "--set", "problem.r=30"), "--set problem.r=30: problem.r: 30 is invalid; accepted: 1 <= r <= n = 20"),
        Arguments.of(List.of("%S", "--frce"), "unknown option '--frce'; did you mean --force?"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("bad")
  void badInputIsOneLineAndExitTwo(List<String> args, String fragment) {
    List<String> argv = new ArrayList<>(List.of("sweep"));
    args.forEach(a -> argv.add(a.equals("%S") ? file.toString() : a));
    argv.addAll(List.of("--out", dir.resolve("bad").toString()));
    CliRun r = CliRun.of(argv.toArray(String[]::new));
    assertThat(r.status()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).startsWith("lowrank sweep: error: ").contains(fragment).doesNotContain("Exception");
    assertThat(r.err().strip().lines().count()).isEqualTo(1);
  }
}
