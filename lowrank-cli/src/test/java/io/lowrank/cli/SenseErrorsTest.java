package io.lowrank.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowrank.experiment.formats.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine.Command;

/** Every bad input: exit status 2 and exactly one line on stderr, never a stack trace. */
class SenseErrorsTest {
  @TempDir
  static Path tmp;
  static Path instance;

  @BeforeAll
  static void saveSmallInstance() {
    instance = tmp.resolve("inst");
    CliRun run = CliRun.of("sense", "--n", "6", "--r", "1", "--m", "50", "--iters", "0",
        "--save-instance", instance.toString());
    assertThat(run.status()).as(run.err()).isZero();
  }

  static Stream<Arguments> badOptions() {
    return Stream.of(
        Arguments.of("--width 0", "--width 0 is invalid; accepted: 1 <= width <= n = 40"),
        Arguments.of("--width 41 --n 40", "--width 41 is invalid; accepted: 1 <= width <= n = 40"),
        Arguments.of("--m -5", "--m -5 is invalid; accepted: an integer >= 1"),
        Arguments.of("--alpha nan", "invalid value for option '--alpha': 'nan' is not a decimal number"),
        Arguments.of("--alpha NaN", "--alpha NaN is invalid; accepted: a finite number > 0"),
        Arguments.of("--alpha -1", "--alpha -1 is invalid; accepted: a finite number > 0"),
        Arguments.of("--kappa 0.5", "--kappa 0.5 is invalid; accepted: 1 <= kappa <= 1e12"),
        Arguments.of("--r 50 --n 40", "--r 50 is invalid; accepted: 1 <= r <= n = 40"),
        Arguments.of("--n abc", "invalid value for option '--n': 'abc' is not an int; try 'lowrank sense --help'"),
        Arguments.of("--n 0", "--n 0 is invalid"),
        Arguments.of("--noise -0.1", "--noise -0.1 is invalid"),
        Arguments.of("--tol 1", "--tol 1 is invalid; accepted: 0 <= tolerance < 1"),
        Arguments.of("--iters -3", "--iters -3 is invalid"),
        Arguments.of("--record-every 0", "--record-every 0 is invalid"),
        Arguments.of("--time-limit -1", "--time-limit -1 is invalid"),
        Arguments.of("--step 0", "--step 0 is invalid"),
        Arguments.of("--step 0.1 --step-fraction 0.2", "--step 0.1: step and step_fraction were both given"),
        Arguments.of("--spacing cubic", "--spacing cubic is invalid; accepted: geometric, linear"),
        Arguments.of("--precision float16", "--precision float16 is invalid; accepted: float64, float32, bf16, int8"),
        Arguments.of("--threads 0", "--threads 0 is invalid; accepted: 1 <= threads <= 256"),
        Arguments.of("--bogus", "unknown option '--bogus'"),
        Arguments.of("--n 2000 --m 1000000", "reduce m or n"),
        Arguments.of("--widht 3", "unknown option '--widht'; did you mean --width?"),
        Arguments.of("--method als", "--method als alternates between the factors L and R"),
        Arguments.of("--method scaledgd", "width: scaledgd is exact-rank ScaledGD"),
        Arguments.of("--model completion --precision int8", "--precision int8 storage is for generated goe, asymmetric and rank-one operators; completion observes entries directly"),
        Arguments.of("--model structured --precision float32", "structured stores no operator"),
        Arguments.of("--model structured --n 30000 --m 100 --width 2", "structured sensing for n = 30000, m = 100"),
        Arguments.of("--model rank-one --threads 2", "--threads 2: rank-one has no multi-threaded pass"),
        Arguments.of("--model completion --m 100", "--m 100: only for model goe, asymmetric, rank-one or structured, not completion; accepted: set problem.model to"),
        Arguments.of("--p 0.3", "--p 0.3: only for model completion, not goe; accepted: set problem.model to completion"),
        Arguments.of("--lambda 0.1", "--lambda 0.1: only for method scaledgd-lambda, not gd; accepted: set method.name to scaledgd-lambda"),
        Arguments.of("--kappa 3 --set problem.kappa=4", "--set problem.kappa=4: problem.kappa is already given by --kappa 3; accepted: give each key once"),
        Arguments.of("--set seed=2 --set seed=3", "--set seed=3: seed is already given by --set seed=2"),
        Arguments.of("--model circle", "--model circle is not known; accepted: goe, asymmetric, rank-one"),
        Arguments.of("--init missing.npy", "missing.npy"),
        Arguments.of("--beta 1e-3", "--beta 0.001: beta is the scale of R_0, but goe is a symmetric model"),
        Arguments.of("--set problem.nn=3", "--set problem.nn=3: problem.nn: unknown key in problem; accepted: kappa, m"),
        Arguments.of("--set n=abc", "--set n=abc: problem.n: 'abc' is invalid; accepted: an integer"),
        Arguments.of("--set nonsense", "--set nonsense is invalid; accepted: --set key.path=value"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badOptions")
  void badOptionIsOneLineAndExit2(String args, String fragment) {
    String[] argv = Stream.concat(Stream.of("sense"), Arrays.stream(args.split(" "))).toArray(String[]::new);
    assertOneLineError(CliRun.of(argv), fragment);
  }

  @Test
  void hugeInstanceMessageGivesTheNumbers() {
    CliRun run = CliRun.of("sense", "--n", "2000", "--m", "1000000");
    assertOneLineError(run, "2001000000000 doubles");
    assertThat(run.err()).contains("TiB").contains("reduce m or n");
  }

  @Test
  void missingInstanceDirectory() {
    assertOneLineError(CliRun.of("sense", "--load-instance", tmp.resolve("nope").toString()),
        "nope does not exist");
  }

  @Test
  void truncatedNpy() throws IOException {
    Path dir = copyInstance("truncated");
    Path a = dir.resolve("A.npy");
    byte[] bytes = Files.readAllBytes(a);
    Files.write(a, Arrays.copyOf(bytes, bytes.length - 8 * 300));
    assertOneLineError(CliRun.of("sense", "--load-instance", dir.toString()),
        "A.npy holds 1500 of 1800 values; the file is truncated");
  }

  @Test
  void wronglyShapedNpy() throws IOException {
    Path dir = copyInstance("shape");
    Npy.write(dir.resolve("A.npy"), new double[50 * 6 * 7], 50, 6, 7);
    assertOneLineError(CliRun.of("sense", "--load-instance", dir.toString()),
        "A.npy has shape (50, 6, 7); expected (m, n, n)");
    Path dir2 = copyInstance("shape-y");
    Npy.write(dir2.resolve("y.npy"), new double[49], 49);
    assertOneLineError(CliRun.of("sense", "--load-instance", dir2.toString()),
        "y.npy has shape (49,); expected (m,) = (50,)");
  }

  @Test
  void notAnNpyFile() throws IOException {
    Path dir = copyInstance("magic");
    Files.writeString(dir.resolve("U0.npy"), "just text");
    assertOneLineError(CliRun.of("sense", "--load-instance", dir.toString()), "U0.npy is not a NumPy .npy file");
  }

  @Test
  void explicitSizesMustMatchLoadedInstance() {
    assertOneLineError(CliRun.of("sense", "--load-instance", instance.toString(), "--n", "7"),
        "--n 7 conflicts with --load-instance");
    assertOneLineError(CliRun.of("sense", "--load-instance", instance.toString(), "--m", "51"),
        "--m 51 conflicts with --load-instance");
    assertOneLineError(CliRun.of("sense", "--load-instance", instance.toString(), "--alpha", "1e-3"),
        "--alpha has no effect with --load-instance");
    assertThat(CliRun.of("sense", "--load-instance", instance.toString(), "--n", "6", "--iters", "1").status())
        .isZero();
  }

  @Test
  void outputPathThatIsAFile() throws IOException {
    Path file = Files.writeString(tmp.resolve("plain.txt"), "x");
    assertOneLineError(CliRun.of("sense", "--iters", "1", "--out", file.toString()), "--out " + file + " is a file");
  }

  @Test
  void noCommandIsABadInput() {
    CliRun run = CliRun.of();
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).startsWith("lowrank: error: no command given; accepted: one of run, sense");
  }

  @Command(name = "boom")
  static final class Boom implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new IllegalStateException("kaboom");
    }
  }

