package io.lowrank.cli;

import static io.lowrank.cli.FuzzTest.Expect.ACCEPT;
import static io.lowrank.cli.FuzzTest.Expect.DIVERGE;
import static io.lowrank.cli.FuzzTest.Expect.EITHER;
import static io.lowrank.cli.FuzzTest.Expect.REFUSE;
import static io.lowrank.cli.FuzzTest.Gen.plus;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.lowrank.cli.FuzzTest.Case;
import io.lowrank.cli.FuzzTest.Expect;
import io.lowrank.cli.FuzzTest.Gen;
import io.lowrank.experiment.formats.Npy;
import io.lowrank.experiment.output.Json;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** Fuzz cases of sense, inpaint, run, sweep, compare and reproduce: .npy, PNG, spec files, paths, options. */
final class FuzzInputs {
  static final List<Object> SENSE = List.of("sense", "--n", "8", "--r", "1", "--m", "60", "--iters", "20");
  static final List<Object> COMPARE = plus(plus(List.of("compare"), SENSE.subList(1, 9).toArray()), "--kappa", "2");
  static final String GOE = "problem: {model: goe, n: 8, r: 1, m: 60}¶stop: {iterations: 20}¶";
  static final String BASE = "base: {problem: {n: 8, r: 1, m: 60}, stop: {iterations: 20}}¶";

  private FuzzInputs() {}

  static void add(Gen g) throws Exception {
    Path[] p = {specs(g, npy(g)), sweeps(g), images(g), g.write("opt.csv", FuzzCases.csv(FuzzCases.ratings(g,
        FuzzCases.STYLES[0], 20, 15)))};
    options(g, p[0], p[1], p[2], p[3]);
    paths(g, p[0], p[1], p[2], p[3]);
  }

