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
import java.util.concurrent.TimeUnit;
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
  static final Pattern BLOCK = Pattern.compile("```(sh|java)\\n(.*?)```", Pattern.DOTALL);

  @TempDir
  static Path work;

  /** One README command and the output lines it quotes. */
  record Command(String line, List<String> args, List<String> quoted) {}

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
          current = new Command(cmd, args, new ArrayList<>());
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
    Files.createSymbolicLink(work.resolve("examples"), ROOT.resolve("examples"));
    boolean data = Files.isRegularFile(ROOT.resolve("data/movielens_small.csv"));
    if (data) {
      Files.createSymbolicLink(work.resolve("data"), ROOT.resolve("data"));
    }
    return commands().stream().map(c -> DynamicTest.dynamicTest(c.line(), () -> {
      assumeTrue(data || c.args().stream().noneMatch(a -> a.startsWith("data/")),
          "real data absent (run scripts/fetch-data.sh): " + c.line());
      Result r = launch(c.args());
      assertThat(r.status()).as(c.line() + "\nstderr: " + r.err()).isZero();
      String out = r.out().replaceAll("[ \\t]+", " ");
      for (String q : c.quoted()) {
        assertThat(out).as(c.line() + " prints the README's line").contains(q);
      }
    }));
  }

  record Result(int status, String out, String err) {}

  /** {@code java -cp <this classpath> io.lowrank.cli.Main args} in the work directory. */
  static Result launch(List<String> args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.lowrank.cli.Main"));
    cmd.addAll(args);
    Path out = Files.createTempFile(work, "stdout", ".txt");
    Path err = Files.createTempFile(work, "stderr", ".txt");
    Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectOutput(out.toFile())
        .redirectError(err.toFile()).start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + args);
    }
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** The README's Java block, compiled and run: the planted matrix is recovered and U has its shape. */
  @Test
  void theJavaSnippetCompilesAndRecovers() throws Exception {
    String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    Matcher m = BLOCK.matcher(readme);
    String snippet = null;
    while (m.find()) {
      if (m.group(1).equals("java")) {
        snippet = m.group(2);
      }
    }
    assertThat(snippet).as("README.md has a ```java block").isNotNull();
    StringBuilder imports = new StringBuilder();
    StringBuilder body = new StringBuilder();
    for (String line : snippet.split("\n")) {
      (line.startsWith("import ") ? imports : body).append(line).append('\n');
    }
    String source = imports + "public class ReadmeSnippet {\n  public static double[] main() throws Exception {\n"
        + body + "    return new double[] {testError, u.rows(), u.cols()};\n  }\n}\n";
    Path dir = Files.createDirectories(work.resolve("snippet"));
    Path file = dir.resolve("ReadmeSnippet.java");
    Files.writeString(file, source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status = javac.run(null, null, null, "-d", dir.toString(), "-cp", System.getProperty("java.class.path"),
        file.toString());
    assertThat(status).as("javac of the README snippet:\n" + source).isZero();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      Method main = loader.loadClass("ReadmeSnippet").getMethod("main");
      double[] r = (double[]) main.invoke(null);
      assertThat(r[0]).as("test error of the snippet's run (n = 40, r = 2, alpha 1e-6)").isLessThan(1e-6);
      assertThat(r[1]).isEqualTo(40);
      assertThat(r[2]).isEqualTo(40);
    }
  }
}
