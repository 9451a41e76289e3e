package io.lowrank.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Core and experiment never see Spark: the engine reaches them only through EngineProvider. */
class ArchitectureTest {
  @Test
  void coreAndExperimentHaveNoSparkOrScalaImport() throws IOException {
    List<Path> offending;
    List<Path> scanned;
    try (Stream<Path> s = Stream.of("../lowrank-core/src", "../lowrank-experiment/src").map(Path::of)
        .flatMap(ArchitectureTest::walk)) {
      scanned = s.filter(p -> p.toString().endsWith(".java")).toList();
    }
    offending = scanned.stream().filter(ArchitectureTest::mentionsSpark).toList();
    assertThat(scanned).hasSizeGreaterThan(100);
    assertThat(offending).isEmpty();
  }

  private static Stream<Path> walk(Path root) {
    try {
      return Files.walk(root);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static boolean mentionsSpark(Path file) {
    try {
      return Files.readAllLines(file).stream().map(String::strip)
          .anyMatch(l -> l.startsWith("import org.apache.spark") || l.startsWith("import scala.")
              || l.contains("org.apache.spark."));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
