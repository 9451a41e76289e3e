package io.lowrank.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/python.md: its snippet (also shipped as docs/python-snippet.py) loads a run's summary.json,
 * history.csv and U.npy with NumPy and checks them against each other. Run whenever python3 with
 * NumPy is installed; skipped with the reason otherwise.
 */
class PythonInteropTest {
  @TempDir
  Path dir;

  @Test
  void theDocumentedSnippetReadsARunWithNumpy() throws Exception {
    String doc = Files.readString(ReadmeCommandsTest.ROOT.resolve("docs/python.md"), StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("```python\\n(.*?)```", Pattern.DOTALL).matcher(doc);
    assertThat(m.find()).isTrue();
    String snippet = m.group(1);
    assertThat(Files.readString(ReadmeCommandsTest.ROOT.resolve("docs/python-snippet.py"), StandardCharsets.UTF_8))
        .as("docs/python-snippet.py is the snippet of docs/python.md").isEqualTo(snippet);
    Assumptions.assumeTrue(numpyAvailable(), "python3 with numpy is not installed: the snippet is not run");

    CliRun run = CliRun.of("sense", "--n", "40", "--r", "2", "--out", dir.resolve("run").toString());
    assertThat(run.status()).as(run.err()).isZero();
    Path script = Files.writeString(dir.resolve("snippet.py"), snippet);
    Process p = new ProcessBuilder("python3", script.toString(), "run").directory(dir.toFile())
        .redirectErrorStream(true).start();
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("termination MAX_ITERATIONS after 2000 iterations")
        .contains("U is 40 x 40; numerical rank of UU^T: 2 (planted r = 2)");
  }

  private static boolean numpyAvailable() {
    try {
      Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (java.io.IOException | InterruptedException e) {
      return false;
    }
  }
}
