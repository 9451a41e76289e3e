package io.lowrank.experiment.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowrank.diagnostics.History;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryCsvTest {
  @TempDir
  Path dir;

  static History sample() {
    History h = new History(List.of("loss", "test_error"));
    h.append(new double[] {0, 0.1 + 0.2, Double.NaN});
    h.append(new double[] {10, 1.2345678901234568e-300, 1e20});
    h.append(new double[] {20, Double.POSITIVE_INFINITY, -0.0});
    return h;
  }

  @Test
  void headerIntegerIterationsFullPrecisionAndEmptyNaN() throws IOException {
    StringWriter w = new StringWriter();
    HistoryCsv.write(w, sample());
    assertThat(w.toString()).isEqualTo("iteration,loss,test_error\n"
        + "0,0.30000000000000004,\n"
        + "10,1.2345678901234568E-300,1.0E20\n"
        + "20,inf,-0.0\n");
  }

  @Test
  void valuesRoundTripExactlyWhateverTheDefaultLocale() throws IOException {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY);
      Path p = dir.resolve("history.csv");
      HistoryCsv.write(p, sample());
      List<String> lines = Files.readAllLines(p);
      assertThat(lines).hasSize(4);
      String[] row = lines.get(2).split(",", -1);
      assertThat(Double.parseDouble(row[1])).isEqualTo(1.2345678901234568e-300);
      assertThat(String.join("", lines)).doesNotContain("NaN");
    } finally {
      Locale.setDefault(saved);
    }
  }
}
