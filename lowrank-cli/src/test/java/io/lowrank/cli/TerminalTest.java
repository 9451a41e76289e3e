package io.lowrank.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI on a real terminal (a pseudo-terminal from util-linux {@code script}): a progress bar and
 * coloured verdicts by default; not one escape sequence with {@code NO_COLOR} or {@code --no-color};
 * the claims table within 100 columns. Skipped (with the reason) where {@code script} is missing.
 */
class TerminalTest {
  @TempDir
  Path dir;

  private static final String ESC = "\u001b[";

  @Test
  void coloursOnATerminalAndNoEscapeWithNoColor() throws Exception {
    String coloured = onTerminal(Map.of(), "c");
    assertThat(coloured).contains(ESC + "32mPASS"); // the verdict, green
    assertThat(coloured).contains("runs"); // the progress bar
    assertThat(coloured).contains("claim (measured below)");
    for (String line : coloured.replace("\r\n", "\n").split("\n")) {
      String plain = line.replaceAll("\u001b\\[[0-9;]*m", "");
      if (!plain.contains("\r")) { // progress bar redraws are not table lines
        assertThat(plain.length()).as(plain).isLessThanOrEqualTo(Terminal.TABLE_WIDTH);
      }
    }

    String noColor = onTerminal(Map.of("NO_COLOR", "1"), "n");
    assertThat(noColor).contains("PASS").doesNotContain("\u001b");
    String option = onTerminal(Map.of(), "o", "--no-color");
    assertThat(option).contains("PASS").doesNotContain("\u001b");
  }

  /** What the terminal shows of {@code lowrank reproduce --quick --claims 2 --seeds 1} run in a pseudo-terminal. */
  private String onTerminal(Map<String, String> env, String out, String... extra) throws Exception {
    Path script = Path.of("/usr/bin/script");
    Assumptions.assumeTrue(Files.isExecutable(script), "needs util-linux script(1) for a pseudo-terminal");
    List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.lowrank.cli.Main", "reproduce", "--quick", "--claims", "2",
        "--seeds", "1", "--out", out));
    java.addAll(List.of(extra));
    String command = String.join(" ", java.stream().map(a -> "'" + a.replace("'", "'\\''") + "'").toList());
    Path typescript = dir.resolve(out + ".txt");
    ProcessBuilder pb = new ProcessBuilder(script.toString(), "-qfec", command, "/dev/null").directory(dir.toFile())
        .redirectOutput(typescript.toFile()).redirectErrorStream(true);
    pb.environment().remove("NO_COLOR");
    pb.environment().put("TERM", "xterm-256color");
    pb.environment().putAll(env);
    Process p = pb.start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    String shown = Files.readString(typescript);
    Assumptions.assumeFalse(shown.contains("failed to create pseudo terminal"), "no pseudo-terminal here");
    assertThat(p.exitValue()).as(shown).isZero();
    return shown;
  }
}