  /** A .npy file: version "M.m", dtype, order, shape text and raw data, the header padded to 64 bytes. */
  static byte[] npy(String version, String descr, boolean fortran, String shape, byte[] data) {
    String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape
        + ", }";
    int len = version.charAt(0) == '1' ? 2 : 4;
    String header = dict + " ".repeat((128 - (8 + len + dict.length() + 1) % 64) % 64) + "\n";
    ByteBuffer b = ByteBuffer.allocate(8 + len + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN).put(
        new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) (version.charAt(0) - '0'), (byte) (version.charAt(2) - '0')});
    (len == 2 ? b.putShort((short) header.length()) : b.putInt(header.length())).put(header.getBytes(ISO_8859_1));
    return b.put(data).array();
  }

  /**
   * One .npy case of a row "... | version descr fortran | shape | op": shape "=" is the file's own; op: ok, nan@K, inf@K,
   * x1e300, zeros N, first N, raw N (N zero bytes), cut N (drop N bytes), keep N (the first N bytes), magic.
   */
  static byte[] npyCase(String[] head, String shape, String op, double[] v, String own) {
    String[] o = op.split(" ");
    int n = o.length > 1 ? Integer.parseInt(o[1]) : 0;
    double[] d = v.clone();
    if (o[0].startsWith("nan@") || o[0].startsWith("inf@")) {
      d[Integer.parseInt(o[0].substring(4))] = o[0].startsWith("nan") ? Double.NaN : Double.POSITIVE_INFINITY;
    }
    d = o[0].equals("x1e300") ? Arrays.stream(d).map(x -> x * 1e300).toArray() : o[0].equals("zeros") ? new double[n]
        : o[0].equals("first") ? Arrays.copyOf(d, n) : d;
    ByteBuffer data = ByteBuffer.allocate(o[0].equals("raw") ? n : d.length * (head[1].equals("<f4") ? 4 : 8))
        .order(head[1].startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; !o[0].equals("raw") && i < d.length; i++) {
      data = head[1].equals("<f4") ? data.putFloat((float) d[i]) : head[1].equals("<i8") ? data.putLong(Math.round(d[i]
          * 1e3)) : data.putDouble(d[i]);
    }
    byte[] b = npy(head[0], head[1], head[2].equals("True"), shape.equals("=") ? own : shape, data.array());
    b[1] = o[0].equals("magic") ? (byte) 'X' : b[1];
    return o[0].equals("cut") ? Arrays.copyOf(b, b.length - n) : o[0].equals("keep") ? Arrays.copyOf(b, n) : b;
  }

  /** Instance directories (A.npy, y.npy, X.npy, U0.npy) with one file replaced or removed, and --init starts. */
  static Path npy(Gen g) throws IOException {
    Path saved = g.path("saved-instance");
    assertThat(CliRun.of("sense", "--n", "8", "--r", "1", "--m", "60", "--iters", "0", "--save-instance", saved.toString())
        .status()).as("saving the base instance").isZero();
    Map<String, double[]> base = new HashMap<>();
    Map<String, String> shapes = new HashMap<>();
    for (String f : List.of("A.npy", "y.npy", "X.npy", "U0.npy")) {
      var arr = Npy.read(saved.resolve(f));
      base.put(f, arr.data());
      shapes.put(f, Arrays.toString(arr.shape()).replace('[', '(').replace("]", arr.shape().length == 1 ? ",)" : ")"));
    }
    for (String[] r : Gen.rows("""
        ACCEPT | A.npy | as NumPy writes it (v1.0) | 1.0 <f8 False | = | ok
        ACCEPT | * | every file v2.0 | 2.0 <f8 False | = | ok ;; ACCEPT | * | every file v3.0 | 3.0 <f8 False | = | ok
        ACCEPT | A.npy | A as <f4 | 1.0 <f4 False | = | ok ;; ACCEPT | y.npy | y as <i8 (x 1000) | 1.0 <i8 False | = | ok
        ACCEPT | X.npy | without X.npy | - | = | delete
        ACCEPT | U0.npy | without U0.npy | - | = | delete ;; EITHER | y.npy | big-endian >f8 | 1.0 >f8 False | = | ok
        REFUSE | A.npy | bad magic | 1.0 <f8 False | = | magic ;; REFUSE | A.npy | version 4.0 | 4.0 <f8 False | = | ok
        REFUSE | y.npy | version 1.1 | 1.1 <f8 False | = | ok ;; REFUSE | A.npy | version 0.0 | 0.0 <f8 False | = | ok
        REFUSE | A.npy | truncated data | 1.0 <f8 False | = | cut 100 ;; REFUSE | A.npy | truncated header | 1.0 <f8 False | = | keep 20
        REFUSE | A.npy | empty file | 1.0 <f8 False | = | keep 0 ;; REFUSE | y.npy | header cut at 10 bytes | 1.0 <f8 False | = | keep 10
        REFUSE | A.npy | shape overflow | 1.0 <f8 False | (4611686018427387904, 8, 8) | ok
        REFUSE | y.npy | shape overflow | 1.0 <f8 False | (4611686018427387904,) | ok
        REFUSE | y.npy | negative shape | 1.0 <f8 False | (-60,) | ok ;; REFUSE | A.npy | fortran_order True | 1.0 <f8 True | = | ok
        REFUSE | A.npy | Inf inside | 1.0 <f8 False | = | inf@7 ;; REFUSE | y.npy | NaN inside | 1.0 <f8 False | = | nan@3
        REFUSE | X.npy | NaN inside | 1.0 <f8 False | = | nan@0
        REFUSE | A.npy | shape (60, 8, 7) | 1.0 <f8 False | (60, 8, 7) | zeros 3360
        REFUSE | y.npy | shape (59,) | 1.0 <f8 False | (59,) | first 59 ;; REFUSE | y.npy | shape (60, 1) | 1.0 <f8 False | (60, 1) | ok
        REFUSE | X.npy | shape (7, 7) | 1.0 <f8 False | (7, 7) | zeros 49 ;; REFUSE | y.npy | dtype |b1 | 1.0 |b1 False | = | raw 60
        REFUSE | A.npy | dtype <c16 | 1.0 <c16 False | = | raw 61440
        REFUSE | y.npy | dtype <U10 | 1.0 <U10 False | = | raw 2400 ;; REFUSE | y.npy | missing | - | = | delete
        REFUSE | A.npy | missing | - | = | delete ;; REFUSE | y.npy | a directory | - | = | dir
        REFUSE | y.npy | values x 1e300 | 1.0 <f8 False | = | x1e300""")) {
      Path dir = g.dir("inst");
      for (String f : base.keySet()) {
        boolean hit = r[1].equals("*") || r[1].equals(f);
        Files.write(dir.resolve(f), npyCase((hit ? r[3] : "-").replace("-", "1.0 <f8 False").split(" "), hit ? r[4] : "=",
            hit ? r[5] : "ok", base.get(f), shapes.get(f)));
      }
      if (r[5].equals("delete") || r[5].equals("dir")) {
        Files.delete(dir.resolve(r[1]));
        Files.createDirectories(r[5].equals("dir") ? dir.resolve(r[1]) : dir);
      }
      g.add(Expect.valueOf(r[0]), "npy", r[1] + " " + r[2], "sense", "--load-instance", dir, "--iters", "20")
          .out(g.out("inst")).frag(r[1].equals("*") ? "" : r[1]).frag(r[5].equals("x1e300") ? "magnitude" : "")
          .forbid("--step", "step_fraction");
    }
    double[] u = new double[64];
    Arrays.setAll(u, i -> 1e-3 * g.rng.nextGaussian());
    for (String[] r : Gen.rows("""
        ACCEPT | (8, 8) | 1.0 <f8 False | (8, 8) | first 64 ;; ACCEPT | (8, 2) | 1.0 <f8 False | (8, 2) | first 16
        ACCEPT | (8, 3) <f4 | 1.0 <f4 False | (8, 3) | first 24 ;; REFUSE | (8, 9) wider than n | 1.0 <f8 False | (8, 9) | first 72
        REFUSE | (7, 8) wrong rows | 1.0 <f8 False | (7, 8) | first 56 ;; REFUSE | (8,) one-dimensional | 1.0 <f8 False | (8,) | first 8
        REFUSE | (8, 0) no columns | 1.0 <f8 False | (8, 0) | first 0
        REFUSE | NaN inside | 1.0 <f8 False | (8, 8) | nan@5 ;; REFUSE | bad magic | 1.0 <f8 False | (8, 8) | magic
        REFUSE | truncated | 1.0 <f8 False | (8, 8) | cut 200 ;; REFUSE | dtype <c8 | 1.0 <c8 False | (8, 2) | raw 128
        REFUSE | shape overflow | 1.0 <f8 False | (4611686018427387904, 4) | ok ;; REFUSE | fortran_order True | 1.0 <f8 True | (8, 8) | ok
        REFUSE | version 4.0 | 4.0 <f8 False | (8, 8) | ok""")) {
      Path f = g.write("U0.npy", npyCase(r[2].split(" "), r[3], r[4], u, ""));
      g.add(Expect.valueOf(r[0]), "init", "--init " + r[1], plus(SENSE, "--init", f).toArray()).out(g.out("init"))
          .frag(f.getFileName().toString());
    }
    return saved;
  }

  /** A w x h PNG of a type (grey, grey16, rgb, argb, indexed): smooth pixels, or constant at level in 0..1. */
  static Path png(Gen g, int w, int h, String type, double level) throws IOException {
    int t = List.of("grey", "grey16", "rgb", "argb", "indexed").indexOf(type);
    BufferedImage im = new BufferedImage(w, h, new int[] {BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_USHORT_GRAY,
        BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_BYTE_INDEXED}[t]);
    double p = g.rng.nextDouble() * 6;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double v = level >= 0 ? level : 0.5 + 0.3 * Math.sin(y / 3.0 + p) * Math.cos(x / 4.0 - p);
        int c = (int) Math.round(255 * v);
        if (t <= 1) {
          im.getRaster().setSample(x, y, 0, (int) Math.round((t == 0 ? 255 : 65535) * v));
        } else {
          im.setRGB(x, y, 0x80000000 | c << 16 | (255 - c) << 8 | (level == -2 ? 200 : c / 2));
        }
      }
    }
    Path f = g.path("image.png");
    return ImageIO.write(im, "png", f.toFile()) ? f : null;
  }

  static Path images(Gen g) throws IOException {
    for (String[] r : Gen.rows("""
        ACCEPT | grey 16x16 observe 0.3 | 16 16 grey -1 | --observe 0.3 ;; ACCEPT | grey 16x16 observe 0.5 | 16 16 grey -1 | --observe 0.5
        ACCEPT | grey 16x16 observe 0.8 | 16 16 grey -1 | --observe 0.8
        ACCEPT | grey 16x12 | 16 12 grey -1 | --seed 2 ;; ACCEPT | grey 12x16 | 12 16 grey -1 | --seed 3
        ACCEPT | RGB to grey | 16 16 rgb -1 | --seed 1 ;; ACCEPT | RGB --per-channel | 16 16 rgb -1 | --per-channel
        ACCEPT | RGB constant blue --per-channel | 16 16 rgb -2 | --per-channel
        ACCEPT | ARGB with alpha | 16 16 argb -1 | --seed 1 ;; ACCEPT | 16-bit grey | 16 16 grey16 -1 | --seed 1
        ACCEPT | indexed palette | 16 16 indexed -1 | --seed 1 ;; ACCEPT | --observe 0.999999 | 16 16 grey -1 | --observe 0.999999
        EITHER | constant black | 16 16 grey 0 | --seed 1 ;; EITHER | constant grey | 16 16 grey 0.5 | --seed 1
        EITHER | constant white | 16 16 grey 1 | --seed 1 ;; EITHER | 1x1 | 1 1 grey -1 | --seed 1
        EITHER | 1x2 | 1 2 grey -1 | --seed 1 ;; EITHER | 2x1 | 2 1 grey -1 | --seed 1 ;; EITHER | 16x1 | 16 1 grey -1 | --seed 1""")) {
      String[] s = r[2].split(" ");
      Path out = g.out("inpaint");
      g.add(Expect.valueOf(r[0]), "png", r[1], plus(List.of("inpaint", png(g, Integer.parseInt(s[0]),
          Integer.parseInt(s[1]), s[2], Double.parseDouble(s[3])), "--iters", "50"), (Object[]) r[3].split(" "))
          .toArray()).out(out).check(run -> {
            BufferedImage im = ImageIO.read(out.resolve("reconstructed.png").toFile());
            assertThat(im.getWidth() + "x" + im.getHeight()).as("reconstructed size").isEqualTo(s[0] + "x" + s[1]);
          });
    }
    byte[] valid = Files.readAllBytes(png(g, 16, 16, "rgb", -1));
    for (Object[] b : new Object[][] {{"text named .png", "not a picture".getBytes(ISO_8859_1)}, {"truncated to half",
        Arrays.copyOf(valid, valid.length / 2)}, {"truncated to 40 bytes", Arrays.copyOf(valid, 40)}, {"only the signature",
        Arrays.copyOf(valid, 8)}, {"random bytes", g.bytes(700)}, {"empty file", new byte[0]}}) {
      g.refuse("png", b[0].toString(), "bad.png", (byte[]) b[1], f -> List.of("inpaint", f));
    }
    Path img = png(g, 16, 16, "grey", -1);
    g.badOptions("option", List.of("inpaint", img, "--iters", "50"), "--observe 0 1 -0.5 NaN 1e400 abc 1.5",
        "--width 0 -1 abc 17", "--alpha 0 -1 NaN", "--step-fraction 0 -1 NaN", "--hold-out 0 1 NaN", "--patience 0 -1",
        "--iters -1 abc", "--threads 0", "--centring foo", "--tol 1");
    for (String c : new String[] {"50", "1e3"}) {
      g.add(DIVERGE, "divergence", "--step-fraction " + c, "inpaint", img, "--step-fraction", c, "--iters", "200")
          .out(g.out("div"));
    }
    return img;
  }

  static Path specs(Gen g, Path inst) throws IOException {
    Path ratings = g.write("spec-ratings.csv", FuzzCases.csv(FuzzCases.ratings(g, FuzzCases.STYLES[0], 12, 9)));
    Path prior = g.out("prior-run"); // a finished run to repeat from its summary.json
    Path goe = g.write("prior.yaml", GOE.replace("¶", "\n"));
    assertThat(CliRun.of("run", goe.toString(), "--out", prior.toString()).status()).isZero();
    String missing = FuzzTest.tmp.resolve("no-such-input").toString();
    String j = g.junk(10_000);
    for (String[] s : Gen.rows(("""
        ACCEPT | yaml | goe | GOE
        ACCEPT | json | goe as JSON | {"problem": {"model": "goe", "n": 8, "r": 1, "m": 60}, "stop": {"iterations": 20}}
        ACCEPT | yaml | BOM and CRLF | \uFEFFproblem: {model: goe, n: 8, r: 1, m: 60}␍¶stop: {iterations: 20}␍¶
        ACCEPT | yaml | block style, comments | # c¶problem:¶  model: goe  # m¶  n: 8¶  r: 1¶  m: 60¶stop:¶  iterations: 20¶
        ACCEPT | yaml | rank-one | problem: {model: rank-one, n: 8, r: 1, m: 80}¶width: 1¶stop: {iterations: 20}¶
        ACCEPT | yaml | asymmetric | problem: {model: asymmetric, n1: 8, n2: 6, r: 1}¶stop: {iterations: 20}¶
        ACCEPT | yaml | completion | problem: {model: completion, n: 10, sampling: {p: 0.5}}¶stop: {iterations: 20}¶
        ACCEPT | yaml | instance | problem: {model: instance, path: INST}¶stop: {iterations: 20}¶
        ACCEPT | yaml | ratings | problem: {model: ratings, path: RATINGS}¶stop: {iterations: 50}¶
        ACCEPT | yaml | precgd | GOEmethod: precgd¶width: 2¶ ;; ACCEPT | json | a run's summary.json | PRIOR
        DIVERGE | yaml | goe step_fraction 50 | GOEmethod: {step_fraction: 50}¶
        DIVERGE | yaml | ratings step_fraction 50 | problem: {model: ratings, path: RATINGS}¶method: {step_fraction: 50}¶
        REFUSE | yaml | unclosed flow mapping | problem: {model: goe, n: 8¶
        REFUSE | yaml | bad indentation | problem:¶    model: goe¶  n: 8¶ ;; REFUSE | yaml | tab indentation | problem:¶\tmodel: goe¶
        REFUSE | yaml | duplicate key | problem: {model: goe}¶problem: {model: goe}¶
        REFUSE | json | trailing comma | {"problem": {"model": "goe",}} ;; REFUSE | json | missing brace | {"problem": {"model": "goe"}
        REFUSE | yaml | n is a word | problem: {model: goe, n: abc}¶ ;; REFUSE | yaml | n is 1.5 | problem: {model: goe, n: 1.5}¶
        REFUSE | json | n is a list | {"problem": {"model": "goe", "n": [8]}} ;; REFUSE | yaml | problem is a number | problem: 3¶
        REFUSE | yaml | negative iterations | GOE¶stop: {iterations: -1}¶ ;; REFUSE | yaml | unknown top-level key | GOEfoo: 1¶
        REFUSE | yaml | unknown problem key | problem: {model: goe, n: 8, rr: 3}¶
        REFUSE | yaml | sampling on goe | problem: {model: goe, n: 8, sampling: {p: 0.3}}¶
        REFUSE | yaml | m on completion | problem: {model: completion, n: 10, m: 100}¶
        REFUSE | yaml | path on goe | problem: {model: goe, n: 8, path: /tmp}¶
        REFUSE | yaml | unknown model | problem: {model: circle}¶ ;; REFUSE | yaml | unknown method | GOEmethod: sgd¶
        REFUSE | yaml | empty file | ;; REFUSE | yaml | whitespace only |    ¶¶
        REFUSE | yaml | comments only | # nothing¶ ;; REFUSE | yaml | null document | ~¶
        REFUSE | yaml | top-level list | - 1¶- 2¶ ;; REFUSE | yaml | scalar document | hello¶
        REFUSE | yaml | alias bomb (10^12 nodes) | BOMB
        REFUSE | yaml | 10000-char key | GOEJUNK: 1¶ ;; REFUSE | yaml | 10000-char value | problem: {model: JUNK}¶
        REFUSE | yaml | missing ratings path | problem: {model: ratings, path: MISSING}¶
        REFUSE | yaml | missing instance path | problem: {model: instance, path: MISSING}¶
        REFUSE | yaml | missing given start | GOEinit: {kind: given, path: MISSING}¶""").replace("GOE", GOE)
        .replace("INST", inst.toString()).replace("RATINGS", ratings.toString()).replace("MISSING", missing)
        .replace("JUNK", j).replace("BOMB", "- &x [x, x]¶" + ("- &x [" + "*x, ".repeat(9) + "*x]¶").repeat(12)))) {
      Path f = s[3].equals("PRIOR") ? prior.resolve("summary.json") : g.write("spec." + s[1], s[3]);
      g.add(Expect.valueOf(s[0]), "spec", s[2], (s[3].contains("-1}") ? List.of("run", f) : List.of("run", f, "--iters",
          "20")).toArray()).out(g.out("run")).within(s[2].contains("bomb") ? 2 : 0).longInput(s[3].contains(j) ? j : null)
          .frag(s[3].contains(missing) ? "no-such-input" : f.getFileName().toString());
    }
    Object[][] raw = {{"binary", g.bytes(2000)}, {"Latin-1", ("problem: {model: goe, n: 8}\n# caf\u00e9\n")
        .getBytes(ISO_8859_1)}, {"17 MiB", ("# " + "x".repeat(1022) + "\n").repeat(17 * 1024).getBytes(ISO_8859_1)}};
    for (Object[] r : raw) {
      g.refuse("spec", r[0] + " spec file", "spec.yaml", (byte[]) r[1], f -> List.of("run", f)).within(5);
    }
    return goe;
  }

  static Path sweeps(Gen g) throws IOException {
    String[] ok = {"2 | JSON | {\"base\": {\"problem\": {\"n\": 8, \"r\": 1, \"m\": 60}, \"stop\": {\"iterations\": 20}},"
        + " \"axes\": {\"alpha\": [1e-6, 1e-3]}, \"seeds\": 1}", "2 | BOM and CRLF | \uFEFF" + BASE.replace("¶", "␍¶")
        + "axes: {alpha: [1.0e-6, 1.0e-3]}␍¶seeds: 1␍¶"};
    for (String[] s : Gen.rows(String.join("\n", ok) + "\n" + """
        2 | one axis | BASEaxes: {alpha: [1.0e-6, 1.0e-3]}¶seeds: 1¶
        4 | grid 2x2 | BASEaxes: {alpha: [1.0e-6, 1.0e-3], width: [r, n]}¶seeds: 1¶
        4 | log range x 2 seeds | BASEaxes: {alpha: {from: 1.0e-6, to: 1.0e-2, count: 2, scale: log}}¶seeds: 2¶
        2 | zip | BASEaxes: {alpha: [1.0e-6, 1.0e-3], problem.m: [60, 80]}¶zip: true¶seeds: 1¶""".replace("BASE", BASE))) {
      Path f = g.write(s[2].startsWith("{") ? "sweep.json" : "sweep.yaml", s[2]);
      Path out = g.out("sweep");
      g.add(ACCEPT, "sweep", s[1], "sweep", f).out(out).check(run -> assertThat(Json.mapper()
          .readTree(out.resolve("summary.json").toFile()).get("runs").asInt()).as("runs").isEqualTo(Integer.parseInt(s[0])));
    }
    g.refusals("sweep", "sweep.yaml", """
        empty axis |  | BASEaxes: {alpha: []}¶ ;; unknown axis key | bogus | BASEaxes: {bogus: [1, 2]}¶
        bad axis value | alpha | BASEaxes: {alpha: [-1]}¶ ;; range count 0 |  | BASEaxes: {alpha: {from: 1.0e-6, to: 1.0e-2, count: 0}}¶
        seeds 0 | seeds | BASEaxes: {alpha: [1.0e-6]}¶seeds: 0¶ ;; seeds -1 | seeds | BASEaxes: {alpha: [1.0e-6]}¶seeds: -1¶
        seeds a word | seeds | BASEaxes: {alpha: [1.0e-6]}¶seeds: abc¶
        success malformed | success | BASEaxes: {alpha: [1.0e-6]}¶success: test_error <¶
        success unknown column | bogus | BASEaxes: {alpha: [1.0e-6]}¶success: bogus < 1¶
        unknown metric | bogus | BASEaxes: {alpha: [1.0e-6]}¶metrics: [bogus]¶
        zip of unequal axes |  | BASEaxes: {alpha: [1.0e-6, 1.0e-3], problem.m: [60, 80, 100]}¶zip: true¶
        zip of an unknown axis | bogus | BASEaxes: {alpha: [1.0e-6, 1.0e-3]}¶zip: [[alpha, bogus]]¶
        axes not a map | axes | BASEaxes: 3¶ ;; unknown top-level key | foo | BASEaxes: {alpha: [1.0e-6]}¶foo: 1¶
        unknown base key | rr | base: {problem: {n: 8, rr: 1}}¶axes: {alpha: [1.0e-6]}¶ ;; empty file |  |
        malformed YAML |  | base: {problem: [¶
        10000-char axis key |  | BASEaxes: {JUNK: [1, 2]}¶""".replace("BASE", BASE), f -> List.of("sweep", f));
    for (Object[] r : new Object[][] {{"binary", g.bytes(900)}, {"Latin-1", "title: caf\u00e9\n".getBytes(ISO_8859_1)}}) {
      g.refuse("sweep", r[0] + " sweep file", "sweep.yaml", (byte[]) r[1], f -> List.of("sweep", f));
    }
    return g.write("sweep.yaml", (BASE + "axes: {alpha: [1.0e-6]}¶seeds: 1¶").replace("¶", "\n"));
  }

  static void options(Gen g, Path spec, Path sweep, Path img, Path ratings) throws IOException {
    g.badOptions("option", SENSE, "--n 0 -1 abc 2147483648 NaN 1e400", "--r 0 -1 abc 9", "--m 0 -1 abc 2147483648",
        "--kappa 0 -1 NaN 1e400 abc 0.5", "--noise -1 NaN 1e400 abc", "--alpha 0 -1 NaN 1e400 abc 1e-320",
        "--step 0 -1 NaN abc", "--step-fraction 0 -1 NaN 1e400 abc", "--width 0 -1 9 abc", "--iters -1 abc 2147483648",
        "--tol -1 1 NaN abc", "--time-limit -1 NaN abc", "--record-every 0 -1 abc", "--threads 0 -1 abc 257",
        "--seed abc NaN", "--model circle", "--method sgd", "--spacing cubic", "--precision float16", "--probes foo");
    List<Object> noM = List.of("sense", "--n", "8", "--r", "1", "--iters", "20");
    List<Object> asym = List.of("sense", "--model", "asymmetric", "--n1", "8", "--n2", "6", "--r", "1", "--iters", "20");
    g.badOptions("option", noM, "--oversampling 0 -1 NaN 1e400 abc");
    g.badOptions("option", plus(noM, "--model", "completion"), "--p 0 -1 1.5 NaN", "--tau NaN abc", "--sampling foo");
    g.badOptions("option", plus(SENSE, "--method", "scaledgd-lambda"), "--lambda -1 NaN abc");
    g.badOptions("option", plus(SENSE, "--method", "deep"), "--depth 0 -1 abc");
    g.badOptions("option", asym, "--beta -1 NaN", "--n1 0 -1 abc", "--n2 0 -1 abc");
    g.badOptions("option", plus(asym, "--method", "als", "--width", "1"), "--ridge -1 NaN abc");
    for (String noise : new String[] {"1e300", "1e200"}) {
      g.add(REFUSE, "magnitude", "--noise " + noise, plus(SENSE, "--noise", noise).toArray()).out(g.out("noise"))
          .frag("magnitude").forbid("--step", "step_fraction");
    }
    for (String[] d : new String[][] {{"--step-fraction", "50"}, {"--step-fraction", "1e3"}, {"--step", "1e6"}}) {
      g.add(DIVERGE, "divergence", d[0] + " " + d[1], plus(SENSE, d[0], d[1]).toArray());
    }
    for (List<Object> a : List.of(SENSE, plus(SENSE, "--model", "rank-one", "--width", "1"), plus(SENSE, "--method",
        "precgd", "--width", "2"), plus(SENSE, "--method", "scaledgd", "--init", "spectral", "--width", "1"),
        plus(SENSE, "--json"), plus(noM, "--model", "completion"), asym, COMPARE, plus(COMPARE, "--methods",
        "gd,precgd"), plus(COMPARE, "--noise", "0,0.01"), plus(COMPARE, "--width", "r,n"))) {
      g.add(ACCEPT, "run", a.stream().map(Object::toString).reduce((x, y) -> x + " " + y).orElseThrow(), a.toArray())
          .out(g.out("ok"));
    }
    g.badOptions("option", COMPARE, "--kappa 0.5 1,abc '' NaN", "--noise -1 0,NaN abc", "--width 0 abc 3n 9",
        "--methods bogus gd,,precgd", "--eps -1 NaN abc", "--alpha 0 -1 NaN", "--deep-alpha -1 NaN", "--depth 0 abc",
        "--n 0 abc", "--m 0 -1", "--iters -1", "--threads 0", "--model circle");
    g.badOptions("option", List.of("run", spec), "--iters -1 abc", "--threads 0", "--tol 1 NaN", "--record-every 0",
        "--time-limit -1", "--seed abc", "--set problem.nn=3 n=abc alpha=-1 method.name=sgd nonsense =3 problem={bad");
    g.badOptions("option", List.of("sweep", sweep), "--iters -1", "--threads 0", "--tol 1", "--seed 3",
        "--set seeds=0 foo=1 problem.r=30");
    g.badOptions("option", List.of("reproduce"), "--seeds 0 -1 abc 2147483648 1001", "--claims 0 13 abc 1,,2 ''",
        "--threads 0", "--set n=abc foo=1 kappa=0.5 kappa=NaN noise=-1 r=50 r=0 problem.model=circle", "--quickk");
    String j = g.junk(10_000);
    List<List<Object>> bases = List.<List<Object>>of(SENSE, COMPARE, List.of("run", spec), List.of("sweep", sweep),
        List.of("reproduce"), List.of("inpaint", img, "--iters", "1"), List.of("complete", ratings, "--iters", "1"));
    for (List<Object> b : bases) {
      for (String[] m : Gen.rows("""
          * | unknown option --bogus | --bogus | --bogus ;; * | typo --threds | --threads | --threds 1
          * | 10000-char --set key |  | --set JUNK=1 ;; * | --set without = | --set | --set nonsense
          * | --set unknown key | nope | --set problem.nope=1 ;; * | --threads given twice | --threads | --threads 1 --threads 2
          * | --threads without a value | --threads | --threads ;; sense | 10000-char --model |  | --model JUNK
          compare | 10000-char --methods |  | --methods JUNK ;; complete | 10000-char --centring |  | --centring JUNK
          complete | typo --hold-ot | --hold-out | --hold-ot 0.2 ;; complete | option of sense --n | --n | --n 8
          complete | two inputs |  | INPUT ;; complete | --set bad value | alpha | --set alpha=abc
          complete | --set of another model | kappa | --set problem.kappa=3""")) {
        if (m[0].equals("*") || m[0].equals(b.get(0))) {
          List<Object> args = plus(List.of(b.get(0), "--out", g.out("o")), b.subList(1, b.size()).toArray());
          Arrays.stream(m[3].split(" ")).forEach(a -> args.add(a.equals("INPUT") ? ratings : a.replace("JUNK", j)));
          g.add(REFUSE, "option", m[1], args.toArray()).longInput(m[3].contains("JUNK") ? j : null).frag(m[2]);
        }
      }
    }
    g.add(REFUSE, "option", "--top-k without --out", "complete", ratings, "--top-k", "3").frag("--out");
    g.add(REFUSE, "option", "--predict without --out", "complete", ratings, "--predict", ratings).frag("--out");
    for (String c : new String[] {"50", "1000", "1e6"}) {
      g.add(DIVERGE, "divergence", "--step-fraction " + c, "complete", ratings, "--step-fraction", c, "--iters", "200");
    }
  }

  /** Missing files, directories, devices and pipes as inputs; unusable --out directories. */
  static void paths(Gen g, Path spec, Path sweep, Path img, Path ratings) throws IOException {
    Path file = g.write("a-regular-file.txt", "x\n");
    Object[][] inputs = {{"complete", "P"}, {"inpaint", "P"}, {"run", "P"}, {"sweep", "P"}, {"sense", "--init", "P"},
        {"sense", "--load-instance", "P"}, {"compare", "--load-instance", "P"}, {"complete", "--load-model", "P",
        "--top-k", "2"}, {"complete", ratings, "--predict", "P"}, {"complete", ratings, "--warm-start", "P"}};
    for (Object[] in : inputs) {
      String where = in[0] + " " + Arrays.stream(in).skip(1).map(Object::toString).filter(s -> s.startsWith("-"))
          .findFirst().orElse("INPUT");
      boolean wantsDir = where.contains("instance") || where.contains("model") || where.contains("warm");
      Path fifo = g.fifo("node"); // what each must be called, besides its name
      Object[][] kinds = {{"missing", g.path("missing"), "does not exist|no such file"}, {"a directory", g.dir("a-dir"),
          wantsDir ? "" : "is a directory"}, {"/dev/null", Path.of("/dev/null"), "device|not a regular file|not a directory"},
          {"a FIFO", fifo, "pipe|FIFO|not a regular file|not a directory"}, {"a regular file", file, "not a directory|is a file"}};
      for (Object[] k : kinds) {
        if (k[1] != null && (wantsDir || !k[0].equals("a regular file"))) {
          Case c = g.add(REFUSE, "path", where + " is " + k[0], Arrays.stream(in).map(a -> "P".equals(a) ? k[1] : a)
              .toArray()).out(g.out("path")).frag(((Path) k[1]).getFileName().toString()).frag(((String) k[2]).split("\\|"))
              .forbid(k[0].equals("missing") ? "\0" : "does not exist");
          c.before(k[0].equals("a FIFO") ? Gen.unblock(fifo) : null).within(k[0].equals("a FIFO") ? 5 : 0);
        }
      }
    }
    Path ro = g.dir("read-only"); // root writes anywhere: then there is no read-only case
    boolean readOnly = !"root".equals(System.getProperty("user.name")) && ro.toFile().setWritable(false, false)
        && !Files.isWritable(ro);
    for (List<Object> b : List.<List<Object>>of(SENSE, List.of("complete", ratings, "--iters", "50"), List.of("inpaint",
        img, "--iters", "50"), COMPARE, List.of("sweep", sweep), List.of("run", spec), List.of("reproduce"))) {
      for (Object[] o : new Object[][] {{"''", ""}, {"a regular file", file}, {"/dev/null", "/dev/null"},
          {"under a read-only directory", ro.resolve("sub")}}) {
        if (readOnly || !o[0].toString().contains("read-only")) {
          g.add(REFUSE, "out", "--out " + o[0], plus(b, "--out", o[1]).toArray()).frag("--out");
        }
      }
    }
    g.add(REFUSE, "out", "--save-instance a regular file", plus(SENSE, "--save-instance", file).toArray())
        .frag("--save-instance");
    g.add(REFUSE, "out", "--save-model a regular file", "complete", ratings, "--iters", "50", "--save-model", file)
        .frag("--save-model");
  }
}
