package io.lowrank.experiment.completion;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the real data fetched by {@code scripts/fetch-data.sh} into the repository's data/
 * folder; tests that need it skip with a visible message when it is absent.
 */
public final class RealData {
  private RealData() {}

  /** data/relative under the repository root (found by walking up to scripts/fetch-data.sh), or skips. */
  public static Path require(String relative) {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("scripts/fetch-data.sh"))) {
      dir = dir.getParent();
    }
    Path file = dir == null ? Path.of("data", relative) : dir.resolve("data").resolve(relative);
    if (!Files.isRegularFile(file)) {
      String message = "SKIPPED: real data " + file
          + " is absent; run scripts/fetch-data.sh to fetch it (see docs/data.md)";
      System.err.println(message); // surefire keeps assumption messages out of the console: make the skip visible
      assumeTrue(false, message);
    }
    return file;
  }
}
