package io.lowrank.cli;

import static io.lowrank.cli.FuzzTest.Expect.ACCEPT;
import static io.lowrank.cli.FuzzTest.Expect.EITHER;
import static io.lowrank.cli.FuzzTest.Expect.REFUSE;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lowrank.cli.FuzzTest.Case;
import io.lowrank.cli.FuzzTest.Check;
import io.lowrank.cli.FuzzTest.Expect;
import io.lowrank.cli.FuzzTest.Gen;
import io.lowrank.experiment.output.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Fuzz cases of {@code complete}: CSV/TSV triples, MatrixMarket, dense CSV, pair files, saved models, options. */
final class FuzzCases {
  static final String BOM = "\uFEFF";
  static final List<String> EOLS = List.of("\n", "\r\n", "\r");
  static final List<String> EOL_NAMES = List.of("LF", "CRLF", "CR");
  static final String[][] STYLES = {{"u%d", "i%d"}, {"%d", "%d"}, {"ü%d", "項目%d"}, {"user %d", "item, %d"},
      {"r\"%d", "c%d"}};
  static final List<String> BAD_VALUES = List.of("0x1p2", "4f", "4d", "1_000", "١٢", "1e400", "-1e400", "NaN", "nan",
      "inf", "-Infinity", "Infinity", "", " ", "4x", "--3", "1e", "∞", "3.5.1", "0x10", "1e+", "+", "1,5", "٣.٥", "3 4");

  private FuzzCases() {}

  /** One (row id, column id, value) record. */
  record Tri(String r, String c, String v) {}

