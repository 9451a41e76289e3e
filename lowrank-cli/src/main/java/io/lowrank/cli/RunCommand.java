package io.lowrank.cli;

import io.lowrank.experiment.formats.BadInputException;
import io.lowrank.experiment.output.RunFiles;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lowrank run SPEC}: runs any spec (YAML or JSON, docs/math.md and examples/*.yaml list the
 * keys), with {@code --set} overrides; {@code lowrank run DIR/summary.json} (or {@code DIR}) repeats
 * a run bit for bit from the resolved spec its summary embeds.
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
    usageHelpAutoWidth = true,
    description = {"Run one spec: any model, method, start and stop rule, from a YAML or JSON file (see examples/ "
        + "and docs/math.md), with --set key=value overrides. Given a run's summary.json (or its directory) it "
        + "repeats that run bit for bit. --out DIR writes history.csv, the final factor(s) and summary.json.",
        "Exit status: 0 done, 1 the run diverged, 2 bad input, 70 internal error."})
public final class RunCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SPEC", description = "a spec file (.yaml, .yml, .json), a run's summary.json, "
      + "or a run directory holding one.")
  Path specFile;

  @Mixin
  RunOptions run = new RunOptions();

  @Option(names = "--out", paramLabel = "DIR", order = 200,
      description = "write DIR/history.csv, the final factor(s) and DIR/summary.json. Default: none.")
  Path out;

  @Override
  public Integer call() throws IOException {
    Path file = Files.isDirectory(specFile) ? specFile.resolve(RunFiles.SUMMARY) : specFile;
    if (Files.isDirectory(specFile) && !Files.isRegularFile(file)) {
      throw new BadInputException(specFile + " is a directory without a summary.json (not a finished run); accepted: a "
          + "spec file (.yaml, .yml or .json) or a run's directory or summary.json");
    }
    SpecFiles.Source source = SpecFiles.read(file);
    run.applyTo(source);
    source.option("threads", run.threads, "--threads");
    run.applySets(source);
    RunSpec runSpec = SenseCommand.defaultThreads(source.bind(), run.threads == null && !source.has("threads"));
    if (run.printSpec) {
      return SingleRun.printSpec(runSpec, spec.commandLine().getOut());
    }
    return SingleRun.execute("run", runSpec, out, null, run.json, spec.commandLine().getOut(),
        spec.commandLine().getErr());
  }
}
