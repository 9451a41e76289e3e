package io.lowrank.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowrank.experiment.formats.Npy;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failure reporting, output directories and causes named correctly (docs/errors.md). */
class HardeningTest {
  @TempDir
  static Path tmp;
  static Path ratings;

  @BeforeAll
  static void ratingsFile() throws IOException {
    Random rng = new Random(11);
    StringBuilder sb = new StringBuilder();
    for (int u = 0; u < 20; u++) {
      for (int i = 0; i < 15; i++) {
        if (rng.nextDouble() < 0.6) {
          sb.append("u").append(u).append(",i").append(i).append(',').append(1 + rng.nextInt(5)).append('\n');
        }
      }
    }
    ratings = tmp.resolve("ratings.csv");
    Files.writeString(ratings, sb);
  }

  private static void oneLine(CliRun run, int status, String command) {
    assertThat(run.status()).as(run.out() + run.err()).isEqualTo(status);
    assertThat(run.err().lines().toList()).as(run.err()).hasSize(1);
    assertThat(run.err()).startsWith("lowrank " + command + ": error: ").contains("; ").doesNotContain("Exception");
  }

  @Test
  void aFailedRunOverAnEarlierOutputLeavesNoSummary() throws IOException {
    Path out = tmp.resolve("earlier");
    assertThat(CliRun.of("complete", ratings.toString(), "--iters", "60", "--out", out.toString()).status()).isZero();
    assertThat(out.resolve("summary.json")).exists();
    CliRun diverged = CliRun.of("complete", ratings.toString(), "--step-fraction", "1e6", "--out", out.toString());
    oneLine(diverged, 1, "complete");
    assertThat(out.resolve("summary.json")).as("a failed run must not leave the old marker").doesNotExist();
    try (var files = Files.walk(out)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".lowrank-tmp-"));
    }
  }

  @Test
  void divergenceIsExitOneWithIterationAndKnobOnEveryCommand() throws IOException {
    oneLine(CliRun.of("sense", "--n", "10", "--r", "1", "--m", "100", "--step-fraction", "50"), 1, "sense");
    CliRun c = CliRun.of("complete", ratings.toString(), "--step-fraction", "50");
    oneLine(c, 1, "complete");
    assertThat(c.err()).contains("diverged at iteration ").contains("reduce --step-fraction (now 50)");
  }

  @Test
  void hugeDataIsRefusedAsDataNotAsAStepProblem() throws IOException {
    CliRun noise = CliRun.of("sense", "--n", "10", "--r", "1", "--m", "100", "--noise", "1e300");
    oneLine(noise, 2, "sense");
    assertThat(noise.err()).contains("reach magnitude").contains("the step size is not the cause")
        .doesNotContain("reduce --step");
    Path inst = tmp.resolve("inst");
    assertThat(CliRun.of("sense", "--n", "6", "--r", "1", "--m", "50", "--iters", "0", "--save-instance",
        inst.toString()).status()).isZero();
    var y = Npy.read(inst.resolve("y.npy"));
    double[] big = y.data().clone();
    for (int k = 0; k < big.length; k++) {
      big[k] *= 1e300;
    }
    Npy.write(inst.resolve("y.npy"), big, big.length);
    CliRun scaled = CliRun.of("sense", "--load-instance", inst.toString());
    oneLine(scaled, 2, "sense");
    assertThat(scaled.err()).contains("y.npy (the measurements) reach magnitude");
  }

  @Test
  void aHoldOutThatLeavesNothingToFitGivesTheBaselineNotAStepError() {
    CliRun run = CliRun.of("complete", ratings.toString(), "--hold-out", "0.999", "--out", tmp.resolve("ho").toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("nothing left for the factors to fit").doesNotContain("NaN");
    assertThat(run.err()).doesNotContain("step size");
  }

  @Test
  void outputsThatCannotFitTheDiskAreRefusedBeforeTheComputation() throws IOException {
    Path dir = tmp.resolve("space");
    Files.createDirectories(dir);
    OutputDirs.requireSpace(dir, 1000, "--out"); // a few kilobytes always fit
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> OutputDirs.requireSpace(dir.resolve("not/yet"),
        Long.MAX_VALUE / 4, "--out")).hasMessageContaining("--out " + dir.resolve("not/yet") + ": its file system has ")
        .hasMessageContaining(" free but the outputs need about ").hasMessageContaining("; accepted: free some space");
  }

  @Test
  void aFullDiskNamesTheFileAndSaysNothingPartialWasLeft() {
    CliRun run = CliRun.with(cl -> cl.addSubcommand("full", new FullDisk()), "full");
    oneLine(run, 2, "full");
    assertThat(run.err()).contains("the disk is full (writing /data/out/history.csv): No space left on device; free some space");
  }

  @picocli.CommandLine.Command(name = "full")
  static final class FullDisk implements java.util.concurrent.Callable<Integer> {
    @Override
    public Integer call() throws IOException {
      throw new FileSystemException("/data/out/history.csv", null, "No space left on device");
    }
  }

  @Test
  void unusableInputPathsSayWhatThePathIs() {
    CliRun dir = CliRun.of("complete", tmp.toString());
    oneLine(dir, 2, "complete");
    assertThat(dir.err()).contains(" is a directory; ");
    CliRun dev = CliRun.of("complete", "/dev/null");
    oneLine(dev, 2, "complete");
    assertThat(dev.err()).contains("/dev/null is not a regular file (a device, pipe or socket)");
    CliRun spec = CliRun.of("run", "/dev/null");
    oneLine(spec, 2, "run");
    CliRun img = CliRun.of("inpaint", "/dev/null");
    oneLine(img, 2, "inpaint");
  }
}
