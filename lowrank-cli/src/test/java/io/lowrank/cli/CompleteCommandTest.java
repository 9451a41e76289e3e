package io.lowrank.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lowrank.experiment.output.Json;
import io.lowrank.experiment.formats.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CompleteCommandTest {
  @TempDir
  static Path tmp;
  static Path ratings;

  /** A 30 x 25 rank-2 "ratings" matrix with string ids (one with a comma, quoted), 60 % observed. */
  @BeforeAll
  static void writeRatings() throws IOException {
    SplittableRandom rng = new SplittableRandom(5);
    double[][] a = new double[30][2];
    double[][] b = new double[25][2];
    for (double[] row : a) {
      row[0] = rng.nextGaussian();
      row[1] = rng.nextGaussian();
    }
    for (double[] row : b) {
      row[0] = rng.nextGaussian();
      row[1] = rng.nextGaussian();
    }
    List<String> lines = new ArrayList<>(List.of("user,item,rating,timestamp"));
    for (int i = 0; i < 30; i++) {
      for (int j = 0; j < 25; j++) {
        if (rng.nextDouble() < 0.6 || j == 0) {
          double v = 3 + 0.5 * (a[i][0] * b[j][0] + a[i][1] * b[j][1]);
          String item = j == 7 ? "\"item, seven\"" : "item" + j;
          lines.add(String.format(Locale.ROOT, "u%d,%s,%.6f,12345", i, item, v));
        }
      }
    }
    ratings = tmp.resolve("ratings.csv");
    Files.write(ratings, lines);
  }

  static Path file(String name, String... lines) throws IOException {
    Path p = tmp.resolve(name);
    Files.write(p, List.of(lines));
    return p;
  }

  @Test
  void completesWritesFactorsSummaryPredictionsAndTopK() throws IOException {
    Path out = tmp.resolve("out");
    Path pairs = file("pairs.csv", "user,item", "u1,item3", "u2,\"item, seven\"");
    CliRun run = CliRun.of("complete", ratings.toString(), "--out", out.toString(), "--predict", pairs.toString(),
        "--top-k", "3", "--iters", "600");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("validation RMSE").contains("chosen iteration").contains("numerical rank");
    JsonNode s = Json.mapper().readTree(out.resolve("summary.json").toFile());
    assertThat(s.get("input").get("rows").asInt()).isEqualTo(30);
    assertThat(s.get("input").get("columns").asInt()).isEqualTo(25);
    assertThat(s.get("result").get("validation_rmse").asDouble())
        .isLessThan(s.get("result").get("baseline_validation_rmse").asDouble());
    assertThat(s.get("result").get("numerical_rank").asInt()).isBetween(1, 25);
    List<String> pred = Files.readAllLines(out.resolve("predictions.csv"));
    assertThat(pred).hasSize(3);
    assertThat(pred.get(0)).isEqualTo("row_id,column_id,prediction");
    assertThat(pred.get(2)).startsWith("u2,\"item, seven\",");
    assertThat(Files.readAllLines(out.resolve("top_k.csv"))).hasSize(1 + 30 * 3);
    assertThat(Files.readAllLines(out.resolve("rows.csv")).get(0)).startsWith("row_id,bias,f1,f2");
    assertThat(Npy.read(out.resolve("L.npy")).shape()).containsExactly(30, 25);
    assertThat(Npy.read(out.resolve("R.npy")).shape()).containsExactly(25, 25);
  }

  @Test
  void coldStartPairsAreSkippedAndListedOnRequest() throws IOException {
    Path out = tmp.resolve("cold");
    Path pairs = file("pairs-cold.csv", "u1,item3", "nobody,item3", "u2,nothing");
    CliRun run = CliRun.of("complete", ratings.toString(), "--out", out.toString(), "--predict", pairs.toString(),
        "--cold-start", "skip", "--iters", "100");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.err()).contains("skipped 2 cold-start pair(s)");
    assertThat(Files.readAllLines(out.resolve("predictions.csv"))).hasSize(2);
    assertThat(Files.readAllLines(out.resolve("cold_start.csv")))
        .containsExactly("line,row_id,column_id,unknown", "2,nobody,item3,row", "3,u2,nothing,column");
  }

  @Test
  void readsMatrixMarketAndTsv() throws IOException {
    Path mtx = file("m.mtx", "%%MatrixMarket matrix coordinate real general", "% comment", "3 4 6",
        "1 1 1.0", "1 2 2.0", "2 3 3.0", "3 4 4.0", "3 1 1.5", "2 2 0.5");
    CliRun run = CliRun.of("complete", mtx.toString(), "--iters", "50", "--json");
    assertThat(run.status()).as(run.err()).isZero();
    JsonNode s = Json.mapper().readTree(run.out());
    assertThat(s.get("input").get("format").asText()).isEqualTo("mtx");
    assertThat(s.get("input").get("entries").asInt()).isEqualTo(6);
    Path tsv = file("t.tsv", "a\tx\t1", "a\ty\t2", "b\tx\t3", "b\ty\t4", "c\tx\t5");
    CliRun t = CliRun.of("complete", tsv.toString(), "--iters", "20", "--json");
    assertThat(t.status()).as(t.err()).isZero();
    assertThat(Json.mapper().readTree(t.out()).get("input").get("format").asText()).isEqualTo("tsv");
  }

  @Test
  void duplicatePoliciesMergeOrRefuse() throws IOException {
    Path dup = file("dup.csv", "a,x,1", "a,y,2", "a,x,3", "b,x,4", "b,y,5");
    CliRun mean = CliRun.of("complete", dup.toString(), "--duplicates", "mean", "--iters", "10", "--json");
    assertThat(mean.status()).as(mean.err()).isZero();
    JsonNode in = Json.mapper().readTree(mean.out()).get("input");
    assertThat(in.get("entries").asInt()).isEqualTo(4);
    assertThat(in.get("duplicates_merged").asInt()).isEqualTo(1);
  }

  static Stream<Arguments> badInputs() throws IOException {
    return Stream.of(
        Arguments.of(List.of(file("short.csv", "a,x,1", "a,y").toString()),
            "short.csv line 2 has 2 fields but 3 are needed (row id, column id, value): \"a,y\""),
        Arguments.of(List.of(file("nan.csv", "a,x,1", "b,y,NaN").toString()), "line 2 has the value NaN, which is not finite"),
        Arguments.of(List.of(file("inf.csv", "a,x,1", "b,y,-Infinity").toString()), "which is not finite"),
        Arguments.of(List.of(file("text.csv", "u,i,r", "a,x,1", "b,y,high").toString()),
            "line 3 has the value 'high', which is not a number: \"b,y,high\""),
        Arguments.of(List.of(file("empty.csv").toString()), "empty.csv has no data rows"),
        Arguments.of(List.of(file("header.csv", "user,item,rating").toString()), "has no data rows (only a header)"),
        Arguments.of(List.of(file("dups.csv", "a,x,1", "b,x,2", "a,x,3").toString()),
            "dups.csv line 3 repeats the pair (row a, column x) of line 1; accepted: one value per pair, or --duplicates mean|last"),
        Arguments.of(List.of(file("quote.csv", "a,x,1", "b,\"y,2").toString()), "cannot be parsed"),
        Arguments.of(List.of(tmp.resolve("missing.csv").toString()), "does not exist"),
        Arguments.of(List.of(file("big.mtx", "%%MatrixMarket matrix coordinate real general", "900000000 900000000 1",
            "1 1 1").toString()), "needs"),
        Arguments.of(List.of(file("mm.mtx", "%%MatrixMarket matrix coordinate real general", "2 2 2", "1 1 1",
            "3 1 1").toString()), "line 4 has the row index 3 outside 1..2"),
        Arguments.of(List.of(file("dense.mtx", "%%MatrixMarket matrix array real general", "2 2").toString()),
            "accepted: coordinate format"),
        Arguments.of(List.of(file("ok1.csv", "a,x,1", "b,y,2").toString(), "--hold-out", "0"), "--hold-out 0 is invalid"),
        Arguments.of(List.of(file("ok2.csv", "a,x,1", "b,y,2").toString(), "--top-k", "5"), "no --out was given"),
        Arguments.of(List.of(file("ok3.csv", "a,x,1", "b,y,2").toString(), "--width", "5"),
            "width 5 exceeds min(rows, columns) = 2 of the data; accepted: 1 <= width <= 2"),
        Arguments.of(List.of(file("ok4.csv", "a,x,1", "b,y,2").toString(), "--centring", "median"),
            "--centring median is invalid; accepted: none, mean, biases"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badInputs")
  void badInputIsOneLineAndExit2(List<String> args, String fragment) {
    List<String> all = new ArrayList<>(List.of("complete"));
    all.addAll(args);
    CliRun run = CliRun.of(all.toArray(new String[0]));
    assertThat(run.status()).as(run.out() + run.err()).isEqualTo(2);
    assertThat(run.err()).startsWith("lowrank complete: error: ").contains(fragment).doesNotContain("Exception");
    assertThat(run.err().strip().lines().count()).isEqualTo(1);
  }

  @Test
  void unseenIdsInPredictAreRefusedByDefault() throws IOException {
    Path pairs = file("pairs-bad.csv", "u1,item3", "ghost,item3");
    CliRun run = CliRun.of("complete", ratings.toString(), "--out", tmp.resolve("o2").toString(), "--predict",
        pairs.toString(), "--iters", "10");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("has 1 pair with ids never seen in the input: line 2 (row id 'ghost')")
        .contains("--cold-start skip");
    assertThat(run.err().strip().lines().count()).isEqualTo(1);
  }
}
