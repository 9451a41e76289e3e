package io.lowrank.experiment.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowrank.experiment.formats.AtomicFiles;
import io.lowrank.experiment.formats.BadInputException;
import io.lowrank.experiment.run.RunResult;
import io.lowrank.experiment.run.Runner;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.spec.SpecFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs saved to disk come back equal in every recorded number; a cut-short run is not complete. */
class RunStoreTest {
  @TempDir
  Path dir;

  static RunSpec spec(String extra) {
    return spec("{iterations: 120}", extra);
  }

  static RunSpec spec(String stop, String extra) {
    return SpecFiles.parse("problem: {n: 10, r: 1, m: 100, noise: 0.01}\ninit: {alpha: 1e-4}\nstop: " + stop + "\n"
        + "record: {every: 3, probes: phases}\n" + extra, "t").bind();
  }

  static void assertSame(RunResult a, RunResult b) {
    assertThat(b.spec()).isEqualTo(a.spec());
    assertThat(b.history().columns()).isEqualTo(a.history().columns());
    for (String c : a.history().columns()) {
      assertThat(b.history().column(c)).as(c).containsExactly(a.history().column(c));
    }
    assertThat(b.solve()).isEqualTo(a.solve());
    assertThat(b.phases()).isEqualTo(a.phases());
    assertThat(b.stepSize()).isEqualTo(a.stepSize());
    assertThat(Double.doubleToLongBits(b.spectralTruthAngle())).isEqualTo(Double.doubleToLongBits(a.spectralTruthAngle()));
    assertThat(b.wallSeconds()).isEqualTo(a.wallSeconds());
  }

  @Test
  void aSavedRunLoadsBackBitForBit() throws IOException {
    RunSpec s = spec("");
    RunResult r = new Runner(1).run(s);
    RunStore store = new RunStore(dir, "test", "dev");
    assertThat(store.load(s)).isEmpty();
    store.save(s, r);
    assertSame(r, store.load(s).orElseThrow());
    assertThat(r.phases()).isNotNull();
  }

  @Test
  void earlyStoppingRoundTrips() throws IOException {
    RunSpec s = spec("{iterations: 200, early_stopping: {hold_out: 0.2, patience: 30, every: 6}}", "");
    RunResult r = new Runner(1).run(s);
    RunStore store = new RunStore(dir, "test", "dev");
    store.save(s, r);
    RunResult back = store.load(s).orElseThrow();
    assertSame(r, back);
    assertThat(back.earlyStop().chosenIteration()).isEqualTo(r.earlyStop().chosenIteration());
    assertThat(back.earlyStop().stopIteration()).isEqualTo(r.earlyStop().stopIteration());
    assertThat(back.earlyStop().validationMse()).containsExactly(r.earlyStop().validationMse());
    assertThat(back.earlyStop().iterations()).containsExactly(r.earlyStop().iterations()).isNotEmpty();
  }

  /** history.csv without summary.json is a run cut short: not complete, so it is run again. */
  @Test
  void aRunWithoutItsSummaryIsNotComplete() throws IOException {
    RunSpec s = spec("");
    RunStore store = new RunStore(dir, "test", "dev");
    store.save(s, new Runner(1).run(s));
    Files.delete(store.dir(s).resolve(RunFiles.SUMMARY));
    assertThat(store.load(s)).isEmpty();
  }

  /** A summary of another spec in the run's directory (a changed run under the same id) is not this run. */
  @Test
  void aSummaryOfAnotherSpecIsNotThisRun() throws IOException {
    RunSpec s = spec("");
    RunSpec other = spec("seed: 2\n");
    RunStore store = new RunStore(dir, "test", "dev");
    store.save(s, new Runner(1).run(s));
    Files.createDirectories(store.dir(other));
    Files.copy(store.dir(s).resolve(RunFiles.SUMMARY), store.dir(other).resolve(RunFiles.SUMMARY));
    Files.copy(store.dir(s).resolve(RunFiles.HISTORY), store.dir(other).resolve(RunFiles.HISTORY));
    assertThat(store.load(other)).isEmpty();
  }

  @Test
  void aDamagedRunIsOneLineThatSaysWhatToDo() throws IOException {
    RunSpec s = spec("");
    RunStore store = new RunStore(dir, "test", "dev");
    store.save(s, new Runner(1).run(s));
    Files.writeString(store.dir(s).resolve(RunFiles.HISTORY), "iteration,loss\n1,2,3\n");
    assertThatThrownBy(() -> store.load(s)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("cannot be read back").hasMessageContaining("--force");
  }

  /** A failure in the middle of a write leaves neither a partial file nor a temporary one. */
  @Test
  void aFailedWriteLeavesNothingBehind() throws IOException {
    Path target = dir.resolve(RunFiles.SUMMARY);
    assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
      out.write("{\"half\": ".getBytes());
      throw new IOException("disk full (injected)");
    })).hasMessageContaining("injected");
    assertThat(target).doesNotExist();
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.toList()).isEmpty();
    }
    Files.writeString(target, "{\"old\": 1}");
    assertThatThrownBy(() -> AtomicFiles.writeString(dir.resolve("x").resolve("y"), "z")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
      out.write(new byte[1000]);
      throw new IOException("killed (injected)");
    })).isInstanceOf(IOException.class);
    assertThat(Files.readString(target)).isEqualTo("{\"old\": 1}");
  }
}