  @Test
  void internalErrorIsOneLineAndExit70() {
    CliRun run = CliRun.with(cl -> cl.addSubcommand(new Boom()), "boom");
    assertThat(run.status()).isEqualTo(70);
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(run.err()).contains("lowrank boom: error: IllegalStateException: kaboom (internal error; please report");
    assertThat(run.err()).doesNotContain("at io.");
  }

  @Test
  void debugShowsTheStackTrace() {
    CliRun run = CliRun.with(cl -> cl.addSubcommand(new Boom()), "--debug", "boom");
    assertThat(run.status()).isEqualTo(70);
    assertThat(run.err()).contains("kaboom").contains("at io.lowrank.cli.SenseErrorsTest$Boom.call");
    CliRun bad = CliRun.of("sense", "--alpha", "-1", "--debug");
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err()).contains("at io.lowrank.cli");
  }

  static void assertOneLineError(CliRun run, String fragment) {
    assertThat(run.status()).as("exit status; stderr: %s", run.err()).isEqualTo(2);
    assertThat(run.err()).startsWith("lowrank sense: error: ").contains(fragment)
        .doesNotContain("Exception").doesNotContain("at io.");
    assertThat(run.err().strip().lines()).as(run.err()).hasSize(1);
    assertThat(run.out()).isEmpty();
  }

  static Path copyInstance(String name) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(name));
    for (String f : new String[] {"A.npy", "y.npy", "U0.npy", "X.npy"}) {
      Files.copy(instance.resolve(f), dir.resolve(f));
    }
    return dir;
  }
}
