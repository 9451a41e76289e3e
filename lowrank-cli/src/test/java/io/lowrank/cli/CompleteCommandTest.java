package io.lowrank.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lowrank.experiment.formats.Npy;
import io.lowrank.experiment.output.Json;
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
        .containsExactly("line,row_id,column_id,unknown,handled", "2,nobody,item3,row,skipped",
            "3,u2,nothing,column,skipped");
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

  static Path latin1() throws IOException {
    Path p = tmp.resolve("latin1.csv");
    Files.write(p, new byte[] {'a', ',', 'x', ',', '1', '\n', 'b', (byte) 0xE9, ',', 'y', ',', '2', '\n'});
    return p;
  }

  @Test
  void aByteOrderMarkAndCrlfAreHandledAndTheHeaderIsFoundByContent() throws Exception {
    Path bom = tmp.resolve("bom.csv");
    Files.writeString(bom, "\uFEFFa,x,1\r\na,y,2\r\nb,x,3\r\nb,y,4\r\nc,x,5\r\n");
    CliRun run = CliRun.of("complete", bom.toString(), "--iters", "10", "--json");
    assertThat(run.status()).as(run.err()).isZero();
    JsonNode in = Json.mapper().readTree(run.out()).get("input");
    assertThat(in.get("rows").asInt()).isEqualTo(3);
    assertThat(in.get("entries").asInt()).isEqualTo(5);
    assertThat(in.get("header").isNull()).isTrue();
    Path withHeader = tmp.resolve("bom-header.csv");
    Files.writeString(withHeader, "\uFEFFuser,item,rating\r\na,x,1\r\na,y,2\r\nb,x,3\r\nb,y,4\r\n");
    CliRun h = CliRun.of("complete", withHeader.toString(), "--iters", "10", "--json");
    assertThat(h.status()).as(h.err()).isZero();
    JsonNode hin = Json.mapper().readTree(h.out()).get("input");
    assertThat(hin.get("header").get(0).asText()).isEqualTo("user");
    assertThat(hin.get("entries").asInt()).isEqualTo(4);
  }

  static Stream<Arguments> badInputs() throws IOException {
    return Stream.of(
        Arguments.of(List.of(file("short.csv", "a,x,1", "a,y").toString()),
            "short.csv line 2 has 2 fields but 3 are needed (row id, column id, value): \"a,y\""),
        Arguments.of(List.of(file("nan.csv", "a,x,1", "b,y,NaN").toString()), "line 2 has the value NaN, which is not finite"),
        Arguments.of(List.of(file("inf.csv", "a,x,1", "b,y,-Infinity").toString()), "which is not finite"),
        Arguments.of(List.of(file("text.csv", "u,i,r", "a,x,1", "b,y,high").toString()),
            "line 3 has the value 'high', which is not a decimal number: \"b,y,high\""),
        Arguments.of(List.of(file("empty.csv").toString()), "empty.csv has no data rows"),
        Arguments.of(List.of(file("header.csv", "user,item,rating").toString()), "has no data rows (only a header)"),
        Arguments.of(List.of(file("dups.csv", "a,x,1", "b,x,2", "a,x,3").toString()),
            "dups.csv line 3 repeats the pair (row a, column x) of line 1; accepted: one value per pair, or --duplicates mean|last"),
        Arguments.of(List.of(file("quote.csv", "a,x,1", "b,\"y,2").toString()), "has an unbalanced quote"),
        Arguments.of(List.of(tmp.resolve("missing.csv").toString()), "does not exist"),
        Arguments.of(List.of(file("badfirst.csv", "1,5,4x", "2,5,3").toString()),
            "badfirst.csv line 1 has the value '4x', which is not a decimal number"),
        Arguments.of(List.of(file("hex.csv", "a,x,1", "b,y,0x1p2").toString()), "line 2 has the value '0x1p2'"),
        Arguments.of(List.of(file("suffix.csv", "a,x,1", "b,y,4f").toString()), "line 2 has the value '4f'"),
        Arguments.of(List.of(file("emptyid.csv", "a,x,1", ",5,3").toString()), "line 2 has an empty row id"),
        Arguments.of(List.of(file("nul.csv", "a,x,1", "b\u0000c,y,3").toString()),
            "line 2 has a control character (U+0000) in its row id"),
        Arguments.of(List.of(file("intmm.mtx", "%%MatrixMarket matrix coordinate integer general", "2 2 2", "1 1 1",
            "2 2 2.5").toString()), "has the value 2.5 in an integer MatrixMarket file"),
        Arguments.of(List.of(latin1().toString()), "is not UTF-8 text"),
        Arguments.of(List.of(file("huge.csv", "a,x,1e200", "a,y,2", "b,x,3", "b,y,4").toString()),
            "has values of magnitude up to 1.00e+200, whose squares overflow double precision"),
        Arguments.of(List.of(file("ok6.csv", "a,x,1", "b,y,2").toString(), "--alpha", "1e200"),
            "1e-100 <= alpha <= 1e100"),
        Arguments.of(List.of(file("ok7.csv", "a,x,1", "b,y,2").toString(), "--alpha", "1e-320"),
            "1e-100 <= alpha <= 1e100"),
        Arguments.of(List.of(file("big.mtx", "%%MatrixMarket matrix coordinate real general", "900000000 900000000 1",
            "1 1 1").toString()), "needs"),
        Arguments.of(List.of(file("mm.mtx", "%%MatrixMarket matrix coordinate real general", "2 2 2", "1 1 1",
            "3 1 1").toString()), "line 4 has the row index 3 outside 1..2"),
        Arguments.of(List.of(file("dense.mtx", "%%MatrixMarket matrix array real general", "2 2").toString()),
            "accepted: coordinate format"),
        Arguments.of(List.of(file("ok1.csv", "a,x,1", "b,y,2").toString(), "--hold-out", "0"), "--hold-out 0 leaves no entries"),
        Arguments.of(List.of("--load-model", tmp.resolve("no-model").toString(), "--predict", "x.csv", "--out",
            tmp.resolve("o9").toString()), "no-model does not exist"),
        Arguments.of(List.of("--load-model", tmp.toString()), "--load-model alone has nothing to do"),
        Arguments.of(List.of(), "INPUT is missing"),
        Arguments.of(List.of(file("ok5.csv", "a,x,1", "b,y,2").toString(), "--cold-start", "guess"),
            "'guess' is not a cold-start policy; accepted: error, skip, bias-only"),
        Arguments.of(List.of(file("ok2.csv", "a,x,1", "b,y,2").toString(), "--top-k", "5"), "no --out was given"),
        Arguments.of(List.of(file("ok3.csv", "a,x,1", "b,y,2").toString(), "--width", "5"),
            "width 5 exceeds min(rows, columns) = 2 of the data; accepted: 1 <= width <= 2"),
        Arguments.of(List.of(file("ok4.csv", "a,x,1", "b,y,2").toString(), "--centring", "median"),
            "--centring median is invalid; accepted: none, mean, biases"),
        Arguments.of(List.of(file("ok8.csv", "a,x,1", "b,y,2").toString(), "--reader", "spark"),
            "--reader spark reads on a Spark cluster; accepted: --engine spark --reader spark, or no --reader"),
        Arguments.of(List.of(file("ok9.csv", "a,x,1", "b,y,2").toString(), "--reader", "hadoop"),
            "--reader hadoop is not a reader; accepted: lowrank, spark"),
        Arguments.of(List.of(file("ok10.csv", "a,x,1", "b,y,2").toString(), "--ids", "random"),
            "--ids random is not an id order; accepted: appearance, sorted"),
        Arguments.of(List.of(file("ok11.csv", "a,x,1", "b,y,2").toString(), "--engine", "spark", "--reader", "spark",
            "--ids", "appearance"), "--reader spark numbers ids in sorted order; accepted: --ids sorted or no --ids"),
        Arguments.of(List.of(file("ok12.csv", "a,x,1", "b,y,2").toString(), "--engine", "spark", "--reader", "spark",
            "--dense"), "--dense files are read by lowrank's own reader"),
        Arguments.of(List.of(file("r.parquet", "PAR1").toString()),
            "r.parquet is Parquet, which lowrank's own reader does not read; accepted: --engine spark --reader spark"),
        Arguments.of(List.of(tmp.toString()), "is a directory; accepted: a CSV/TSV or .mtx file, or --engine spark "
            + "--reader spark for a directory of CSV/TSV or Parquet part files"));
  }

  /** With --ids sorted the fit no longer depends on the order of the file's lines (with the default it does). */
  @Test
  void sortedIdsMakeTheFitIndependentOfTheLineOrder() throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(ratings));
    List<String> body = new ArrayList<>(lines.subList(1, lines.size()));
    java.util.Collections.shuffle(body, new java.util.Random(3));
    body.add(0, lines.get(0));
    Path shuffled = Files.write(tmp.resolve("shuffled.csv"), body);
    for (String order : List.of("sorted", "appearance")) {
      Path a = tmp.resolve("ids-" + order + "-a");
      Path b = tmp.resolve("ids-" + order + "-b");
      assertThat(CliRun.of("complete", ratings.toString(), "--ids", order, "--iters", "60", "--out", a.toString())
          .status()).isZero();
      assertThat(CliRun.of("complete", shuffled.toString(), "--ids", order, "--iters", "60", "--out", b.toString())
          .status()).isZero();
      boolean same = java.util.Arrays.equals(Files.readAllBytes(a.resolve("L.npy")), Files.readAllBytes(b.resolve("L.npy")))
          && java.util.Arrays.equals(Files.readAllBytes(a.resolve("R.npy")), Files.readAllBytes(b.resolve("R.npy")));
      assertThat(same).as("--ids %s: same factors for shuffled lines", order).isEqualTo(order.equals("sorted"));
      if (order.equals("sorted")) {
        assertThat(Files.readString(a.resolve("rows.csv"))).isEqualTo(Files.readString(b.resolve("rows.csv")));
        assertThat(Files.readString(a.resolve("rows.csv")).lines().skip(1).limit(3).map(l -> l.split(",")[0]).toList())
            .as("text order").containsExactly("u0", "u1", "u10");
      }
    }
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

  /** The README's own line: --out without --predict (it crashed with a NullPointerException once). */
  @Test
  void outWithoutPredictWritesEverythingAndAReportWithItsFigures() throws Exception {
    Path out = tmp.resolve("plain");
    CliRun run = CliRun.of("complete", ratings.toString(), "--out", out.toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.err()).doesNotContain("Exception");
    String html = Files.readString(out.resolve("report.html"));
    assertThat(html).contains("<h1>lowrank complete:").contains("numerical rank");
    for (String id : List.of("rmse", "singular-values", "held-out-histogram")) {
      assertThat(html).contains("id=\"fig-" + id + "\"");
      Path svg = out.resolve("figures/" + id + ".svg");
      javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
      assertThat(Files.readAllLines(out.resolve("figures/" + id + ".csv")).size()).isGreaterThan(2);
    }
    JsonNode s = Json.mapper().readTree(out.resolve("summary.json").toFile());
    assertThat(s.get("outputs").get("files").toString()).contains("report.html");
  }

  @Test
  void aSavedModelPredictsBitForBitWithoutRefitting() throws Exception {
    Path pairs = file("pairs-model.csv", "user,item", "u1,item3", "u2,\"item, seven\"", "u29,item0");
    Path fitted = tmp.resolve("fit-with-model");
    Path model = tmp.resolve("model");
    CliRun fit = CliRun.of("complete", ratings.toString(), "--out", fitted.toString(), "--predict", pairs.toString(),
        "--save-model", model.toString(), "--top-k", "4", "--iters", "300");
    assertThat(fit.status()).as(fit.err()).isZero();
    assertThat(model.resolve("model.json")).exists();
    Path again = tmp.resolve("from-model");
    CliRun load = CliRun.of("complete", "--load-model", model.toString(), "--predict", pairs.toString(), "--out",
        again.toString(), "--top-k", "4");
    assertThat(load.status()).as(load.err()).isZero();
    assertThat(Files.readAllLines(again.resolve("predictions.csv")))
        .isEqualTo(Files.readAllLines(fitted.resolve("predictions.csv"))).hasSize(4);
    assertThat(Files.readAllLines(again.resolve("top_k.csv"))).isEqualTo(Files.readAllLines(fitted.resolve("top_k.csv")));
    CliRun both = CliRun.of("complete", ratings.toString(), "--load-model", model.toString());
    assertThat(both.status()).isEqualTo(2);
    assertThat(both.err()).contains("INPUT and --load-model were both given").contains("--warm-start");
  }

  @Test
  void refitByDefaultTrainsOnEveryEntryAndSaysSo() throws Exception {
    CliRun run = CliRun.of("complete", ratings.toString(), "--json");
    assertThat(run.status()).as(run.err()).isZero();
    JsonNode s = Json.mapper().readTree(run.out());
    JsonNode refit = s.get("result").get("refit");
    assertThat(refit.get("entries").asInt()).isEqualTo(s.get("input").get("entries").asInt());
    assertThat(refit.get("iterations").asInt()).isEqualTo(s.get("result").get("chosen_iteration").asInt());
    CliRun off = CliRun.of("complete", ratings.toString(), "--no-refit", "--json");
    assertThat(off.status()).as(off.err()).isZero();
    assertThat(Json.mapper().readTree(off.out()).get("result").get("refit").isNull()).isTrue();
  }

  @Test
  void biasOnlyColdStartPredictsFromTheKnownBiases() throws Exception {
    Path out = tmp.resolve("bias-only");
    Path pairs = file("pairs-bias.csv", "u1,item3", "nobody,item3");
    CliRun run = CliRun.of("complete", ratings.toString(), "--out", out.toString(), "--predict", pairs.toString(),
        "--cold-start", "bias-only", "--iters", "100", "--save-model", tmp.resolve("bias-model").toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.err()).contains("predicted from the biases 1 cold-start pair(s)");
    List<String> pred = Files.readAllLines(out.resolve("predictions.csv"));
    assertThat(pred).hasSize(3);
    var model = io.lowrank.experiment.completion.CompletionModel.load(tmp.resolve("bias-model"));
    double expected = model.baseline().mean() + model.baseline().colBias()[model.colIndex("item3")];
    assertThat(Double.parseDouble(pred.get(2).split(",")[2])).isEqualTo(expected);
  }

  @Test
  void divergenceExitsOneWithTheIterationAndTheKnobAndNoRmse() {
    CliRun run = CliRun.of("complete", ratings.toString(), "--step-fraction", "1e6", "--iters", "200");
    assertThat(run.status()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.err()).startsWith("lowrank complete: error: diverged at iteration ")
        .contains("reduce --step-fraction (now 1000000)");
    assertThat(run.err().strip().lines().count()).isEqualTo(1);
    assertThat(run.out()).doesNotContain("RMSE");
  }

  @Test
  void stoppingAtTheBudgetWhileImprovingNamesIters() {
    CliRun run = CliRun.of("complete", ratings.toString(), "--iters", "60", "--patience", "1000");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.err()).contains("used its whole budget of 60 iterations while the validation error was still "
        + "improving").contains("raise --iters");
  }

  /** A dense 40 x 30 rank-2 matrix with 30 % missing (empty and NaN), with and without header and row ids. */
  @Test
  void aDenseMatrixWithMissingValuesIsCompletedInItsOwnLayout() throws Exception {
    SplittableRandom rng = new SplittableRandom(11);
    int n1 = 40;
    int n2 = 30;
    double[][] m = new double[n1][n2];
    double[][] a = new double[n1][2];
    double[][] b = new double[n2][2];
    for (double[] r : a) {
      r[0] = rng.nextGaussian();
      r[1] = rng.nextGaussian();
    }
    for (double[] r : b) {
      r[0] = rng.nextGaussian();
      r[1] = rng.nextGaussian();
    }
    boolean[][] miss = new boolean[n1][n2];
    List<String> withIds = new ArrayList<>();
    List<String> bare = new ArrayList<>();
    StringBuilder head = new StringBuilder("name");
    for (int j = 0; j < n2; j++) {
      head.append(",c").append(j);
    }
    withIds.add(head.toString());
    for (int i = 0; i < n1; i++) {
      StringBuilder l = new StringBuilder("r" + i);
      StringBuilder plain = new StringBuilder();
      for (int j = 0; j < n2; j++) {
        m[i][j] = 2 + a[i][0] * b[j][0] + a[i][1] * b[j][1];
        miss[i][j] = rng.nextDouble() < 0.3;
        String v = miss[i][j] ? (j % 2 == 0 ? "" : "NaN") : String.format(Locale.ROOT, "%.6f", m[i][j]);
        l.append(',').append(v);
        plain.append(j == 0 ? "" : ",").append(v);
      }
      withIds.add(l.toString());
      bare.add(plain.toString());
    }
    Path f = tmp.resolve("dense.csv");
    Files.write(f, withIds);
    Path out = tmp.resolve("dense-out");
    CliRun run = CliRun.of("complete", f.toString(), "--dense", "--out", out.toString(), "--json");
    assertThat(run.status()).as(run.err()).isZero();
    JsonNode in = Json.mapper().readTree(run.out()).get("input");
    assertThat(in.get("rows").asInt()).isEqualTo(n1);
    assertThat(in.get("columns").asInt()).isEqualTo(n2);
    List<String> done = Files.readAllLines(out.resolve("completed.csv"));
    assertThat(done).hasSize(n1 + 1);
    assertThat(done.get(0)).isEqualTo("row_id," + head.substring(5));
    double sq = 0;
    int missing = 0;
    double var = 0;
    for (int i = 0; i < n1; i++) {
      String[] fields = done.get(i + 1).split(",");
      assertThat(fields).hasSize(n2 + 1);
      assertThat(fields[0]).isEqualTo("r" + i);
      for (int j = 0; j < n2; j++) {
        double v = Double.parseDouble(fields[j + 1]);
        if (miss[i][j]) {
          sq += (v - m[i][j]) * (v - m[i][j]);
          var += (m[i][j] - 2) * (m[i][j] - 2);
          missing++;
        } else {
          assertThat(v).isCloseTo(m[i][j], org.assertj.core.data.Offset.offset(1e-6));
        }
      }
    }
    assertThat(Math.sqrt(sq / missing)).as("RMSE over the missing entries vs their spread")
        .isLessThan(0.3 * Math.sqrt(var / missing));
    Path g = tmp.resolve("bare.csv");
    Files.write(g, bare);
    Path out2 = tmp.resolve("bare-out");
    CliRun plain = CliRun.of("complete", g.toString(), "--dense", "--out", out2.toString());
    assertThat(plain.status()).as(plain.err()).isZero();
    List<String> lines = Files.readAllLines(out2.resolve("completed.csv"));
    assertThat(lines).hasSize(n1);
    assertThat(lines.get(0).split(",")).hasSize(n2);
    Path ragged = file("ragged.csv", "1,2,3", "4,5");
    CliRun r = CliRun.of("complete", ragged.toString(), "--dense");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("ragged.csv line 2 has 2 fields but the first line has 3");
  }
}
