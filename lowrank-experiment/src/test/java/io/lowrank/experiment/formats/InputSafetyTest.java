package io.lowrank.experiment.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic writes, input path checks and the size checks made before reading. */
class InputSafetyTest {
  @TempDir
  Path tmp;

  @Test
  void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
    Path target = tmp.resolve("history.csv");
    Files.writeString(target, "old\n");
    assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
      out.write(new byte[100_000]);
      throw new IOException("No space left on device");
    })).isInstanceOf(java.nio.file.FileSystemException.class).hasMessageContaining(target.toString())
        .hasMessageContaining("No space left on device");
    assertThat(Files.readString(target)).isEqualTo("old\n");
    try (Stream<Path> files = Files.list(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("history.csv");
    }
  }

  @Test
  void pngsAreWrittenAtomically() throws IOException {
    Path png = tmp.resolve("a.png");
    Images.writePng(png, new Images.Picture(3, 2, new double[][] {{0, 0.5, 1, 1, 0.5, 0}}));
    assertThat(Images.read(png).planes()[0]).hasSize(6);
    try (Stream<Path> files = Files.list(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("a.png");
    }
  }

  @Test
  void eachKindOfUnusablePathHasItsOwnMessage() throws IOException, InterruptedException {
    assertThatThrownBy(() -> InputFiles.requireRegular(tmp.resolve("nope.csv"), "a CSV file"))
        .hasMessageEndingWith("nope.csv does not exist; accepted: a CSV file");
    assertThatThrownBy(() -> InputFiles.requireRegular(tmp, "a CSV file")).hasMessageContaining(" is a directory; ");
    assertThatThrownBy(() -> InputFiles.requireRegular(Path.of("/dev/null"), "a CSV file"))
        .hasMessage("/dev/null is not a regular file (a device, pipe or socket); accepted: a CSV file");
    Path fifo = tmp.resolve("fifo");
    if (new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0) {
      assertThatThrownBy(() -> TextFiles.reader(fifo)).hasMessageContaining("fifo is not a regular file");
      assertThatThrownBy(() -> Npy.read(fifo)).hasMessageContaining("fifo is not a regular file");
    }
    Path link = tmp.resolve("link.csv");
    Files.createSymbolicLink(link, tmp.resolve("gone.csv"));
    assertThatThrownBy(() -> InputFiles.requireRegular(link, "a CSV file")).hasMessageContaining("is a broken symbolic link");
  }

  @Test
  void matrixMarketSizeLineIsCheckedBeforeAnyIdIsBuilt() throws IOException {
    Path mtx = tmp.resolve("huge.mtx");
    Files.writeString(mtx, "%%MatrixMarket matrix coordinate real general\n% comment\n10000000 10000000 2\n1 1 1.5\n2 2 2.5\n");
    List<long[]> seen = new ArrayList<>();
    long start = System.nanoTime();
    assertThatThrownBy(() -> TripletFiles.read(mtx, TripletFiles.Duplicates.ERROR, TripletFiles.Layout.TRIPLES,
        (rows, cols, entries, source) -> {
          seen.add(new long[] {rows, cols, entries});
          throw new IllegalArgumentException(source + ": too large");
        })).hasMessage(mtx + " line 3 (a 10000000 x 10000000 matrix with 2 entries): too large");
    assertThat((System.nanoTime() - start) * 1e-9).as("seconds to refuse").isLessThan(1.0);
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0)).containsExactly(10_000_000, 10_000_000, 2);
  }

  @Test
  void symmetricMatrixMarketCountsMirroredEntries() throws IOException {
    Path mtx = tmp.resolve("sym.mtx");
    Files.writeString(mtx, "%%MatrixMarket matrix coordinate real symmetric\n3 3 2\n2 1 1.5\n3 3 2.5\n");
    long[] seen = new long[3];
    TripletFiles.Data d = TripletFiles.read(mtx, TripletFiles.Duplicates.ERROR, TripletFiles.Layout.TRIPLES,
        (rows, cols, entries, source) -> seen[2] = entries);
    assertThat(seen[2]).isEqualTo(4);
    assertThat(d.entries().size()).isEqualTo(3);
  }

  @Test
  void largeCsvEntriesAreEstimatedFromTheFileSizeBeforeParsing() throws IOException {
    Path csv = tmp.resolve("big.csv");
    Random rng = new Random(7);
    StringBuilder sb = new StringBuilder();
    int lines = 300_000;
    for (int k = 0; k < lines; k++) {
      sb.append(rng.nextInt(5000)).append(',').append(k).append(',').append(1 + rng.nextInt(5)).append('\n');
    }
    Files.writeString(csv, sb, StandardCharsets.UTF_8);
    assertThat(Files.size(csv)).isGreaterThan(TripletFiles.SAMPLE_BYTES);
    long[] estimate = new long[1];
    TripletFiles.Data d = TripletFiles.read(csv, TripletFiles.Duplicates.ERROR, TripletFiles.Layout.TRIPLES,
        (rows, cols, entries, source) -> estimate[0] = entries);
    assertThat(d.entries().size()).isEqualTo(lines);
    assertThat((double) estimate[0]).as("estimated entries").isCloseTo(lines, org.assertj.core.data.Percentage.withPercentage(10));
  }

  @Test
  void smallCsvIsNotEstimated() throws IOException {
    Path csv = tmp.resolve("small.csv");
    Files.writeString(csv, "a,b,1\nc,d,2\n");
    boolean[] called = new boolean[1];
    TripletFiles.read(csv, TripletFiles.Duplicates.ERROR, TripletFiles.Layout.TRIPLES, (r, c, e, s) -> called[0] = true);
    assertThat(called[0]).isFalse();
  }

  @Test
  void messagesQuoteAtMostEightyCharactersOfALongLine() throws IOException {
    Path csv = tmp.resolve("long.csv");
    String value = "9".repeat(50_000) + "x";
    Files.writeString(csv, "1,2,3\n1,3," + value + "\n");
    assertThatThrownBy(() -> TripletFiles.read(csv, TripletFiles.Duplicates.ERROR))
        .satisfies(e -> {
          String m = e.getMessage();
          assertThat(m).contains("line 2").doesNotContain("9".repeat(61)).hasSizeLessThan(400);
          assertThat(m.chars().filter(ch -> ch == '9').count()).as("digits of the input quoted").isLessThanOrEqualTo(80);
        });
  }
}
