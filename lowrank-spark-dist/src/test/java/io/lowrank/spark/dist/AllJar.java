package io.lowrank.spark.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs {@code java -jar target/lowrank-spark-*-all.jar args} (the shaded jar of this module) in a directory. */
final class AllJar {
  private AllJar() {}

  /** What a finished run printed and returned. */
  record Result(int status, String out, String err) {}

  /** The shaded jar (the integration tests run after {@code package}). */
  static Path jar() throws IOException {
    try (Stream<Path> s = Files.list(Path.of("target"))) {
      return s.filter(p -> p.getFileName().toString().matches("lowrank-spark-.*-all\\.jar")).findFirst()
          .orElseThrow(() -> new AssertionError("no target/lowrank-spark-*-all.jar: run mvn verify (package first)"))
          .toAbsolutePath();
    }
  }

  /** Runs the jar in {@code dir} with plain {@code java -jar} (its manifest opens what Spark needs). */
  static Result run(Path dir, List<String> args) throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "stdout", ".txt");
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-jar", jar().toString()));
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
