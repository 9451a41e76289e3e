package io.lowrank.spark.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar run with plain {@code java -jar}: {@code sweep} and {@code complete} with
 * {@code --engine spark} write the local command's files (timings aside), and bad input gets
 * lowrank's one-line error and exit 2, with Spark or before Spark starts.
 */
class SparkCliIT {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Set<String> TIMING = Set.of("setup_s", "solve_s", "wall_s", "median_solve_s");

  @TempDir
  static Path work;

  @BeforeAll
  static void examples() throws IOException {
    Files.createSymbolicLink(work.resolve("examples"), ROOT.resolve("examples"));
    Files.writeString(work.resolve("sweep.yaml"), """
        title: cli sweep on spark
        base:
          problem: {model: goe, n: 20, r: 2, oversampling: 5}
          method: {name: gd, step_fraction: 0.25}
          stop: {iterations: 200, tolerance: 0}
        axes:
          alpha: [1.0e-6, 1.0e-3]
          width: [r, 2r, n]
        seeds: 2
        success: test_error < 1e-3
        metrics: [test_error, iterations]
        """);
  }

  static AllJar.Result ok(String... args) throws Exception {
    AllJar.Result r = AllJar.run(work, List.of(args));
    assertThat(r.status()).as("%s%nstderr: %s", String.join(" ", args), r.err()).isZero();
    return r;
  }

  @Test
  void sweepOnSparkWritesTheLocalSweepsTables() throws Exception {
    ok("sweep", "sweep.yaml", "--out", "local");
    AllJar.Result spark = ok("sweep", "sweep.yaml", "--engine", "spark", "--master", "local[2]", "--out", "spark");
    assertThat(spark.out()).contains("12 runs (0 loaded, 12 run)");
    for (String f : List.of("results.csv", "aggregate.csv")) {
      assertThat(withoutTimings(work.resolve("spark").resolve(f))).as(f)
          .isEqualTo(withoutTimings(work.resolve("local").resolve(f)));
    }
    assertThat(Files.readString(work.resolve("spark/summary.json"))).contains("\"engine\" : \"spark\"");
    AllJar.Result again = ok("sweep", "sweep.yaml", "--engine", "spark", "--out", "spark");
    assertThat(again.out()).contains("12 runs (12 loaded, 0 run)");
  }

  @Test
  void completeOnSparkWritesTheLocalFactorsByteForByte() throws Exception {
    ok("complete", "examples/data/ratings-small.csv", "--out", "c-local");
    ok("complete", "examples/data/ratings-small.csv", "--engine", "spark", "--out", "c-spark");
    for (String f : List.of("L.npy", "R.npy", "row_bias.npy", "col_bias.npy", "rows.csv", "columns.csv")) {
      assertThat(Files.readAllBytes(work.resolve("c-spark").resolve(f))).as(f)
          .isEqualTo(Files.readAllBytes(work.resolve("c-local").resolve(f)));
    }
  }

  /** Part files of ratings-small.csv, each with the header, read with --reader spark. */
  static Path parts() throws IOException {
    Path parts = work.resolve("parts");
    if (Files.exists(parts)) {
      return parts;
    }
    List<String> lines = Files.readAllLines(ROOT.resolve("examples/data/ratings-small.csv"));
    Files.createDirectories(parts);
    int per = (lines.size() - 1 + 2) / 3;
    for (int p = 0; p < 3; p++) {
      List<String> part = new ArrayList<>(List.of(lines.get(0)));
      part.addAll(lines.subList(1 + per * p, Math.min(lines.size(), 1 + per * (p + 1))));
      Files.write(parts.resolve("part-0000" + p + ".csv"), part);
    }
    return parts;
  }

