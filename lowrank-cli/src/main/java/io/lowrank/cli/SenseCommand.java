package io.lowrank.cli;

import io.lowrank.experiment.formats.BadInputException;
import io.lowrank.experiment.formats.InstanceFiles;
import io.lowrank.experiment.spec.Combinations;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.spec.SpecFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lowrank sense}: one run of matrix sensing (GOE by default; any model with
 * {@code --model}) by any method from any start, built from options into a {@link RunSpec} and
 * run by the Runner. Writes history.csv, the final factor(s) and summary.json with {@code --out};
 * saves or loads a GOE instance as NumPy {@code .npy} files.
 */
@Command(name = "sense", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
    usageHelpAutoWidth = true,
    description = {"Recover a planted low-rank matrix from its measurements by gradient descent from a small random "
        + "start (or any method and start of the spec, docs/math.md): GOE sensing by default; --model structured "
        + "for GOE-type sensing at large n (its operator is a signed, subsampled Walsh-Hadamard transform, never "
        + "stored), rank-one, asymmetric or completion for the other models. Prints the test error and timings; --out DIR writes "
        + "history.csv, U.npy (or L.npy and R.npy) and summary.json.",
        "Exit status: 0 done, 1 the run diverged, 2 bad input, 70 internal error."})
public final class SenseCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ProblemOptions problem = new ProblemOptions();

  @Option(names = "--kappa", paramLabel = "K", order = 8, description = "condition number of M*, >= 1. Default: 2.")
  Double kappa;

  @Option(names = "--noise", paramLabel = "SIGMA", order = 9, description = "standard deviation of the noise e in "
      + "y = A(M*) + e. Default: 0.")
  Double noise;

  @Mixin
  MethodOptions method = new MethodOptions();

  @Option(names = "--width", paramLabel = "R'", order = 30, description = "width r' of the factor. Default: n "
      + "(min(n1, n2) for asymmetric models).")
  Integer width;

  @Option(names = "--probes", paramLabel = "SET", order = 31, description = "what the history records: basic, "
      + "standard, phases, spectral or all (docs/math.md). Default: standard.")
  String probes;

  @Mixin
  RunOptions run = new RunOptions();

  @Option(names = "--out", paramLabel = "DIR", order = 200,
      description = "write DIR/history.csv, the final factor(s) and DIR/summary.json. Default: none.")
  Path out;

  @Option(names = "--save-instance", paramLabel = "DIR", order = 201,
      description = "save X.npy, A.npy, y.npy and U0.npy of the (GOE) instance in DIR for NumPy.")
  Path saveInstance;

  @Option(names = "--load-instance", paramLabel = "DIR", order = 202,
      description = "run on the instance saved in DIR (A.npy, y.npy, and X.npy and U0.npy when present).")
  Path loadInstance;

  @Override
  public Integer call() throws IOException {
    RunSpec runSpec = toSpec();
    if (run.printSpec) {
      return SingleRun.printSpec(runSpec, spec.commandLine().getOut());
    }
    return SingleRun.execute("sense", runSpec, out, saveInstance, run.json, spec.commandLine().getOut(),
        spec.commandLine().getErr());
  }

  /** Options to a validated spec; messages name the options as typed. */
  RunSpec toSpec() throws IOException {
    SpecFiles.Source source = SpecFiles.Source.empty("");
    if (loadInstance != null) {
      loadInstance(source);
    } else {
      problem.applyTo(source, "goe");
      source.option("problem.kappa", kappa, "--kappa");
      source.option("problem.noise", noise, "--noise");
      method.applyInit(source);
    }
    method.applyTo(source);
    source.option("width", width, "--width");
    source.option("record.probes", probes, "--probes");
    source.option("threads", run.threads, "--threads");
    run.applyTo(source);
    run.applySets(source);
    RunSpec s = source.bind();
    return defaultThreads(s, run.threads == null && !source.has("threads"));
  }

  /** The number of cores as the run's threads when the model has a parallel pass and none was given. */
  static RunSpec defaultThreads(RunSpec s, boolean free) {
    if (free && Combinations.parallel(s.problem())) {
      return s.withThreads(Math.min(RunSpec.MAX_THREADS, Runtime.getRuntime().availableProcessors()));
    }
    return s;
  }

  /** --load-instance: the files fix the problem; explicit sizes must match them. */
  private void loadInstance(SpecFiles.Source source) throws IOException {
    problem.refuseWith("--load-instance", "the files fix the measurements, M* and y");
    for (var given : java.util.Map.of("--kappa", kappa == null ? "" : "x", "--noise", noise == null ? "" : "x").entrySet()) {
      if (!given.getValue().isEmpty()) {
        throw new BadInputException(given.getKey() + " has no effect with --load-instance (the files fix M* and y); "
            + "drop " + given.getKey());
      }
    }
    if (!Files.isDirectory(loadInstance)) {
      throw new BadInputException("instance directory " + loadInstance + (Files.exists(loadInstance)
          ? " is not a directory" : " does not exist") + "; it holds A.npy (m, n, n), y.npy (m,) and optionally X.npy "
          + "and U0.npy");
    }
    InstanceFiles.Instance inst = InstanceFiles.load(loadInstance);
    problem.checkAgainst(inst, loadInstance);
    source.option("problem", java.util.Map.of("model", "instance", "path", loadInstance.toString()), "--load-instance");
    Path u0 = loadInstance.resolve(InstanceFiles.U0_FILE);
    if (method.init == null && Files.isRegularFile(u0)) {
      if (method.alpha != null || method.beta != null) {
        throw new BadInputException((method.alpha != null ? "--alpha" : "--beta") + " has no effect with "
            + "--load-instance, whose U0.npy fixes the start; drop it, or pass --init small-random");
      }
      source.option("init", java.util.Map.of("kind", "given", "path", u0.toString()), "--load-instance");
    } else {
      method.applyInit(source);
    }
  }
}
