package io.lowrank.experiment.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowrank.experiment.formats.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening a job directory: fresh, resumed, another job's (refused or forced), or not lowrank's. */
class JobDirectoryTest {
  @TempDir
  Path tmp;

  static final List<String> ARTEFACTS = List.of("report.html", "summary.json");
  static final Set<String> OURS = Set.of("runs", "report.html", "summary.json");

  JobDirectory open(Path dir, String text, boolean force) throws IOException {
    return JobDirectory.open(dir, "--out", "job.yaml", text, "a job", ARTEFACTS, OURS, force);
  }

  @Test
  void freshThenResumedAndTheFinalArtefactsAreRemovedBeforeAnyRun() throws IOException {
    Path d = tmp.resolve("d");
    assertThat(open(d, "a: 1\n", false).resumed()).isFalse();
    assertThat(Files.readString(d.resolve("job.yaml"))).isEqualTo("a: 1\n");
    assertThat(Files.readString(d.resolve("job.yaml.sha256")).strip()).isEqualTo(JobDirectory.sha256("a: 1\n"));
    Files.createDirectories(d.resolve("runs/x"));
    Files.writeString(d.resolve("runs/x/summary.json"), "{}");
    Files.writeString(d.resolve("runs/x/.lowrank-tmp-history.csv-1.tmp"), "half");
    Files.writeString(d.resolve("report.html"), "stale");
    Files.writeString(d.resolve("summary.json"), "stale");
    JobDirectory again = open(d, "a: 1\n", false);
    assertThat(again.resumed()).isTrue();
    assertThat(d.resolve("runs/x/summary.json")).exists();
    assertThat(d.resolve("runs/x/.lowrank-tmp-history.csv-1.tmp")).doesNotExist();
    assertThat(d.resolve("report.html")).doesNotExist();
    assertThat(d.resolve("summary.json")).doesNotExist();
  }

  @Test
  void anotherJobIsRefusedUnlessForcedWhichClearsIt() throws IOException {
    Path d = tmp.resolve("d");
    open(d, "a: 1\n", false);
    Files.createDirectories(d.resolve("runs/x"));
    assertThatThrownBy(() -> open(d, "a: 2\n", false)).isInstanceOf(BadInputException.class)
        .hasMessage("--out " + d + " holds a job with other settings (job.yaml differs); accepted: the same command to "
            + "resume it, --force to clear it and start over, or another --out");
    JobDirectory forced = open(d, "a: 2\n", true);
    assertThat(forced.resumed()).isFalse();
    assertThat(d.resolve("runs")).doesNotExist();
    assertThat(Files.readString(d.resolve("job.yaml"))).isEqualTo("a: 2\n");
  }

  @Test
  void aDirectoryLowrankDidNotWriteIsNeverCleared() throws IOException {
    Path d = Files.createDirectories(tmp.resolve("home"));
    Files.writeString(d.resolve("thesis.tex"), "precious");
    assertThatThrownBy(() -> open(d, "a: 1\n", false)).hasMessageContaining("is not empty and holds no job.yaml");
    assertThatThrownBy(() -> open(d, "a: 1\n", true)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("holds 'thesis.tex', which lowrank did not write, so --force will not clear it");
    assertThat(Files.readString(d.resolve("thesis.tex"))).isEqualTo("precious");
    Path file = Files.writeString(tmp.resolve("f"), "x");
    assertThatThrownBy(() -> open(file, "a: 1\n", false)).hasMessageContaining("is a file, not a directory");
  }
}