  @Test
  void sparksReadersGiveTheFitOfLowranksReaderWithSortedIds() throws Exception {
    ok("complete", "examples/data/ratings-small.csv", "--ids", "sorted", "--out", "r-local");
    parts();
    AllJar.Result spark = ok("complete", "parts", "--engine", "spark", "--master", "local[2]", "--reader", "spark",
        "--out", "r-spark");
    for (String f : List.of("L.npy", "R.npy", "row_bias.npy", "col_bias.npy", "rows.csv", "columns.csv")) {
      assertThat(Files.readAllBytes(work.resolve("r-spark").resolve(f))).as(f)
          .isEqualTo(Files.readAllBytes(work.resolve("r-local").resolve(f)));
    }
    assertThat(spark.out()).contains("937 entries");
    // the ids really are renumbered: the first-appearance fit differs
    ok("complete", "examples/data/ratings-small.csv", "--out", "r-appearance");
    assertThat(Files.readAllBytes(work.resolve("r-appearance/columns.csv")))
        .isNotEqualTo(Files.readAllBytes(work.resolve("r-local/columns.csv")));
  }

  @Test
  void badInputGetsOneLineAndExitTwo() throws Exception {
    parts();
    Files.writeString(work.resolve("bad.csv"), "user,item,rating\nu1,i1,4\nu2,i2,NaN-ish\n");
    Files.writeString(work.resolve("unseen.csv"), "user,item\nnobody,i1\n");
    // two duplicate policies: the driver leaves the file to the tasks, which fail on an executor
    Files.writeString(work.resolve("bad-sweep.yaml"), """
        base:
          problem: {model: ratings, path: bad.csv}
          stop: {iterations: 10, early_stopping: {hold_out: 0.1}}
        axes:
          problem.duplicates: [error, mean]
        metrics: [iterations]
        """);
    List<String[]> cases = List.of(
        new String[] {"sweep", "sweep.yaml", "--engine", "spark", "--master", "nonsense://x", "--out", "b1"},
        new String[] {"sweep", "sweep.yaml", "--engine", "sparkle", "--out", "b2"},
        new String[] {"sweep", "sweep.yaml", "--master", "local[2]", "--out", "b3"},
        new String[] {"complete", "bad.csv", "--engine", "spark", "--out", "b4"},
        new String[] {"sweep", "bad-sweep.yaml", "--engine", "spark", "--out", "b6"},
        new String[] {"complete", "examples/data/ratings-small.csv", "--engine", "spark", "--predict", "unseen.csv",
            "--out", "b5"},
        new String[] {"complete", "bad.csv", "--engine", "spark", "--reader", "spark", "--out", "b7"},
        new String[] {"complete", "parts", "--engine", "spark", "--reader", "spark", "--duplicates", "mean", "--out", "b8"},
        new String[] {"complete", "parts", "--engine", "spark", "--out", "b9"});
    for (String[] c : cases) {
      AllJar.Result r = AllJar.run(work, Arrays.asList(c));
      String cmd = String.join(" ", c);
      assertThat(r.status()).as(cmd + "\nstderr: " + r.err()).isEqualTo(2);
      // the error line, apart from the progress lines a sweep prints before it and Spark's warnings
      List<String> lines = r.err().lines().filter(l -> !l.startsWith("spark: WARN") && !l.startsWith("sweep: "))
          .toList();
      assertThat(lines).as(cmd).hasSize(1);
      assertThat(lines.get(0)).as(cmd).startsWith("lowrank " + c[0] + ": error: ").contains("; ");
      assertThat(r.err()).as(cmd).doesNotContain("\tat ", "Exception");
    }
  }

  static String withoutTimings(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    List<String> head = Arrays.asList(lines.get(0).split(",", -1));
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      String[] f = line.split(",", -1);
      List<String> kept = new ArrayList<>();
      for (int i = 0; i < f.length; i++) {
        if (!TIMING.contains(head.get(i))) {
          kept.add(f[i]);
        }
      }
      out.append(String.join(",", kept)).append('\n');
    }
    return out.toString();
  }
}
