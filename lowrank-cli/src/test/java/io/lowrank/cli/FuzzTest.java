package io.lowrank.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowrank.experiment.formats.Npy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded fuzz suite over every command and input format (docs/errors.md): each case is a command line, its
 * input files (from one fixed-seed {@link Random}) and the contract's expectation: REFUSE (exit 2, one line
 * {@code lowrank <cmd>: error: <problem>; <fix>} of at most 400 characters echoing no 100 characters of a long
 * input), ACCEPT (exit 0, no NaN/Infinity in stdout or any written file, the ids and counts of the input),
 * DIVERGE (exit 1, one line naming the iteration and the step knob) or EITHER (a clean ACCEPT or REFUSE, never
 * blaming the step size). Cases: {@link FuzzCases} (complete's tabular inputs), {@link FuzzInputs} (the rest).
 * The count table and every failure are printed at the end and written to target/fuzz-report.txt.
 */
class FuzzTest {
  static final long SEED = 20240611L;
  static final Pattern ONE_LINE = Pattern.compile("^lowrank [a-z]+: error: .+; .+$");
  /** Phrases that contain the word "error" without reporting one (an accuracy measure). */
  static final Pattern MEASURE = Pattern.compile("(?i)(validation|test|training|train|held-out|relative) error");

  @TempDir
  static Path tmp;
  private static List<Case> cases;
  private static final Map<String, int[]> TALLY = Collections.synchronizedMap(new TreeMap<>());
  private static final List<String> FAILURES = Collections.synchronizedList(new ArrayList<>());
  private static final List<String> RESULTS = Collections.synchronizedList(new ArrayList<>());
  private static final long START = System.nanoTime();

  enum Expect { REFUSE, ACCEPT, DIVERGE, EITHER }

  /** A content property of an accepted run (ids, entry counts, predictions). */
  interface Check {
    void verify(CliRun run) throws Exception;
  }

  /** One fuzz case: its command line, expectation, and what its output must (not) contain. */
  static final class Case {
    final Expect expect;
    final String cls;
    final String name;
    final List<String> args = new ArrayList<>();
    final List<String[]> frags = new ArrayList<>();
    final List<String> forbid = new ArrayList<>();
    String longInput;
    Path out;
    Check check;
    double within;
    Runnable before;

    Case(Expect expect, String cls, String name, Object... args) {
      this.expect = expect;
      this.cls = cls;
      this.name = name;
      for (Object a : args) {
        this.args.add(a instanceof Path p ? p.toAbsolutePath().toString() : a.toString());
      }
    }

    String cmd() { return args.get(0); }
    /** A fragment the stderr line must contain (any one of the alternatives). */
    Case frag(String... anyOf) { frags.add(anyOf); return this; }
    /** Text stderr must not contain (case-insensitive). */
    Case forbid(String... texts) { forbid.addAll(Arrays.asList(texts)); return this; }
    /** A long input of which no 100 consecutive characters may appear in stderr (null: none). */
    Case longInput(String text) { longInput = text; return this; }
    /** Adds {@code --out dir}; an accepted run's files in dir are scanned. */
    Case out(Path dir) { out = dir; args.add("--out"); args.add(dir.toAbsolutePath().toString()); return this; }
    Case check(Check c) { check = c; return this; }
    Case within(double seconds) { within = seconds; return this; }
    Case before(Runnable r) { before = r; return this; }

    String label() {
      String n = name.length() > 70 ? name.substring(0, 70) + "..." : name;
      return String.format(Locale.ROOT, "%s %s %s: %s", expect, cmd(), cls, n).replaceAll("\\p{Cntrl}", "?");
    }

    @Override
    public String toString() { return label(); }
  }

  /** Files, directories and the random stream shared by the case generators. */
  static final class Gen {
    final Random rng = new Random(SEED);
    final List<Case> cases = new ArrayList<>();
    private int counter;

    Case add(Expect e, String cls, String name, Object... args) {
      Case c = new Case(e, cls, name, args);
      cases.add(c);
      return c;
    }

    /** A fresh path under the temporary directory, unique per call. */
    Path path(String name) { return tmp.resolve(String.format(Locale.ROOT, "f%04d-%s", counter++, name)); }
    Path write(String name, String text) throws IOException { return write(name, text.getBytes(StandardCharsets.UTF_8)); }
    Path write(String name, byte[] bytes) throws IOException { return Files.write(path(name), bytes); }
    Path dir(String name) throws IOException { return Files.createDirectories(path(name)); }
    /** An output directory (not created). */
    Path out(String name) { return path("out-" + name); }
    <T> T pick(List<T> options) { return options.get(rng.nextInt(options.size())); }

    byte[] bytes(int n) {
      byte[] b = new byte[n];
      rng.nextBytes(b);
      return b;
    }

    /** n random lower-case letters. */
    String junk(int n) {
      return rng.ints(n, 'a', 'z' + 1).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
          .toString();
    }

    /** Rows of a text table: one per line or per " ;; ", cells split at " | ", ¶ a line feed and ␍ a carriage return. */
    static List<String[]> rows(String block) {
      return block.lines().flatMap(l -> Arrays.stream(l.split(" ;; "))).map(l -> l.replace("¶", "\n").replace("␍", "\r")
          .split(" \\|(?: |$)", -1)).toList();
    }

    /** "1" .. "n": the ids of a MatrixMarket or bare dense file. */
    static List<String> count(int n) {
      return java.util.stream.IntStream.rangeClosed(1, n).mapToObj(Integer::toString).toList();
    }

    static List<Object> plus(List<?> base, Object... more) {
      List<Object> l = new ArrayList<>(base);
      l.addAll(List.of(more));
      return l;
    }

    /** A refusal of a file holding bytes, which the message must name; args builds the command line around it. */
    Case refuse(String cls, String name, String file, byte[] bytes, Function<Path, List<Object>> args) throws IOException {
      Path f = write(file, bytes);
      return add(Expect.REFUSE, cls, name, args.apply(f).toArray()).out(out(cls)).frag(f.getFileName().toString());
    }

    /** Refusals from rows "name | fragment | file content" (JUNK: 10000 random letters, the long input). */
    void refusals(String cls, String file, String table, Function<Path, List<Object>> args) throws IOException {
      String j = junk(10_000);
      for (String[] r : rows(table)) {
        refuse(cls, r[0], file, r[2].replace("JUNK", j).getBytes(StandardCharsets.UTF_8), args).frag(r[1])
            .longInput(r[2].contains("JUNK") ? j : null);
      }
    }

    /**
     * Bad option values, each refused naming the option: every row is "--option value value ...",
     * ("''" is the empty value); the option replaces its value in base or is appended to it.
     */
    void badOptions(String cls, List<Object> base, String... rows) {
      for (String row : rows) {
        String[] t = row.split(" ");
        for (int k = 1; k < t.length; k++) {
          List<Object> args = new ArrayList<>(base);
          String v = t[k].equals("''") ? "" : t[k];
          if (args.contains(t[0])) {
            args.set(args.indexOf(t[0]) + 1, v);
          } else {
            args.addAll(List.of(t[0], v));
          }
          add(Expect.REFUSE, cls, t[0] + " '" + v + "'", args.toArray()).out(out("opt")) // "width 17 exceeds ..." too
              .frag(t[0], t[0].length() > 5 ? t[0].substring(2) + " " : t[0]);
        }
      }
    }

    /** A FIFO, or null where mkfifo is unavailable. */
    Path fifo(String name) {
      Path p = path(name);
      try {
        return new ProcessBuilder("mkfifo", p.toString()).start().waitFor() == 0 && Files.exists(p) ? p : null;
      } catch (IOException | InterruptedException e) {
        return null;
      }
    }

    /** Unblocks a reader of the FIFO after 1.5 s: a daemon opens its write end (and stays blocked if none). */
    static Runnable unblock(Path fifo) {
      return () -> {
        Thread t = new Thread(() -> {
          try {
            Thread.sleep(1500);
            Files.newOutputStream(fifo, java.nio.file.StandardOpenOption.WRITE).close(); // never creates a file
          } catch (IOException | InterruptedException ignored) {
            // nothing to unblock
          }
        });
        t.setDaemon(true);
        t.start();
      };
    }
  }

  static synchronized List<Case> all() throws Exception {
    if (cases == null) {
      Gen g = new Gen();
      FuzzCases.add(g);
      FuzzInputs.add(g);
      cases = g.cases;
    }
    return cases;
  }

  static Stream<Arguments> cases() throws Exception {
    return all().stream().map(c -> Arguments.of(c.label(), c));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void fuzz(String label, Case c) {
    if (c.before != null) {
      c.before.run();
    }
    long t0 = System.nanoTime();
    CliRun run = CliRun.of(c.args.toArray(String[]::new));
    double seconds = (System.nanoTime() - t0) / 1e9;
    List<String> problems = new ArrayList<>();
    try {
      verify(c, run, seconds, problems);
    } catch (Exception | AssertionError e) {
      problems.add("check failed: " + e.toString().replaceAll("\\s+", " "));
    }
    Stream.of("expect " + c.expect, "expect " + c.expect + (c.expect == Expect.EITHER ? ", exit " + run.status() : ""),
        "command " + c.cmd(), "class " + c.cmd() + " " + c.cls).distinct().forEach(key -> {
          int[] t = TALLY.computeIfAbsent(key, k -> new int[2]);
          t[0]++;
          t[1] += problems.isEmpty() ? 0 : 1;
        });
    String first = run.err().lines().findFirst().orElse("");
    RESULTS.add((problems.isEmpty() ? "pass " : "FAIL ") + label + " -> exit " + run.status() + ": " + first);
    if (!problems.isEmpty()) {
      String msg = String.format(Locale.ROOT, "%s%n  exit %d, stderr line 1: %s%n  problems: %s", label, run.status(),
          first.length() > 300 ? first.substring(0, 300) + "..." : first, String.join(" | ", problems));
      FAILURES.add(msg);
      throw new AssertionError(msg);
    }
  }

  /** One column of a CSV file written by lowrank, after its header. */
  static List<String> column(Path csv, int k) throws IOException {
    try (CSVParser p = CSVParser.parse(csv, StandardCharsets.UTF_8, CSVFormat.DEFAULT)) {
      return p.stream().skip(1).map(r -> r.get(k)).toList();
    }
  }

  /** Adds msg to problems when bad holds. */
  static void flag(List<String> problems, boolean bad, String msg) {
    if (bad) {
      problems.add(msg);
    }
  }

  static void verify(Case c, CliRun run, double seconds, List<String> problems) throws Exception {
    String all = run.out() + run.err();
    flag(problems, all.contains("Exception") || all.contains("at io.lowrank"), "output has Exception or a stack trace");
    flag(problems, run.out().lines().anyMatch(l -> l.contains("NaN") || l.contains("Infinity")),
        "stdout has NaN or Infinity");
    flag(problems, c.within > 0 && seconds > c.within,
        String.format(Locale.ROOT, "took %.2f s, more than %.1f s", seconds, c.within));
    if (c.expect == Expect.EITHER) {
      String lower = all.toLowerCase(Locale.ROOT);
      flag(problems, lower.contains("step size") || lower.contains("--step"), "blames the step size");
    }
    if (c.expect == Expect.ACCEPT || c.expect == Expect.EITHER && run.status() == 0) {
      accepted(c, run, problems);
    } else if (c.expect == Expect.DIVERGE) {
      diverged(c, run, problems);
    } else {
      refused(c, run, problems);
    }
  }

  static void refused(Case c, CliRun run, List<String> problems) {
    flag(problems, run.status() != 2, "exit " + run.status() + ", expected 2");
    List<String> lines = run.err().lines().toList();
    flag(problems, lines.size() != 1, "stderr has " + lines.size() + " lines, expected 1");
    String line = lines.isEmpty() ? "" : lines.get(0);
    flag(problems, !ONE_LINE.matcher(line).matches() || !line.startsWith("lowrank " + c.cmd() + ": error: "),
        "stderr line is not 'lowrank " + c.cmd() + ": error: <problem>; <fix>'");
    flag(problems, line.length() > 400, "stderr line has " + line.length() + " chars (> 400)");
    for (String[] any : c.frags) {
      flag(problems, Arrays.stream(any).noneMatch(line::contains), "stderr lacks " + String.join(" or ", any));
    }
    for (String f : c.forbid) {
      flag(problems, run.err().toLowerCase(Locale.ROOT).contains(f.toLowerCase(Locale.ROOT)),
          "stderr contains '" + f + "'");
    }
    String err = run.err();
    for (int i = 0; c.longInput != null && i + 100 <= err.length(); i++) {
      if (c.longInput.contains(err.substring(i, i + 100))) {
        problems.add("stderr echoes 100+ consecutive characters of the long input");
        break;
      }
    }
  }

  static void accepted(Case c, CliRun run, List<String> problems) throws Exception {
    if (run.status() != 0) {
      problems.add("exit " + run.status() + ", expected 0");
      return;
    }
    run.err().lines().filter(l -> MEASURE.matcher(l).replaceAll("").toLowerCase(Locale.ROOT).contains("error"))
        .findFirst().ifPresent(l -> problems.add("stderr reports an error: " + l));
    if (c.out != null && Files.isDirectory(c.out)) {
      try (Stream<Path> files = Files.walk(c.out)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          String n = f.getFileName().toString();
          if (n.matches(".*\\.(json|csv|html|svg|yaml|txt)")) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            flag(problems, text.contains("NaN") || text.contains("Infinity"), c.out.relativize(f) + " has NaN/Infinity");
          } else if (n.endsWith(".npy")) {
            flag(problems, Arrays.stream(Npy.read(f).data()).anyMatch(v -> !Double.isFinite(v)),
                c.out.relativize(f) + " holds non-finite values");
          }
        }
      }
    }
    if (c.check != null) {
      try {
        c.check.verify(run);
      } catch (AssertionError e) {
        problems.add("content: " + e.getMessage().replaceAll("\\s+", " "));
      }
    }
  }

  static void diverged(Case c, CliRun run, List<String> problems) {
    flag(problems, run.status() != 1, "exit " + run.status() + ", expected 1");
    List<String> lines = run.err().lines().toList();
    flag(problems, lines.size() != 1, "stderr has " + lines.size() + " lines, expected 1");
    String line = lines.isEmpty() ? "" : lines.get(0);
    flag(problems, !line.startsWith("lowrank " + c.cmd() + ": "), "stderr does not start 'lowrank " + c.cmd() + ": '");
    flag(problems, !line.contains("iteration"), "stderr does not name the iteration");
    flag(problems, !line.contains("--step") && !line.contains("step_fraction"), "stderr does not name the step knob");
  }

  /** The generated cases: enough of them, over every command and expectation, each named once. */
  @Test
  void countTable() throws Exception {
    Map<String, Integer> byCommand = new TreeMap<>();
    Map<Expect, Integer> byExpect = new TreeMap<>();
    Map<String, Integer> labels = new TreeMap<>();
    for (Case c : all()) {
      byCommand.merge(c.cmd(), 1, Integer::sum);
      byExpect.merge(c.expect, 1, Integer::sum);
      labels.merge(c.label(), 1, Integer::sum);
    }
    System.out.printf(Locale.ROOT, "fuzz cases: %d; by expectation %s; by command %s%n", all().size(), byExpect,
        byCommand);
    assertThat(all()).hasSizeGreaterThanOrEqualTo(320);
    assertThat(byCommand.keySet()).contains("sense", "run", "sweep", "reproduce", "complete", "inpaint", "compare");
    assertThat(byExpect.keySet()).contains(Expect.REFUSE, Expect.ACCEPT, Expect.DIVERGE);
    assertThat(labels.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)).as("repeated names")
        .isEmpty();
  }

  @AfterAll
  static void summary() throws IOException {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
        "%n=== lowrank fuzz suite: %d cases, %.1f s (with their generation), %d failed ===%n%-40s %6s %6s%n",
        TALLY.entrySet().stream().filter(e -> e.getKey().startsWith("command ")).mapToInt(e -> e.getValue()[0]).sum(),
        (System.nanoTime() - START) / 1e9, FAILURES.size(), "group", "cases", "failed"));
    TALLY.forEach((k, v) -> b.append(String.format(Locale.ROOT, "%-40s %6d %6d%n", k, v[0], v[1])));
    b.append("--- failures ---\n");
    FAILURES.stream().sorted().forEach(f -> b.append(f).append('\n'));
    System.out.print(b);
    if (Files.isDirectory(Path.of("target"))) {
      Files.writeString(Path.of("target", "fuzz-report.txt"), b);
      Files.write(Path.of("target", "fuzz-results.txt"), RESULTS.stream().sorted().toList());
    }
    assertThat((System.nanoTime() - START) / 1e9).as("run time of the whole suite in seconds").isLessThan(60);
  }
}
