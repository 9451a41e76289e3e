package io.lowrank.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ./lowrank ...} line of the README's shell blocks runs, in order, in a fresh
 * directory that holds the repository's {@code examples/} and {@code data/}, as a separate JVM on
 * this module's classpath (the launcher script itself only adds the build); each must exit 0, and
 * the output lines the README quotes under a command (the {@code #   ...} lines, timings aside) must
 * appear in its output. The README's Java snippet is compiled and run against the library.
 */
class ReadmeCommandsTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  /** The test that runs the README's {@code --engine spark} lines with the shaded jar. */
  static final String SPARK_README_IT = "lowrank-spark-dist/src/test/java/io/lowrank/spark/dist/ReadmeSparkCommandsIT.java";
  static final Pattern BLOCK = Pattern.compile("```(sh|java)\\n(.*?)```", Pattern.DOTALL);

  @TempDir
  static Path work;

  /**
   * One README command, the output lines it quotes, and the test class that runs it when its comment
   * says {@code tested by <Class>} (a long command the suite already runs elsewhere).
   */
  record Command(String line, List<String> args, List<String> quoted, String testedBy) {}

  static List<Command> commands() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    List<Command> commands = new ArrayList<>();
    Matcher m = BLOCK.matcher(readme);
    while (m.find()) {
      if (!m.group(1).equals("sh")) {
        continue;
      }
      Command current = null;
      for (String raw : m.group(2).split("\n")) {
        String line = raw.strip();
        if (line.startsWith("./lowrank ") || line.equals("./lowrank")) {
          int comment = line.indexOf(" #");
          String cmd = (comment < 0 ? line : line.substring(0, comment)).strip();
          List<String> args = new ArrayList<>(List.of(cmd.split("\\s+")));
          args.remove(0);
          Matcher by = Pattern.compile("tested by (\\w+)").matcher(comment < 0 ? "" : line.substring(comment));
          current = new Command(cmd, args, new ArrayList<>(), by.find() ? by.group(1) : null);
          commands.add(current);
        } else if (line.startsWith("#   ") && current != null) {
          String quoted = line.substring(1).strip().replaceAll("\\s+", " ");
          if (!quoted.contains("time")) {
            current.quoted().add(quoted);
          }
        } else {
          current = null;
        }
      }
    }
    return commands;
  }

  @Test
  void theReadmeShowsTheCommandsItMustShow() throws IOException {
    List<String> lines = commands().stream().map(Command::line).toList();
    assertThat(lines).contains("./lowrank reproduce");
    for (String cmd : new String[] {"run", "sense", "compare", "complete", "inpaint"}) {
      assertThat(lines).anyMatch(l -> l.startsWith("./lowrank " + cmd + " "));
    }
  }

  @TestFactory
  Stream<DynamicTest> everyReadmeCommandRunsAndPrintsWhatTheReadmeQuotes() throws IOException {
    copyExamples();
    boolean data = Files.isRegularFile(ROOT.resolve("data/movielens_small.csv"));
    if (data) {
      Files.createSymbolicLink(work.resolve("data"), ROOT.resolve("data"));
    }
    return commands().stream().map(c -> DynamicTest.dynamicTest(c.line(), () -> {
      if (c.line().contains("--engine spark")) { // needs the shaded Spark jar, built after this module
        String it = Files.readString(ROOT.resolve(SPARK_README_IT));
        assertThat(it).as(SPARK_README_IT + " runs the README's --engine spark lines").contains("--engine spark");
        return;
      }
      if (c.testedBy() != null) {
        String test = Files.readString(Path.of("src/test/java/io/lowrank/cli", c.testedBy() + ".java"));
        for (String a : c.args()) {
          assertThat(test).as(c.testedBy() + " runs " + c.line()).contains("\"" + a + "\"");
        }
        return;
      }
      assumeTrue(data || c.args().stream().noneMatch(a -> a.startsWith("data/")),
          "real data absent (run scripts/fetch-data.sh): " + c.line());
      ChildJvm.Result r = ChildJvm.run(work, c.args());
      assertThat(r.status()).as(c.line() + "\nstderr: " + r.err()).isZero();
      String out = r.out().replaceAll("[ \\t]+", " ");
      for (String q : c.quoted()) {
        assertThat(out).as(c.line() + " prints the README's line").contains(q);
      }
      if (c.args().get(0).equals("sweep") && c.args().get(1).startsWith("examples/sweeps/")) {
        String name = Path.of(c.args().get(1)).getFileName().toString().replace(".yaml", "");
        assertThat(Files.readString(work.resolve(name + "-out/figures/heatmap.svg")))
            .as("docs/figures/" + name + ".svg is the figure the sweep draws (copy it there when it changes)")
            .isEqualTo(Files.readString(ROOT.resolve("docs/figures/" + name + ".svg")));
      }
    }));
  }

  /** Links the repository's examples into the work directory (once). */
  static synchronized void copyExamples() throws IOException {
    if (!Files.exists(work.resolve("examples"))) {
      Files.createSymbolicLink(work.resolve("examples"), ROOT.resolve("examples"));
    }
  }

  /** The README's Java blocks, in order. */
  static List<String> javaBlocks() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    Matcher m = BLOCK.matcher(readme);
    List<String> blocks = new ArrayList<>();
    while (m.find()) {
      if (m.group(1).equals("java")) {
        blocks.add(m.group(2));
      }
    }
    return blocks;
  }

  /**
   * Compiles a README Java block as the body of {@code static Object main()} returning
   * {@code result}, and runs it. Relative paths ({@code Path.of("...")}) are taken from the
   * directory that holds the repository's examples (the README runs them from the root).
   */
  static Object compileAndRun(String snippet, String name, String result) throws Exception {
    StringBuilder imports = new StringBuilder();
    StringBuilder body = new StringBuilder();
    for (String line : snippet.split("\n")) {
      (line.startsWith("import ") ? imports : body).append(line).append('\n');
    }
    String base = work.toString().replace("\\", "/") + "/";
    String source = imports + "public class " + name + " {\n  public static Object main() throws Exception {\n"
        + body.toString().replace("Path.of(\"", "Path.of(\"" + base) + "    return " + result + ";\n  }\n}\n";
    Path dir = Files.createDirectories(work.resolve("snippet-" + name));
    Path file = dir.resolve(name + ".java");
    Files.writeString(file, source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status = javac.run(null, null, null, "-d", dir.toString(), "-cp", System.getProperty("java.class.path"),
        file.toString());
    assertThat(status).as("javac of the README snippet:\n" + source).isZero();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, ReadmeCommandsTest.class.getClassLoader())) {
      Method main = loader.loadClass(name).getMethod("main");
      return main.invoke(null);
    }
  }

  /** The README's first Java block: the planted matrix is recovered and U has its shape. */
  @Test
  void theJavaSnippetCompilesAndRecovers() throws Exception {
    List<String> blocks = javaBlocks();
    assertThat(blocks).as("README.md has ```java blocks").hasSizeGreaterThanOrEqualTo(2);
    double[] r = (double[]) compileAndRun(blocks.get(0), "ReadmeSnippet", "new double[] {testError, u.rows(), u.cols()}");
    assertThat(r[0]).as("test error of the snippet's run (n = 40, r = 2, alpha 1e-6)").isLessThan(1e-6);
    assertThat(r[1]).isEqualTo(40);
    assertThat(r[2]).isEqualTo(40);
  }

  /** The README's completion block: fits, predicts, recommends five unseen items, saves a loadable model. */
  @Test
  void theCompletionSnippetFitsPredictsAndSaves() throws Exception {
    copyExamples();
    Object[] r = (Object[]) compileAndRun(javaBlocks().get(1), "ReadmeCompletion",
        "new Object[] {rating, top, heldOut, model.summary().baselineValidationRmse()}");
    assertThat((double) r[0]).isBetween(0.0, 6.0);
    assertThat((List<?>) r[1]).hasSize(5);
    assertThat((double) r[2]).as("held-out RMSE below the bias-only baseline").isLessThan((double) r[3]);
    assertThat(io.lowrank.experiment.completion.CompletionModel.load(work.resolve("model2")).predict("u00", "i03"))
        .isEqualTo((double) r[0]);
  }
}
