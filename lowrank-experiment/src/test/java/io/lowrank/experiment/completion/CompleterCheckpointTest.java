package io.lowrank.experiment.completion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowrank.experiment.formats.BadInputException;
import io.lowrank.experiment.output.CheckpointFile;
import io.lowrank.solver.Observer;
import io.lowrank.solver.StopRequest;
import io.lowrank.solver.Termination;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints of a completion fit (issue 13): a fit interrupted in its early-stopped phase or in
 * its refit and resumed from {@code fit.ckpt}/{@code refit.ckpt} gives the model of the fit that was
 * never stopped, bit for bit; a checkpoint of another run, a damaged one, or an existing one without
 * resume is refused with one line.
 */
class CompleterCheckpointTest {
  private static final int EVERY = 20;

  @TempDir
  Path dir;

  @AfterEach
  void clearStop() {
    StopRequest.clear();
  }

  private static Ratings data() {
    return CompleterTest.planted(120, 90, 3, 0.35, 0.1, 17);
  }

  private static Completer completer() {
    return Completer.builder().iterations(3000).seed(5).build();
  }

  private static void assertSameModel(CompletionModel a, CompletionModel b) {
    assertThat(a.left().data()).isEqualTo(b.left().data());
    assertThat(a.right().data()).isEqualTo(b.right().data());
    assertThat(a.summary().iterations()).isEqualTo(b.summary().iterations());
    assertThat(a.summary().validationRmse()).isEqualTo(b.summary().validationRmse());
    assertThat(a.history().validationRmse()).containsExactly(b.history().validationRmse());
    assertThat(a.singularValues()).isEqualTo(b.singularValues());
  }

  @Test
  void aFitInterruptedInItsFirstPhaseResumesToTheUninterruptedModel() {
    Ratings data = data();
    Completer.Fit whole = completer().fitDetailed(data);
    assertThat(whole.refit()).isNotNull();
    int cut = 2 * EVERY + 15; // seen by the observer (cadence 5), between two checkpoints
    assertThat(whole.first().solve().iterations()).isGreaterThan(cut);
    Observer stopper = (t, s, nanos) -> {
      if (t == cut) {
        StopRequest.request();
      }
    };
    Completer.Checkpoints ck = new Completer.Checkpoints(dir, EVERY, false);
    Completer.Fit stopped = completer().observedBy(List.of(stopper)).checkpoints(ck).fitDetailed(data);
    assertThat(stopped.first().solve().termination()).isEqualTo(Termination.INTERRUPTED);
    assertThat(stopped.refit()).isNull();
    assertThat(Files.exists(ck.file("fit"))).isTrue();
    assertThat(Files.exists(ck.file("refit"))).isFalse();
    StopRequest.clear();
    // without resume, an existing checkpoint is refused rather than overwritten
    assertThatThrownBy(() -> completer().checkpoints(ck).fitDetailed(data)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("already holds a checkpoint (iteration " + cut + " of run ratings-gd")
        .hasMessageContaining("pass --resume to continue it");
    Completer resuming = completer().checkpoints(new Completer.Checkpoints(dir, EVERY, true));
    Completer.Fit resumed = resuming.fitDetailed(data);
    assertSameModel(resumed.model(), whole.model());
    assertThat(resumed.first().chosenIteration()).isEqualTo(whole.first().chosenIteration());
    assertThat(resumed.first().validationRmse()).isEqualTo(whole.first().validationRmse());
    // both checkpoints now record the end: resuming again reproduces the model without stepping
    assertSameModel(resuming.fitDetailed(data).model(), whole.model());
  }

  @Test
  void aFitInterruptedInItsRefitResumesToTheUninterruptedModel() throws Exception {
    Ratings data = data();
    CompletionModel whole = completer().fit(data);
    Completer.Checkpoints ck = new Completer.Checkpoints(dir, 5, false);
    Path refit = ck.file("refit");
    AtomicBoolean cut = new AtomicBoolean();
    Thread watcher = new Thread(() -> { // stops the process as soon as the refit wrote its first checkpoint
      while (!cut.get() && !Thread.currentThread().isInterrupted()) {
        if (Files.exists(refit)) {
          StopRequest.request();
          cut.set(true);
        }
        Thread.onSpinWait();
      }
    });
    watcher.start();
    Completer.Fit stopped;
    try {
      stopped = completer().checkpoints(ck).fitDetailed(data);
    } finally {
      watcher.interrupt();
      watcher.join();
    }
    assertThat(cut.get()).isTrue();
    assertThat(stopped.refit().solve().termination()).isEqualTo(Termination.INTERRUPTED);
    assertThat(stopped.refit().solve().iterations()).isLessThan(whole.summary().iterations());
    StopRequest.clear();
    CompletionModel resumed = completer().checkpoints(new Completer.Checkpoints(dir, 5, true)).fit(data);
    assertSameModel(resumed, whole);
  }

  @Test
  void checkpointsOfAnotherRunOrDamagedOnesAreRefused() throws Exception {
    Ratings data = data();
    Completer.Checkpoints ck = new Completer.Checkpoints(dir, EVERY, true);
    Completer.builder().iterations(60).seed(5).refit(false).build().checkpoints(ck).fit(data);
    assertThat(Files.exists(ck.file("fit"))).isTrue();
    assertThatThrownBy(() -> Completer.builder().iterations(60).seed(6).refit(false).build().checkpoints(ck).fit(data))
        .isInstanceOf(BadInputException.class).hasMessageContaining("is the checkpoint of another run")
        .hasMessageContaining("resume with the input and options it was written with");
    // the same run on other data of the same name (an edited file, another planted set) is another run
    Ratings other = CompleterTest.planted(120, 90, 3, 0.35, 0.1, 18);
    assertThat(other.name()).isEqualTo(data.name());
    assertThatThrownBy(() -> Completer.builder().iterations(60).seed(5).refit(false).build().checkpoints(ck).fit(other))
        .isInstanceOf(BadInputException.class).hasMessageContaining("or the same run on other data");
    // the thread count is not part of a run's identity: its results do not depend on it
    Completer.builder().iterations(60).seed(5).threads(2).refit(false).build().checkpoints(ck).fit(data);
    byte[] good = Files.readAllBytes(ck.file("fit"));
    byte[] flipped = good.clone();
    flipped[good.length / 2] ^= 1;
    Files.write(ck.file("fit"), flipped);
    assertThatThrownBy(() -> completer().checkpoints(ck).fit(data)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("is damaged: its checksum does not match").hasMessageContaining("delete it");
    Files.write(ck.file("fit"), java.util.Arrays.copyOf(good, good.length - 9));
    assertThatThrownBy(() -> completer().checkpoints(ck).fit(data)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("is damaged: it ends early");
    Files.writeString(ck.file("fit"), "user,item,rating\n");
    assertThatThrownBy(() -> completer().checkpoints(ck).fit(data)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("is damaged: it is not a lowrank checkpoint");
    assertThatThrownBy(() -> new Completer.Checkpoints(dir, 0, true)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("cadence must be >= 1");
    assertThat(ck.file("fit").getFileName().toString()).endsWith(CheckpointFile.SUFFIX);
  }
}
