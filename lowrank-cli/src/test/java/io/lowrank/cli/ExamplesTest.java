package io.lowrank.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lowrank.experiment.output.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code examples/*.yaml} runs with {@code lowrank run} and meets the expectations written in
 * its own {@code # expect: <summary key> <op> <number>} lines. Paths in the examples are relative
 * to the repository root (where users run them); the test points them there.
 */
class ExamplesTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Pattern EXPECT = Pattern.compile("^# expect: ([a-z_.]+) (<|>|<=|>=) (\\S+)$");
  static final Pattern PATH = Pattern.compile("^\\s*path: (\\S+)$");

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(ROOT.resolve("examples"))) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @Test
  void thereIsAnExampleForEveryModelAndMethod() throws IOException {
    List<String> names = examples().map(p -> p.getFileName().toString()).toList();
    for (io.lowrank.experiment.spec.Model m : io.lowrank.experiment.spec.Model.values()) {
      assertThat(names).contains("model-" + m.id() + ".yaml");
    }
    assertThat(names).contains("model-completion-relu.yaml");
    for (io.lowrank.solver.Method m : io.lowrank.solver.Method.values()) {
      assertThat(names).contains("method-" + m.id() + ".yaml");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void runsAndMeetsItsExpectations(Path example) throws IOException {
    List<String> args = new ArrayList<>(List.of("run", example.toString(), "--json"));
    List<String[]> expectations = new ArrayList<>();
    for (String line : Files.readAllLines(example)) {
      Matcher e = EXPECT.matcher(line);
      if (e.matches()) {
        expectations.add(new String[] {e.group(1), e.group(2), e.group(3)});
      }
      Matcher p = PATH.matcher(line);
      if (p.matches() && line.contains("examples/")) {
        args.add("--set");
        args.add("problem.path=" + ROOT.resolve(p.group(1)));
      }
    }
    assertThat(expectations).as("an example states what it shows").isNotEmpty();
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertThat(run.status()).as(run.err()).isZero();
    JsonNode summary = Json.mapper().readTree(run.out());
    for (String[] x : expectations) {
      JsonNode v = summary.at("/" + x[0].replace('.', '/'));
      assertThat(v.isNumber()).as("%s in %s", x[0], run.out()).isTrue();
      double actual = v.asDouble();
      double bound = Double.parseDouble(x[2]);
      boolean ok = switch (x[1]) {
        case "<" -> actual < bound;
        case ">" -> actual > bound;
        case "<=" -> actual <= bound;
        default -> actual >= bound;
      };
      assertThat(ok).as("%s: %s = %s, expected %s %s", example.getFileName(), x[0], actual, x[1], x[2]).isTrue();
    }
  }
}
