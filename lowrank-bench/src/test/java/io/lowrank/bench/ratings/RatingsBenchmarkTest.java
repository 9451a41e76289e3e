package io.lowrank.bench.ratings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RatingsBenchmarkTest {
  @TempDir
  Path dir;

  @Test
  void scoresLowrankPredictionsAndTheBaselinesOnAPlantedSplit() throws IOException {
    Planted p = new Planted(150, 100, 3, 0.5, 0.1, 0.3, 21);
    List<String> lines = new ArrayList<>();
    lines.add("user,item,rating");
    for (int t = 0; t < p.all.size(); t++) {
      lines.add("u" + p.all.user[t] + ",i" + p.all.item[t] + "," + p.all.value[t]);
    }
    Path in = dir.resolve("all.csv");
    Files.write(in, lines);
    RatingsSplit.split(in, dir.resolve("split"), RatingsSplit.SEED, 0.1);

    // a stand-in for lowrank's output: predictions = the test ratings + 0.5, in another order
    List<String> test = Files.readAllLines(dir.resolve("split/test.csv"));
    List<String> pred = new ArrayList<>();
    pred.add("row_id,column_id,prediction");
    for (int k = test.size() - 1; k >= 1; k--) {
      String[] f = test.get(k).split(",");
      pred.add(f[0] + "," + f[1] + "," + (Double.parseDouble(f[2]) + 0.5));
    }
    Path lr = Files.createDirectories(dir.resolve("lowrank"));
    Files.write(lr.resolve("predictions.csv"), pred);
    Files.writeString(lr.resolve("summary.json"), "{\n  \"parameters\" : {\n    \"alpha\" : 0.001,\n    \"width\" : 100\n  },\n"
        + "  \"result\" : {\n    \"chosen_iteration\" : 65,\n    \"iterations\" : 265,\n    \"numerical_rank\" : 38,\n"
        + "    \"validation_rmse\" : 0.88\n  }\n}\n");

    ByteArrayOutputStream rows = new ByteArrayOutputStream();
    List<RatingsBenchmark.Result> r = RatingsBenchmark.run("planted", dir.resolve("split/train.csv"),
        dir.resolve("split/test.csv"), lr, 1.5, List.of("bias", "funk", "als"), RatingsBenchmark.Grid.QUICK,
        dir.resolve("out"), new PrintStream(rows, true, StandardCharsets.UTF_8));

    assertThat(r).extracting(RatingsBenchmark.Result::method)
        .containsExactly("lowrank complete", "bias-only", "Funk-SVD (SGD)", "ALS with biases");
    // +0.5 everywhere, except where clipping to the training range takes some of it off
    assertThat(r.get(0).rmse()).isBetween(0.4, 0.5);
    assertThat(r.get(0).params()).isEqualTo("defaults: width=100, alpha=0.001; chose iteration 65 of 265, numerical rank 38");
    assertThat(r.get(0).validationRmse()).isCloseTo(0.88, offset(1e-12));
    double bias = r.get(1).rmse();
    assertThat(bias).isGreaterThan(0.6);
    assertThat(r.get(2).rmse()).isLessThan(0.9 * bias);
    assertThat(r.get(3).rmse()).isLessThan(0.9 * bias);
    String text = rows.toString(StandardCharsets.UTF_8);
    assertThat(text.lines()).hasSize(4).allMatch(l -> l.startsWith("| planted | ") && l.endsWith(" |"));
    assertThat(Files.readAllLines(dir.resolve("out/planted-results.jsonl"))).hasSize(4);
    assertThat(Files.readAllLines(dir.resolve("out/planted-grid.csv")).get(0)).isEqualTo("dataset,method,params,validation_rmse");
  }

  @Test
  void aMissingLowrankPredictionIsAnError() throws IOException {
    Files.write(dir.resolve("train.csv"), List.of("u,i,r", "a,x,1", "a,y,2", "b,x,3", "b,y,4"));
    Files.write(dir.resolve("test.csv"), List.of("u,i,r", "a,y,2", "b,x,3"));
    Path lr = Files.createDirectories(dir.resolve("lr"));
    Files.write(lr.resolve("predictions.csv"), List.of("row_id,column_id,prediction", "a,y,2"));
    assertThatThrownBy(() -> RatingsBenchmark.run("t", dir.resolve("train.csv"), dir.resolve("test.csv"), lr, 0,
        List.of(), RatingsBenchmark.Grid.QUICK, null, new PrintStream(new ByteArrayOutputStream(), true,
            StandardCharsets.UTF_8)))
        .hasMessageContaining("no prediction for the test pair (b, x)");
  }

  @Test
  void aTestIdUnknownToTrainIsRefused() throws IOException {
    Files.write(dir.resolve("train.csv"), List.of("u,i,r", "a,x,1", "b,y,4"));
    Files.write(dir.resolve("test.csv"), List.of("u,i,r", "c,y,2"));
    assertThatThrownBy(() -> new RatingsBenchmark.Data(RatingsCsv.read(dir.resolve("train.csv")),
        RatingsCsv.read(dir.resolve("test.csv")))).hasMessageContaining("user c");
  }

  @Test
  void jsonValueReadsTheFirstScalar() {
    assertThat(RatingsBenchmark.jsonValue("{\"a\" : 1.5, \"b\" : \"x\"}", "b")).isEqualTo("x");
    assertThat(RatingsBenchmark.jsonValue("{\"a\" : 1.5}", "c")).isEqualTo("n/a");
    assertThat(RatingsBenchmark.shortNumber(2.0)).isEqualTo("2");
    assertThat(RatingsBenchmark.shortNumber(0.005)).isEqualTo("0.005");
  }
}
