package io.lowrank.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowrank.experiment.engine.Engine;
import io.lowrank.experiment.formats.BadInputException;
import io.lowrank.experiment.job.ResumableRuns;
import io.lowrank.experiment.job.SweepJob;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.sweep.SweepSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweep mode: the files of a sweep on Spark are those of the local sweep, resume and failures behave the same. */
class SparkSweepTest {
  /** results.csv and aggregate.csv columns that hold wall-clock times. */
  private static final Set<String> TIMING = Set.of("setup_s", "solve_s", "wall_s", "median_solve_s");

  static SparkEngine spark;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    spark = SparkEngine.open("local[2]", 2);
  }

  @AfterAll
  static void stop() {
    spark.close();
  }

  static final String GOE = """
      title: spark sweep test
      base:
        problem: {model: goe, n: 20, r: 2, oversampling: 5}
        method: {name: gd, step_fraction: 0.25}
        stop: {iterations: 300, tolerance: 0}
        record: {every: 10}
      axes:
        alpha: [1.0e-6, 1.0e-4, 1.0e-2]
        width: [r, 2r]
      seeds: 2
      success: test_error < 1e-3
      metrics: [test_error, iterations]
      """;

  static final String RATINGS = """
      title: spark ratings sweep test
      base:
        problem: {model: ratings, path: ../examples/data/ratings-small.csv, centring: biases, bias_lambda: 5}
        stop: {iterations: 300, early_stopping: {hold_out: 0.1, patience: 100, every: 5}}
      axes:
        width: [2, 8]
      seeds: 2
      metrics: [validation_mse, iterations]
      """;

  private SweepJob.Outcome sweep(String text, Path out, Engine engine, List<Integer> progress) throws IOException {
    Path file = dir.resolve("sweep-" + Math.abs(text.hashCode()) + ".yaml");
    Files.writeString(file, text);
    SweepSpec s = SweepSpec.read(file, List.of());
    return SweepJob.run(s, out, engine, 2, false, "test", new ResumableRuns.Listener() {
      @Override
      public void completed(int done, int total, RunSpec spec) {
        progress.add(done);
      }
    });
  }

  @Test
  void twelveRunSweepWritesTheLocalSweepsTablesApartFromTimings() throws IOException {
    List<Integer> localProgress = new ArrayList<>();
    List<Integer> sparkProgress = new ArrayList<>();
    SweepJob.Outcome local = sweep(GOE, dir.resolve("local"), Engine.local(), localProgress);
    SweepJob.Outcome remote = sweep(GOE, dir.resolve("spark"), spark, sparkProgress);
    assertThat(remote.ran()).isEqualTo(12);
    assertThat(local.ran()).isEqualTo(12);
    assertSameTables(dir.resolve("local"), dir.resolve("spark"));
    assertThat(sparkProgress).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    for (RunSpec s : local.results().keySet()) {
      assertThat(Files.exists(dir.resolve("spark/runs").resolve(s.id()).resolve("summary.json"))).as(s.id()).isTrue();
    }
  }

  @Test
  void ratingsParsedOnTheDriverGiveTheLocalResults() throws IOException {
    sweep(RATINGS, dir.resolve("local"), Engine.local(), new ArrayList<>());
    SweepJob.Outcome remote = sweep(RATINGS, dir.resolve("spark"), spark, new ArrayList<>());
    assertThat(remote.ran()).isEqualTo(4);
    assertSameTables(dir.resolve("local"), dir.resolve("spark"));
  }

  @Test
  void resumeSkipsRunsWhoseSummaryExistsAndRunsTheMissingOnes() throws IOException {
    Path out = dir.resolve("resume");
    sweep(GOE, out, spark, new ArrayList<>());
    List<Path> runs;
    try (var s = Files.list(out.resolve("runs"))) {
      runs = s.sorted().toList();
    }
    Files.delete(runs.get(3).resolve("summary.json")); // as if killed before this run completed
    Files.delete(runs.get(7).resolve("summary.json"));
    String before = withoutTimings(Files.readString(out.resolve("results.csv")));
    SweepJob.Outcome again = sweep(GOE, out, spark, new ArrayList<>());
    assertThat(again.loaded()).isEqualTo(10);
    assertThat(again.ran()).isEqualTo(2);
    assertThat(withoutTimings(Files.readString(out.resolve("results.csv")))).isEqualTo(before);
  }

  @Test
  void aBadRunFailsWithLowranksOwnOneLineError() throws IOException {
    String bad = RATINGS.replace("../examples/data/ratings-small.csv", dir.resolve("bad.csv").toString());
    Files.writeString(dir.resolve("bad.csv"), "user,item,rating\nu1,i1,4\nu2,i2,not-a-number\n");
    assertThatThrownBy(() -> sweep(bad, dir.resolve("bad"), spark, new ArrayList<>()))
        .isInstanceOf(BadInputException.class).hasMessageContaining("bad.csv").hasMessageNotContaining("\n");
  }

  @Test
  void aTaskThatFailsOnAnExecutorFailsTheSweepWithItsOwnError() throws IOException {
    // two duplicate policies on one file: the driver does not parse it, each task reads it itself
    String bad = RATINGS.replace("../examples/data/ratings-small.csv", dir.resolve("bad.csv").toString())
        .replace("width: [2, 8]", "width: [2, 8]\n  problem.duplicates: [error, mean]");
    Files.writeString(dir.resolve("bad.csv"), "user,item,rating\nu1,i1,4\nu2,i2,not-a-number\n");
    assertThatThrownBy(() -> sweep(bad, dir.resolve("bad2"), spark, new ArrayList<>()))
        .isInstanceOf(BadInputException.class).hasMessageContaining("bad.csv").hasMessageNotContaining("\n");
  }

  static void assertSameTables(Path a, Path b) throws IOException {
    for (String f : List.of("results.csv", "aggregate.csv")) {
      assertThat(withoutTimings(Files.readString(b.resolve(f)))).as(f).isEqualTo(withoutTimings(Files.readString(a.resolve(f))));
    }
  }

  /** The CSV text without its timing columns. */
  static String withoutTimings(String csv) {
    List<String> lines = csv.lines().toList();
    List<String> head = Arrays.asList(lines.get(0).split(",", -1));
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      String[] f = line.split(",", -1);
      assertThat(f).as("a results table without quoted commas").hasSize(head.size());
      List<String> kept = new ArrayList<>();
      for (int i = 0; i < f.length; i++) {
        if (!TIMING.contains(head.get(i))) {
          kept.add(f[i]);
        }
      }
      out.append(String.join(",", kept)).append('\n');
    }
    assertThat(head).containsAnyElementsOf(TIMING);
    return out.toString();
  }
}
