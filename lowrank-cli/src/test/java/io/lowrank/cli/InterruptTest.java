package io.lowrank.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (SIGINT) and SIGTERM to a child JVM running the CLI: a single run writes the history
 * recorded so far and a summary with termination INTERRUPTED, then exits 130 with one line on
 * stderr; a sweep keeps the runs that finished (and no top-level summary.json), exits 130, and
 * the same command resumes it to the uninterrupted result.
 */
class InterruptTest {
  @TempDir
  Path dir;

  /** A run that would take hours: only a signal ends it. */
  private static final List<String> LONG_SENSE = List.of("sense", "--n", "40", "--r", "2", "--iters", "5000000",
      "--tol", "0", "--record-every", "10", "--out", "out");

  @Test
  void sigintWritesThePartialHistoryAndExits130() throws Exception {
    interruptsASingleRun("INT");
  }

  @Test
  void sigtermDoesTheSame() throws Exception {
    interruptsASingleRun("TERM");
  }

  private void interruptsASingleRun(String signal) throws Exception {
    Process p = ChildJvm.start(dir, LONG_SENSE);
    assumeSignalReaches(p, signal);
    Thread.sleep(4000); // well into the iterations (the set-up takes well under a second)
    assertThat(p.isAlive()).as("still running").isTrue();
    ChildJvm.send(p, signal);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exits after " + signal).isTrue();
    assertThat(p.exitValue()).isEqualTo(Main.EXIT_INTERRUPTED);
    JsonNode summary = new ObjectMapper().readTree(dir.resolve("out/summary.json").toFile());
    assertThat(summary.at("/termination").asText()).isEqualTo("INTERRUPTED");
    int iterations = summary.at("/iterations").asInt();
    assertThat(iterations).isPositive().isLessThan(5_000_000);
    List<String> history = Files.readAllLines(dir.resolve("out/history.csv"));
    assertThat(history.size()).as("rows of the partial history").isGreaterThan(10);
    // the history ends at the iteration the run was interrupted at
    assertThat(history.get(history.size() - 1).split(",")[0]).isEqualTo(Integer.toString(iterations));
    String err = stderrOf(dir);
    assertThat(err.strip().lines().toList()).as(err).hasSize(1);
    assertThat(err).startsWith("lowrank sense: interrupted at iteration " + iterations);
  }

  @Test
  void anInterruptedSweepKeepsItsFinishedRunsAndResumes() throws Exception {
    Path file = Files.writeString(dir.resolve("s.yaml"), SweepCommandTest.SWEEP);
    List<String> args = List.of("sweep", file.toString(), "--out", "out", "--threads", "2");
    Process p = ChildJvm.start(dir, args);
    assumeSignalReaches(p, "INT");
    while (p.isAlive() && SweepCommandTest.storedRuns(dir.resolve("out/runs")) < 2) {
      Thread.sleep(5);
    }
    Assumptions.assumeTrue(p.isAlive(), "the sweep finished before it could be interrupted");
    ChildJvm.send(p, "INT");
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    if (Files.exists(dir.resolve("out/summary.json"))) {
      return; // the signal landed after the last run: a complete sweep is then right (checked elsewhere)
    }
    assertThat(p.exitValue()).isEqualTo(Main.EXIT_INTERRUPTED);
    long stored = SweepCommandTest.storedRuns(dir.resolve("out/runs"));
    assertThat(stored).isBetween(2L, 31L);
    String err = stderrOf(dir);
    assertThat(err).contains("lowrank sweep: interrupted: " + stored + " of 32 runs finished; they are stored in the "
        + "output directory, rerun the same command to resume");
    ChildJvm.Result again = ChildJvm.run(dir, args);
    assertThat(again.status()).as(again.err()).isZero();
    assertThat(again.err()).contains("resuming: " + stored + " of 32 runs were complete");
    CliRun reference = CliRun.of("sweep", file.toString(), "--out", dir.resolve("ref").toString(), "--threads", "2");
    assertThat(reference.status()).isZero();
    assertThat(SweepCommandTest.withoutTimings(dir.resolve("out/results.csv")))
        .isEqualTo(SweepCommandTest.withoutTimings(dir.resolve("ref/results.csv")));
  }

  /** Skips when the signal is ignored in this process tree (e.g. SIGINT under a background job): the JVM then never sees it. */
  private static void assumeSignalReaches(Process p, String signal) throws IOException {
    Assumptions.assumeTrue(Files.exists(Path.of("/proc/" + p.pid() + "/status")),
        "needs /proc to check the child's signal dispositions");
    if (ChildJvm.ignores(p, signal)) {
      p.destroyForcibly();
      Assumptions.abort("SIG" + signal + " is ignored by this process tree (started in the background?), so the JVM "
          + "cannot handle it");
    }
  }

  /** The stderr file ChildJvm.start wrote in {@code dir}. */
  private static String stderrOf(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      Path err = files.filter(f -> f.getFileName().toString().startsWith("stderr")).findFirst().orElseThrow();
      return Files.readString(err);
    }
  }
}
