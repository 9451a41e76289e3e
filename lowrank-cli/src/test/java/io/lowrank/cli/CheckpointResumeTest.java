package io.lowrank.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowrank.experiment.output.CheckpointFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code complete --checkpoint DIR [--resume]} across real process deaths: a fit stopped by Ctrl-C
 * exits 130 and says how to continue, the resumed fit killed outright (SIGKILL, no chance to write
 * anything) continues from its last periodic checkpoint, and the third process ends with factors
 * byte-identical to a fit that was never stopped. Bad uses of the options get one line, exit 2.
 */
class CheckpointResumeTest {
  @TempDir
  Path dir;

  /** A planted rank-3 ratings file, 900 x 600 observed at 10 %, string ids, noise. */
  private Path ratings() throws IOException {
    int n1 = 900;
    int n2 = 600;
    int r = 3;
    SplittableRandom rng = new SplittableRandom(41);
    double[] a = new double[n1 * r];
    double[] b = new double[n2 * r];
    for (int i = 0; i < a.length; i++) {
      a[i] = rng.nextGaussian();
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = rng.nextGaussian();
    }
    List<String> lines = new ArrayList<>();
    lines.add("user,item,rating");
    for (int i = 0; i < n1; i++) {
      for (int j = 0; j < n2; j++) {
        if (rng.nextDouble() < 0.1) {
          double v = 3 + 0.1 * rng.nextGaussian();
          for (int k = 0; k < r; k++) {
            v += a[i * r + k] * b[j * r + k] / 3;
          }
          lines.add(String.format(Locale.ROOT, "u%d,i%d,%.4f", i, j, v));
        }
      }
    }
    return Files.write(dir.resolve("ratings.csv"), lines);
  }

  private static Optional<CheckpointFile.Header> header(Path file) {
    try {
      return CheckpointFile.header(file);
    } catch (RuntimeException e) { // replaced while read: read again
      return Optional.empty();
    }
  }

  /** Waits until {@code file} holds a checkpoint beyond {@code iteration} or the process ended. */
  private static void awaitCheckpoint(Process p, Path file, int iteration) throws InterruptedException {
    while (p.isAlive() && header(file).map(h -> h.iteration() <= iteration).orElse(true)) {
      Thread.sleep(2);
    }
  }

  @Test
  void aFitStoppedByCtrlCThenKilledResumesToTheUninterruptedFactors() throws Exception {
    Path data = ratings();
    List<String> common = List.of("complete", data.toString(), "--patience", "600", "--threads", "1");
    CliRun reference = CliRun.of(concat(common, "--out", dir.resolve("ref").toString()).toArray(String[]::new));
    assertThat(reference.status()).as(reference.err()).isZero();
    Path fit = dir.resolve("ckpt/fit.ckpt");

    List<String> args = concat(common, "--checkpoint", "ckpt", "--checkpoint-every", "10", "--out", "out");
    Process first = ChildJvm.start(dir, args);
    awaitCheckpoint(first, fit, 20);
    assertThat(first.isAlive()).as("still fitting after its second checkpoint").isTrue();
    // Ctrl-C; where this process tree ignores SIGINT (started in the background), SIGTERM, which the
    // CLI handles the same way
    ChildJvm.send(first, ChildJvm.ignores(first, "INT") ? "TERM" : "INT");
    assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(first.exitValue()).as(stderr(dir)).isEqualTo(Main.EXIT_INTERRUPTED);
    assertThat(stderr(dir)).contains("rerun with --resume to continue from ckpt");
    int before = header(fit).orElseThrow().iteration();

    List<String> resume = concat(common, "--checkpoint", "ckpt", "--checkpoint-every", "10", "--resume", "--out", "out");
    Process second = ChildJvm.start(dir, resume);
    awaitCheckpoint(second, fit, before + 30);
    assertThat(second.isAlive()).as("still fitting 30 iterations after it resumed").isTrue();
    second.destroyForcibly(); // SIGKILL: whatever it had not checkpointed is lost
    assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();

    ChildJvm.Result third = ChildJvm.run(dir, resume);
    assertThat(third.status()).as(third.err()).isZero();
    assertThat(third.err()).contains("lowrank complete: resuming the fit from iteration");
    for (String f : List.of("L.npy", "R.npy", "row_bias.npy", "col_bias.npy")) {
      assertThat(Files.readAllBytes(dir.resolve("out").resolve(f))).as(f)
          .isEqualTo(Files.readAllBytes(dir.resolve("ref").resolve(f)));
    }
  }

  @Test
  void badUsesOfTheOptionsGetOneLine() throws Exception {
    Path data = Files.writeString(dir.resolve("r.csv"), "u,i,r\na,x,1\na,y,2\nb,x,3\nb,y,4\nc,x,5\nc,y,1\n");
    assertOneLine(CliRun.of("complete", data.toString(), "--resume"), "--resume needs --checkpoint DIR");
    assertOneLine(CliRun.of("complete", data.toString(), "--checkpoint-every", "5"), "--checkpoint-every needs --checkpoint DIR");
    assertOneLine(CliRun.of("complete", data.toString(), "--checkpoint", dir.resolve("c").toString(), "--checkpoint-every", "0"),
        "--checkpoint-every");
    assertOneLine(CliRun.of("complete", data.toString(), "--checkpoint", data.toString()), "is a file");
    assertOneLine(CliRun.of("complete", "--load-model", dir.toString(), "--top-k", "2", "--out", dir.resolve("o").toString(),
        "--checkpoint", dir.resolve("c").toString()), "--checkpoint has no effect with --load-model");
    Files.createDirectories(dir.resolve("bad"));
    Files.writeString(dir.resolve("bad/fit.ckpt"), "not a checkpoint");
    assertOneLine(CliRun.of("complete", data.toString(), "--checkpoint", dir.resolve("bad").toString(), "--resume"),
        "is damaged: it is not a lowrank checkpoint");
  }

  private static void assertOneLine(CliRun r, String expected) {
    assertThat(r.status()).as(r.err()).isEqualTo(Main.EXIT_BAD_INPUT);
    assertThat(r.err().strip().lines().toList()).as(r.err()).hasSize(1);
    assertThat(r.err()).startsWith("lowrank complete: error: ").contains(expected);
  }

  private static List<String> concat(List<String> a, String... more) {
    List<String> out = new ArrayList<>(a);
    out.addAll(List.of(more));
    return out;
  }

  private static String stderr(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return Files.readString(files.filter(f -> f.getFileName().toString().startsWith("stderr")).findFirst().orElseThrow());
    }
  }
}
