package io.lowrank.cli;

import io.lowrank.experiment.formats.InstanceFiles;
import io.lowrank.experiment.output.Json;
import io.lowrank.experiment.output.OutputSize;
import io.lowrank.experiment.output.RunFiles;
import io.lowrank.experiment.run.Factors;
import io.lowrank.experiment.run.RunResult;
import io.lowrank.experiment.run.Runner;
import io.lowrank.experiment.run.Workload;
import io.lowrank.experiment.spec.ProblemSpec;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.spec.SpecFiles;
import io.lowrank.operator.SymmetricGaussianSensing;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run from the command line ({@code sense}, {@code run}): the spec through the Runner, with a
 * progress bar, then the files of {@link RunFiles}, the summary on stdout, and exit 1 with one line
 * naming the iteration and the knob when it diverged.
 */
final class SingleRun {
  private SingleRun() {}

  /** Runs {@code spec}; returns the exit status. */
  static int execute(String command, RunSpec spec, Path out, Path saveInstance, boolean json, PrintWriter stdout,
      PrintWriter stderr) throws IOException {
    OutputDirs.prepare(out, "--out");
    OutputDirs.prepare(saveInstance, "--save-instance");
    Runner runner = new Runner(1);
    Workload workload = runner.workloads().of(spec);
    int side = Math.max(workload.rows(), workload.cols());
    OutputDirs.requireSpace(out, OutputSize.run(spec) + 2 * OutputSize.matrix(side, spec.width() == null ? side
        : spec.width(), false), "--out");
    OutputDirs.requireSpace(saveInstance, OutputSize.matrix((long) workload.problem().operator().size() * side, side,
        false) + 2 * OutputSize.matrix(side, side, false), "--save-instance");
    if (saveInstance != null) {
      saveInstance(runner, spec, workload, saveInstance);
    }
    ProgressObserver progress = ProgressObserver.forConsole("lowrank " + command, spec.stop().iterations(), stderr);
    RunResult r = runner.run(spec, workload, List.of(progress));
    List<String> written = new ArrayList<>();
    if (out != null) {
      RunFiles.write(out, r, command, Main.version());
      written.add(RunFiles.HISTORY);
      written.addAll(RunFiles.factorFiles(r));
      written.add(RunFiles.SUMMARY);
    }
    if (json) {
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("command", command);
      root.put("lowrank_version", Main.version());
      root.putAll(RunFiles.runJson(r, out == null ? null : RunFiles.HISTORY));
      stdout.print(Json.toJson(root));
    } else {
      stdout.print(RunText.of(r, written, out == null ? null : out.toString()));
    }
    stdout.flush();
    if (r.solve().termination() == io.lowrank.solver.Termination.INTERRUPTED) {
      stderr.println("lowrank " + command + ": interrupted at iteration " + r.solve().iterations()
          + (out == null ? "; add --out DIR to keep the history of an interrupted run"
              : "; the history so far and summary.json (termination INTERRUPTED) are in " + out));
      stderr.flush();
      return Main.EXIT_INTERRUPTED;
    }
    if (r.diverged()) {
      return Divergence.report(stderr, command, r.solve(), "", r.stepSize(), knob(spec));
    }
    return Main.EXIT_OK;
  }

  /** The option that sets the step of this run's method. */
  static String knob(RunSpec spec) {
    String step = spec.method().step() != null ? "--step (method.step)" : "--step-fraction (method.step_fraction)";
    if (spec.init() instanceof io.lowrank.experiment.spec.InitSpec.SmallRandom s && s.alpha() != null && s.alpha() >= 1) {
      return step + ", or --alpha (init.alpha = " + OptionChecks.compact(s.alpha())
          + " is not a small start: the step c / lambda_1 assumes one)";
    }
    return step;
  }

  /** Writes X.npy, A.npy, y.npy and U0.npy of a GOE run for NumPy. */
  private static void saveInstance(Runner runner, RunSpec spec, Workload w, Path dir) throws IOException {
    if (!(w.problem().operator() instanceof SymmetricGaussianSensing)
        || !(spec.problem() instanceof ProblemSpec.Goe || spec.problem() instanceof ProblemSpec.Instance)) {
      throw new io.lowrank.experiment.formats.BadInputException("--save-instance writes GOE sensing instances, not "
          + spec.model().id() + "; accepted: --model goe (or drop --save-instance)");
    }
    if (w.hasValidation()) {
      throw new io.lowrank.experiment.formats.BadInputException("--save-instance with early stopping would save only "
          + "the training measurements; accepted: drop one of them");
    }
    Factors start = runner.start(spec, w);
    InstanceFiles.save(dir, w.problem(), start.left(), instanceMeta(spec, w));
  }

  /** What {@code instance.json} records of a saved instance: noise level, condition number, seed, problem spec. */
  static Map<String, Object> instanceMeta(RunSpec spec, Workload w) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("noise", w.noise());
    w.truth().ifPresent(t -> meta.put("kappa", t.kappa()));
    meta.put("seed", spec.seed());
    meta.put("problem", SpecFiles.toTree(spec).get("problem"));
    meta.put("lowrank_version", Main.version());
    return meta;
  }

  /** The resolved spec as YAML (for --print-spec). */
  static int printSpec(RunSpec spec, PrintWriter stdout) {
    stdout.print(SpecFiles.toYaml(spec));
    stdout.flush();
    return Main.EXIT_OK;
  }
}
