package io.lowrank.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code java -cp <this test classpath> io.lowrank.cli.Main args} as a separate process in a directory. */
final class ChildJvm {
  private ChildJvm() {}

  /** What a finished child printed and returned. */
  record Result(int status, String out, String err) {}

  /** Starts the CLI in {@code dir}; stdout and stderr go to files there. */
  static Process start(Path dir, List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-cp", System.getProperty("java.class.path"), "io.lowrank.cli.Main"));
    cmd.addAll(args);
    Path out = Files.createTempFile(dir, "stdout", ".txt");
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    return new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile())
        .start();
  }

  /**
   * True when {@code p} ignores SIG{@code signal} ("INT" or "TERM"), as the children of a process
   * started in the background by a non-interactive shell ignore SIGINT: the JVM then never sees it.
   * False when /proc is absent (the signal is then assumed to arrive).
   */
  static boolean ignores(Process p, String signal) throws IOException {
    Path status = Path.of("/proc/" + p.pid() + "/status");
    if (!Files.exists(status)) {
      return false;
    }
    long ignored = Files.readAllLines(status).stream().filter(l -> l.startsWith("SigIgn:"))
        .map(l -> Long.parseUnsignedLong(l.substring(7).strip(), 16)).findFirst().orElse(0L);
    int number = signal.equals("INT") ? 2 : 15;
    return (ignored >> (number - 1) & 1) == 1;
  }

  /** Sends SIG{@code signal} to {@code p} with kill(1). */
  static void send(Process p, String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new AssertionError("kill -" + signal + " " + p.pid() + " failed");
    }
  }

  /** Runs the CLI in {@code dir} to its end (at most 10 minutes). */
  static Result run(Path dir, List<String> args) throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "stdout", ".txt");
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.lowrank.cli.Main"));
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile())
        .redirectError(err.toFile()).start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + args);
    }
    Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    Files.delete(out);
    Files.delete(err);
    return r;
  }
}