  /** A shuffled rows x cols ratings table with every row and column present, values 1..5 and decimals. */
  static List<Tri> ratings(Gen g, String[] style, int rows, int cols) {
    List<Tri> t = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        if (j == i % cols || g.rng.nextDouble() < 0.5) {
          String v = g.rng.nextInt(4) == 0 ? String.format(Locale.ROOT, "%.2f", 1 + 4 * g.rng.nextDouble())
              : Integer.toString(1 + g.rng.nextInt(5));
          t.add(new Tri(String.format(style[0], i), String.format(style[1], j), v));
        }
      }
    }
    Collections.shuffle(t, g.rng);
    return t;
  }

  static String line(char sep, String... fields) {
    return Arrays.stream(fields).map(f -> f.indexOf(sep) >= 0 || f.indexOf('"') >= 0 ? '"' + f.replace("\"", "\"\"")
        + '"' : f).collect(Collectors.joining(String.valueOf(sep)));
  }

  static List<String> lines(List<Tri> t, char sep) {
    return new ArrayList<>(t.stream().map(x -> line(sep, x.r, x.c, x.v)).toList());
  }

  static String join(List<String> lines, String eol, boolean bom, int blankTail) {
    return (bom ? BOM : "") + String.join(eol, lines) + eol + eol.repeat(blankTail);
  }

  static String csv(List<Tri> t) {
    return join(lines(t, ','), "\n", false, 0);
  }

  /** The distinct ids in order of first appearance. */
  static List<String> ids(List<Tri> t, Function<Tri, String> id) {
    return new ArrayList<>(t.stream().map(id).collect(Collectors.toCollection(LinkedHashSet::new)));
  }

  /** rows.csv and columns.csv list exactly these ids in this order; summary.json has these counts (-1: any). */
  static Check ids(Path out, List<String> rows, List<String> cols, int records, int entries) {
    return run -> {
      assertThat(FuzzTest.column(out.resolve("rows.csv"), 0)).as("rows.csv ids").isEqualTo(rows);
      assertThat(FuzzTest.column(out.resolve("columns.csv"), 0)).as("columns.csv ids").isEqualTo(cols);
      JsonNode in = Json.mapper().readTree(out.resolve("summary.json").toFile()).get("input");
      assertThat(records < 0 || in.get("records").asInt() == records).as("input.records %s = %d", in, records).isTrue();
      assertThat(entries < 0 || in.get("entries").asInt() == entries).as("input.entries %s = %d", in, entries).isTrue();
    };
  }

  /** A complete run on text holding the triples t (and entries distinct pairs), its ids and counts checked. */
  static Case fit(Gen g, Expect e, String cls, String name, String text, List<Tri> t, int entries, Object... extra)
      throws IOException {
    Path out = g.out(cls);
    List<Object> args = new ArrayList<>(List.of("complete", g.write(cls + ".csv", text), "--iters", "50"));
    args.addAll(List.of(extra));
    return g.add(e, cls, name, args.toArray()).out(out).check(ids(out, ids(t, Tri::r), ids(t, Tri::c), t.size(),
        entries));
  }

  static Case refuse(Gen g, String cls, String name, String file, byte[] bytes, Object... extra) throws IOException {
    return g.refuse(cls, name, file, bytes, f -> Gen.plus(List.of("complete", f), extra));
  }

  static void add(Gen g) throws Exception {
    triples(g);
    badTriples(g);
    matrixMarket(g);
    dense(g);
    pairs(g);
    options(g);
  }

  /** Well-formed triples in every layout: the ids and counts written are those of the input. */
  static void triples(Gen g) throws IOException {
    for (int k = 0; k < 24; k++) { // separator x header x BOM x line end, random ids, sizes and blank lines
      char sep = k % 2 == 0 ? ',' : '\t';
      String[] style = STYLES[g.rng.nextInt(STYLES.length)];
      List<Tri> t = ratings(g, style, 4 + g.rng.nextInt(17), 3 + g.rng.nextInt(13));
      List<String> ls = lines(t, sep);
      ls.addAll(0, k / 2 % 2 == 1 ? List.of(line(sep, "user", "item", "rating")) : List.of());
      int blank = g.rng.nextInt(3);
      fit(g, ACCEPT, "triples", String.format("%s%s %s%s +%d blank, ids %s/%s", sep == ',' ? "csv" : "tsv", k / 2 % 2
          == 1 ? " header" : "", EOL_NAMES.get(k / 8), k / 4 % 2 == 1 ? " BOM" : "", blank, style[0], style[1]),
          join(ls, EOLS.get(k / 8), k / 4 % 2 == 1, blank), t, t.size());
    }
    List<Tri> t = ratings(g, STYLES[0], 12, 8);
    String ts = t.stream().map(x -> line(',', x.r, x.c, x.v, "1600000" + g.rng.nextInt(1000)) + "\n").collect(
        Collectors.joining());
    fit(g, ACCEPT, "triples", "timestamp 4th field ignored", ts, t, t.size());
    String[] forms = {"+4", "-0.5", ".5", "1e-3", "2E0", "3.0", "0", "-2", "1.5e+1", "0.000"};
    List<Tri> f = IntStream.range(0, forms.length).mapToObj(i -> new Tri("r" + i % 4, "c" + (i % 3 + i / 4), forms[i]))
        .toList();
    fit(g, ACCEPT, "triples", "decimal forms + - . e E", csv(f), f, f.size());
    for (String head : new String[] {"a,b,c", "userId,movieId,rating,timestamp", "\"user, id\",item,score"}) {
      List<Tri> h = ratings(g, STYLES[1], 8, 6);
      fit(g, ACCEPT, "header", "header by content '" + head + "' over integer ids", head + "\n" + csv(h), h, h.size());
    }
    for (int n = 1; n <= 2; n++) {
      List<Tri> few = ratings(g, STYLES[0], n, 1);
      fit(g, EITHER, "tiny", n + " data row(s)", csv(few), few, few.size());
    }
    for (String v : new String[] {"3", "0", "-2.5"}) {
      List<Tri> k = ratings(g, STYLES[0], 10, 7).stream().map(x -> new Tri(x.r, x.c, v)).toList();
      fit(g, EITHER, "constant", "every rating " + v, csv(k), k, k.size());
    }
    for (int rep = 0; rep < 6; rep++) {
      String policy = List.of("error", "mean", "last").get(rep % 3);
      List<Tri> d = ratings(g, STYLES[0], 10, 6);
      int dups = 1 + g.rng.nextInt(3);
      for (int k = 0; k < dups; k++) {
        int from = g.rng.nextInt(d.size());
        d.add(from + 1 + g.rng.nextInt(d.size() - from), new Tri(d.get(from).r, d.get(from).c, "2"));
      }
      String name = dups + " repeated pair(s), --duplicates " + policy + " #" + rep;
      if (policy.equals("error")) { // any repeating line may be named
        refuse(g, "duplicates", name, "dup.csv", csv(d).getBytes(UTF_8)).frag("--duplicates").frag(IntStream.range(0,
            d.size()).filter(i -> IntStream.range(0, i).anyMatch(j -> d.get(j).r.equals(d.get(i).r) && d.get(j).c
            .equals(d.get(i).c))).mapToObj(i -> "line " + (i + 1) + " ").toArray(String[]::new));
      } else {
        fit(g, ACCEPT, "duplicates", name, csv(d), d, d.size() - dups, "--duplicates", policy);
      }
    }
    List<Tri> ho = ratings(g, STYLES[0], 20, 15);
    fit(g, ACCEPT, "hold-out", "--hold-out 0.999 (nothing left to fit)", csv(ho), ho, ho.size(), "--hold-out", "0.999");
  }

  /** A valid file with one bad line at a random position: refused, naming the file and the line. */
  static Case injected(Gen g, String cls, String name, String bad, boolean header, char sep) throws IOException {
    List<String> ls = lines(ratings(g, STYLES[0], 6, 5), sep);
    ls.addAll(0, header ? List.of(line(sep, "user", "item", "rating")) : List.of());
    int lo = header || bad.matches("([^,\t]*[,\t]){2}[A-Za-z].*") ? 1 : 0; // a word as value field reads as a header
    int at = lo + g.rng.nextInt(ls.size() - lo + 1);
    ls.add(at, bad);
    return refuse(g, cls, name + (header ? " (header)" : "") + (sep == '\t' ? " tsv" : ""), sep == '\t' ? "bad.tsv"
        : "bad.csv", join(ls, g.pick(EOLS), false, 0).getBytes(UTF_8)).frag("line " + (at + 1) + " ");
  }

  static void badTriples(Gen g) throws IOException {
    for (String v : BAD_VALUES) {
      char sep = g.rng.nextBoolean() ? ',' : '\t';
      injected(g, "value", "value '" + v + "'", line(sep, "u1", "i9", v), g.rng.nextBoolean(), sep);
    }
    for (String first : new String[] {"1,5,4x", "1,5,abc", "7,8,NaN", "u1,i1,4x", "2,x,rating", "a,1,value"}) {
      refuse(g, "header", "first line '" + first + "' is data, not a header", "first.csv", (first + "\n"
          + csv(ratings(g, STYLES[1], 6, 5))).getBytes(UTF_8)).frag("line 1 ");
    }
    for (String bad : new String[] {",5,3", "1,,3", "\"\",x,3", "u1,\"\",3"}) {
      injected(g, "empty-id", "empty id '" + bad + "'", bad, g.rng.nextBoolean(), ',').frag("empty");
    }
    for (char ch : new char[] {0, 1, 7, 8, 0x0b, 0x0c, 0x1b, 0x7f, 0x85}) {
      String id = "u" + ch + "x";
      injected(g, "control", String.format("U+%04X in an id", (int) ch), g.rng.nextBoolean() ? id + ",i1,3"
          : "u1," + id + ",3", g.rng.nextBoolean(), ',').frag("control");
    }
    for (String bad : new String[] {"a\"b,c,3", "\"abc,1,2", "\"a\"b,c,3", "a,\"x,3", "a,x,\"3", "\"a,\"x\",3"}) {
      injected(g, "quotes", "unbalanced quote " + bad, bad, g.rng.nextBoolean(), ',');
    }
    for (String bad : new String[] {"a", "a,x", "a;x;3", "a x 3", "\"a,x,3\""}) {
      injected(g, "fields", "too few fields '" + bad + "'", bad, g.rng.nextBoolean(), ',');
    }
    String j = g.junk(10_000);
    String[][] longLines = {{"10000-char value", "u1,i1," + j}, {"10000-char row id, bad value", j + ",i1,4x"},
        {"10000-char line, no separator", j}, {"unbalanced quote + 10000 chars", "\"" + j + ",i1,3"},
        {"10000-digit number", "u1,i1,1" + "0".repeat(9_999)}, {"NUL inside a 10000-char id", j.substring(0, 5000)
            + "\u0000" + j.substring(5000) + ",i1,3"}, {"10000-char column id, value NaN", "u1," + j + ",NaN"}};
    for (String[] l : longLines) {
      injected(g, "long", l[0], l[1], g.rng.nextBoolean(), ',').longInput(l[1].startsWith("u1,i1,1") ? l[1] : j);
    }
    List<String> tails = List.of("u1,caf\u00e9,3", "u\u00c3(,i,3", "u\u00c0\u00af,i,3", "u\u00ed\u00a0\u0080,i,3",
        "u,i,3\u00ff");
    for (int k = 0; k < 10; k++) { // invalid UTF-8 (written as Latin-1 characters, one byte each)
      refuse(g, "encoding", "not UTF-8 #" + k % 5 + (k >= 5 ? " + Latin-1 header" : ""), "enc.csv", ((k >= 5
          ? "us\u00e9r,item,rating\n" : "") + csv(ratings(g, STYLES[0], 4, 4)) + tails.get(k % 5) + "\n")
          .getBytes(ISO_8859_1)).frag("UTF-8");
    }
    for (int n : new int[] {64, 1000, 4096}) {
      refuse(g, "binary", n + " random bytes", "binary.csv", g.bytes(n));
    }
    refuse(g, "binary", "gzip bytes", "ratings.csv.gz", new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2});
    g.refusals("empty", "empty.csv", """
        empty file |  | ;; only a header |  | user,item,rating¶ ;; header + blank lines |  | user,item,rating¶¶¶
        only blank lines |  | ¶¶¶ ;; only a BOM |  | \uFEFF ;; CRLF only |  | ␍¶␍¶
        BOM + header, CRLF |  | \uFEFFuser,item,rating␍¶
        whitespace lines |  |   ¶\t¶""", f -> List.of("complete", f));
    for (String m : new String[] {"1e200", "-3e150", "x1e200"}) {
      List<Tri> t = ratings(g, STYLES[0], 10, 8);
      List<Tri> s = m.startsWith("x") ? t.stream().map(x -> new Tri(x.r, x.c, x.v + "e200")).toList() : t;
      refuse(g, "magnitude", "value " + m, "huge.csv", (csv(s) + (m.startsWith("x") ? "" : "u1,i9," + m + "\n"))
          .getBytes(UTF_8)).frag("magnitude").forbid("--step", "step_fraction");
    }
  }

  static void matrixMarket(Gen g) throws IOException {
    for (int k = 0; k < 12; k++) {
      String field = List.of("real", "integer", "pattern").get(k / 4);
      boolean sym = k % 2 == 1;
      String variant = k % 4 < 2 ? "plain" : g.pick(List.of("CRLF", "BOM", "tabs and spaces"));
      int rows = 6 + g.rng.nextInt(10);
      int cols = sym ? rows : 5 + g.rng.nextInt(10);
      LinkedHashSet<String> seen = new LinkedHashSet<>();
      List<String> e = new ArrayList<>();
      int diag = 0;
      while (e.size() < rows + cols) {
        int i = 1 + g.rng.nextInt(rows);
        int j = 1 + g.rng.nextInt(sym ? i : cols);
        String v = field.equals("real") ? String.format(Locale.ROOT, " %.4f", 5 * g.rng.nextGaussian())
            : field.equals("integer") ? " " + (g.rng.nextInt(11) - 5) : "";
        if (seen.add(i + " " + j)) {
          diag += i == j ? 1 : 0;
          e.add(variant.startsWith("tabs") ? "  " + (i + " " + j + v).replace(" ", g.pick(List.of("\t", "   "))) + " "
              : i + " " + j + v);
        }
      }
      String eol = variant.equals("CRLF") ? "\r\n" : "\n";
      Path out = g.out("mtx");
      g.add(field.equals("pattern") ? EITHER : ACCEPT, "mtx", field + (sym ? " symmetric " : " general ") + variant,
          "complete", g.write("m.mtx", (variant.equals("BOM") ? BOM : "") + "%%MatrixMarket matrix coordinate " + field
          + (sym ? " symmetric" : " general") + eol + "% comment" + eol + rows + " " + cols + " " + e.size() + eol
          + String.join(eol, e) + eol), "--iters", "50").out(out).check(ids(out, Gen.count(rows), Gen.count(cols), -1,
          sym ? 2 * e.size() - diag : e.size()));
    }
    String mm = "%%MatrixMarket matrix coordinate real general\n";
    List<String> ok = List.of("1 1 1.5", "3 1 -1", "3 3 2.5");
    for (String banner : List.of("%%MatrixMarket matrix coordinate real", "%MatrixMarket matrix coordinate real general",
        "%%MatrixMarket vector coordinate real general", "%%MatrixMarket matrix coordinate complex general",
        "%%MatrixMarket matrix coordinate double general", "%%MatrixMarket matrix coordinate real hermitian",
        "%%MatrixMarket matrix array real general", "%%matrixmarket", "no banner")) {
      refuse(g, "mtx", "banner '" + banner + "'", "bad.mtx", ((banner.equals("no banner") ? "" : banner + "\n")
          + "3 3 3\n" + String.join("\n", ok) + "\n").getBytes(UTF_8));
    }
    for (String size : List.of("-3 3 3", "3 -3 3", "3 3 -3", "3 x 3", "3 3", "3.5 3 3", "99999999999999999999 3 3")) {
      refuse(g, "mtx", "size line '" + size + "'", "bad.mtx", (mm + size + "\n" + String.join("\n", ok) + "\n")
          .getBytes(UTF_8)).frag("line 2 ");
    }
    String j = g.junk(10_000);
    for (String entry : List.of("0 2 2", "2 0 2", "4 2 2", "2 9 1", "-2 2 2", "b 2 2", "2.5 2 1", "2 2 abc", "2 2 NaN",
        "2 2 1e400", "2 2", "2 2 0x10", "2 2 " + j)) {
      List<String> e = new ArrayList<>(ok);
      int at = g.rng.nextInt(4);
      e.add(at, entry);
      refuse(g, "mtx", "entry '" + entry + "' at line " + (3 + at), "bad.mtx", (mm + "3 3 4\n" + String.join("\n", e)
          + "\n").getBytes(UTF_8)).frag("line " + (3 + at) + " ").longInput(entry.contains(j) ? j : null);
    }
    g.refusals("mtx", "bad.mtx", """
        integer file holding 2.5 | line 4 | %%MatrixMarket matrix coordinate integer general¶3 3 2¶1 1 1¶2 2 2.5¶
        empty matrix 0 0 0 |  | MM0 0 0¶ ;; truncated entry count | 5 | MM3 3 5¶OK
        more entries than declared | 2 | MM3 3 2¶OK ;; duplicate entry | line 5 | MM3 3 3¶1 1 1¶2 2 2¶1 1 3¶
        symmetric non-square |  | %%MatrixMarket matrix coordinate real symmetric¶3 4 2¶1 1 1¶2 2 2¶
        value 1e200 | magnitude | MM3 3 3¶1 1 1e200¶2 2 2¶3 3 3¶""".replace("OK", "1 1 1.5¶2 2 2.5¶3 1 -1¶")
        .replace("MM", mm.replace("\n", "¶")), f -> List.of("complete", f));
    for (String size : new String[] {"10000000 10000000 3", "2000000000 2000000000 3", "1 10000000000 3"}) {
      refuse(g, "mtx", "declares " + size + " (refused within 2 s)", "huge.mtx", (mm + size + "\n1 1 1\n1 2 2\n1 3 3\n")
          .getBytes(UTF_8)).within(2.0);
    }
  }

  static void dense(Gen g) throws IOException {
    for (int v = 0; v < 7; v++) {
      int rows = 6 + g.rng.nextInt(15);
      int cols = 4 + g.rng.nextInt(12);
      boolean named = v % 2 == 1; // v = 4: tabs; 5, 6: BOM; 6: two blank lines at the end
      String sep = v == 4 ? "\t" : ",";
      List<String> colIds = named ? IntStream.range(0, cols).mapToObj(c -> "col " + c).toList() : Gen.count(cols);
      List<String> rowIds = named ? IntStream.range(0, rows).mapToObj(r -> "row" + r).toList() : Gen.count(rows);
      List<String> ls = new ArrayList<>(named ? List.of("name" + sep + String.join(sep, colIds)) : List.of());
      for (int r = 0; r < rows; r++) {
        List<String> cells = new ArrayList<>(named ? List.of(rowIds.get(r)) : List.of());
        for (int c = 0; c < cols; c++) {
          cells.add(g.rng.nextDouble() < 0.25 && c != r % cols ? g.pick(List.of("", "NaN", "NA"))
              : String.format(Locale.ROOT, "%.3f", 2 + Math.sin(r + 1.0) * Math.cos(c + 2.0)));
        }
        ls.add(String.join(sep, cells));
      }
      Path out = g.out("dense");
      g.add(ACCEPT, "dense", (named ? "named " : "bare ") + rows + "x" + cols + " #" + v, "complete", g.write("dense.csv",
          join(ls, EOLS.get(v % 3), v >= 5, v / 6 * 2)), "--dense", "--iters", "50").out(out).check(run -> {
            ids(out, rowIds, colIds, -1, -1).verify(run);
            assertThat(Files.readAllLines(out.resolve("completed.csv"))).as("completed.csv").hasSize(ls.size());
          });
    }
    g.refusals("dense", "bad-dense.csv", """
        ragged short row | line 3 | 1,2,3¶4,5,6¶7,8¶ ;; ragged long row | line 2 | 1,2,3¶4,5,6,7¶
        all missing |  | ,,¶NaN,NA,¶,,NaN¶ ;; bad cell 4x | line 2 | 1,2,3¶4,4x,6¶
        hex cell | line 2 | 1,2,3¶4,0x10,6¶ ;; overflow cell | line 2 | 1,2,3¶4,5,1e400¶
        inf cell | line 2 | 1,2,3¶4,inf,6¶ ;; empty file |  | ;; huge cell 1e200 | magnitude | 1,2,3¶4,1e200,6¶
        10000-char cell | line 2 | 1,2,3¶4,JUNK,6¶""", f -> List.of("complete", f, "--dense"));
    refuse(g, "dense", "Latin-1 byte", "latin.csv", "1,2,3\n4,5,6\n\u00e9,1,2\n".getBytes(ISO_8859_1), "--dense")
        .frag("UTF-8");
  }

  /** Pair files for --predict from a model saved once (fitted on a file with a header), and corrupt models. */
  static void pairs(Gen g) throws IOException {
    List<Tri> t = ratings(g, STYLES[0], 20, 15);
    Path r = g.write("model-input.csv", "user,item,rating\n" + csv(t));
    Path model = g.path("model");
    assertThat(CliRun.of("complete", r.toString(), "--iters", "30", "--save-model", model.toString()).status()).isZero();
    for (int k = 0; k < 10; k++) {
      List<Tri> p = t.subList(0, 3 + g.rng.nextInt(8));
      char sep = k == 7 ? '\t' : ',';
      List<String> ls = new ArrayList<>(k % 3 != 0 ? List.of(line(sep, "user", "item")) : List.of());
      p.forEach(x -> ls.add(line(sep, x.r, x.c)));
      Path out = g.out("pred");
      Path pf = g.write("pairs.csv", join(ls, EOLS.get(k % 3), k % 2 == 0, k % 4));
      g.add(ACCEPT, "pairs", (k % 3 != 0 ? "header " : "") + (k % 2 == 0 ? "BOM " : "") + EOL_NAMES.get(k % 3) + (k == 7
          ? " tabs" : "") + " +" + k % 4 + " blank" + (k == 9 ? " (with a fit)" : ""), k == 9 ? new Object[] {"complete",
          r, "--predict", pf} : new Object[] {"complete", "--load-model", model, "--predict", pf}).out(out).check(run -> {
            assertThat(FuzzTest.column(out.resolve("predictions.csv"), 0)).as("rows").isEqualTo(p.stream().map(Tri::r).toList());
            assertThat(FuzzTest.column(out.resolve("predictions.csv"), 1)).as("cols").isEqualTo(p.stream().map(Tri::c).toList());
          });
    }
    Function<Path, List<Object>> predict = f -> List.of("complete", "--load-model", model, "--predict", f);
    g.refusals("pairs", "bad-pairs.csv", """
        unknown row id | line 2 | u1,i2¶ghost,i3¶ ;; unknown column id | line 1 | u1,nothing¶
        empty row id | line 2 | u1,i2¶,i3¶ ;; unbalanced quote | line 2 | u1,i2¶"u2,i3¶ ;; one field | line 1 | u1¶
        control char | line 1 | u\u00011,i2¶ ;; 10000-char id | line 1 | JUNK,i2¶""", predict);
    for (Object[] b : new Object[][] {{"Latin-1 pair file", "u1,caf\u00e9\n".getBytes(ISO_8859_1)}, {"binary pair file",
        g.bytes(300)}, {"empty pair file", new byte[0]}, {"pair file with only a header", "user,item\n".getBytes(UTF_8)}}) {
      Path pf = g.write("pairs-enc.csv", (byte[]) b[1]); // an empty pair file: nothing to predict, or a refusal
      g.add(b[0].toString().startsWith("empty") || b[0].toString().contains("only") ? EITHER : REFUSE, "pairs",
          (String) b[0], predict.apply(pf).toArray()).out(g.out("bp")).frag(pf.getFileName() + "");
    }
    for (String[] c : new String[][] {{"L.npy", "bad magic"}, {"L.npy", "truncated"}, {"R.npy", "NaN inside"},
        {"row_ids.csv", "edited"}, {"model.json", "missing"}, {"model.json", "not JSON"}}) {
      Path dir = g.dir("model-" + c[1].replace(' ', '-'));
      for (String f : model.toFile().list()) {
        byte[] b = Files.readAllBytes(model.resolve(f));
        switch (f.equals(c[0]) ? c[1] : "") {
          case "bad magic" -> b[1] = 'X';
          case "truncated" -> b = Arrays.copyOf(b, b.length - 40);
          case "NaN inside" -> ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putDouble(b.length - 8, Double.NaN);
          case "edited" -> b = new String(b, UTF_8).replace("u1", "uX").getBytes(UTF_8);
          case "not JSON" -> b = "{ \"format\": ".getBytes(UTF_8);
          default -> b = c[1].equals("missing") && f.equals(c[0]) ? new byte[0] : b;
        }
        Files.write(dir.resolve(f), b);
        Files.deleteIfExists(b.length == 0 ? dir.resolve(f) : dir.resolve("none"));
      }
      g.add(REFUSE, "model", c[0] + " " + c[1], "complete", "--load-model", dir, "--top-k", "2").out(g.out("m"))
          .frag(c[0]);
    }
  }

  /** Every numeric option of complete with bad values and the policy words (the rest: FuzzInputs.options). */
  static void options(Gen g) throws IOException {
    Path r = g.write("opts.csv", csv(ratings(g, STYLES[0], 20, 15)));
    g.badOptions("option", List.of("complete", r, "--iters", "50"), "--width 0 -1 abc 2147483648 NaN",
        "--alpha 0 -1 NaN 1e400 abc 1e200 1e-320", "--step-fraction 0 -1 NaN 1e400 abc",
        "--hold-out 0 1 -0.1 1.5 NaN abc 1e400", "--patience 0 -1 abc 2147483648", "--validate-every 0 -1 abc 2147483648",
        "--bias-lambda -1 NaN 1e400 abc", "--iters -1 abc 2147483648 1e400", "--tol -1 1 NaN abc",
        "--time-limit -1 NaN abc", "--record-every 0 -1 abc", "--threads 0 -1 abc 2147483648 257",
        "--seed abc NaN 99999999999999999999", "--top-k -1 abc 2147483648", "--centring median ''", "--duplicates sum",
        "--cold-start guess");
  }
}
