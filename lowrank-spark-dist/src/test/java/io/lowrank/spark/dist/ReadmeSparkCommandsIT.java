package io.lowrank.spark.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ./lowrank ...} line of the README's shell blocks that has {@code --engine spark}
 * runs here with the shaded jar (lowrank-cli's ReadmeCommandsTest runs the others and leaves these
 * to this test), in order, in a directory holding the repository's examples/ and data/; each must
 * exit 0 and print the lines the README quotes under it ({@code #   ...}, timings aside).
 */
class ReadmeSparkCommandsIT {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Pattern BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);

  @TempDir
  static Path work;

  record Command(String line, List<String> args, List<String> quoted) {}

  static List<Command> commands() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    List<Command> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(readme);
    while (m.find()) {
      Command current = null;
      for (String raw : m.group(1).split("\n")) {
        String line = raw.strip();
        if (line.startsWith("./lowrank ")) {
          int comment = line.indexOf(" #");
          String cmd = (comment < 0 ? line : line.substring(0, comment)).strip();
          current = null;
          if (cmd.contains("--engine spark")) {
            List<String> args = new ArrayList<>(List.of(cmd.split("\\s+")));
            args.remove(0);
            current = new Command(cmd, args, new ArrayList<>());
            out.add(current);
          }
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
    return out;
  }

  @Test
  void theReadmeShowsSweepAndCompleteOnSpark() throws IOException {
    List<String> lines = commands().stream().map(Command::line).toList();
    assertThat(lines).anyMatch(l -> l.startsWith("./lowrank sweep ") && l.contains("--master local[2]"));
    assertThat(lines).anyMatch(l -> l.startsWith("./lowrank complete "));
  }

  @TestFactory
  Stream<DynamicTest> everyReadmeSparkCommandRuns() throws IOException {
    Files.createSymbolicLink(work.resolve("examples"), ROOT.resolve("examples"));
    boolean data = Files.isRegularFile(ROOT.resolve("data/movielens_small.csv"));
    if (data) {
      Files.createSymbolicLink(work.resolve("data"), ROOT.resolve("data"));
    }
    return commands().stream().map(c -> DynamicTest.dynamicTest(c.line(), () -> {
      assumeTrue(data || c.args().stream().noneMatch(a -> a.startsWith("data/")),
          "real data absent (run scripts/fetch-data.sh): " + c.line());
      AllJar.Result r = AllJar.run(work, c.args());
      assertThat(r.status()).as(c.line() + "\nstderr: " + r.err()).isZero();
      String out = r.out().replaceAll("[ \\t]+", " ");
      for (String q : c.quoted()) {
        assertThat(out).as(c.line() + " prints the README's line").contains(q);
      }
    }));
  }
}
