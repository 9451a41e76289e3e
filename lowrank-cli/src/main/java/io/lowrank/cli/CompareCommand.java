package io.lowrank.cli;

import static io.lowrank.cli.OptionChecks.require;

import io.lowrank.experiment.compare.CompareFigures;
import io.lowrank.experiment.compare.Comparison;
import io.lowrank.experiment.compare.Variant;
import io.lowrank.experiment.engine.Engine;
import io.lowrank.experiment.formats.AtomicFiles;
import io.lowrank.experiment.formats.BadInputException;
import io.lowrank.experiment.formats.InstanceFiles;
import io.lowrank.experiment.job.ResumableRuns;
import io.lowrank.experiment.job.StoredRuns;
import io.lowrank.experiment.output.CompareFiles;
import io.lowrank.experiment.output.Json;
import io.lowrank.experiment.output.OutputSize;
import io.lowrank.experiment.output.RunStore;
import io.lowrank.experiment.run.Workloads;
import io.lowrank.experiment.spec.ProblemSpec;
import io.lowrank.experiment.spec.RecordSpec;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.spec.SpecFiles;
import io.lowrank.report.CompareReport;
import io.lowrank.report.FigureFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lowrank compare}: the solver family side by side on one problem (GD from a small start,
 * spectral + GD, ScaledGD, ScaledGD(lambda), PrecGD, ALS for asymmetric models, the nuclear-norm
 * baseline, deep factorisation), for lists of condition numbers, widths and noise levels. Thin:
 * options become a base {@link RunSpec} and a {@link Comparison.Plan}, the Runner runs every row,
 * {@link CompareFiles} and {@link CompareReport} write the outputs, {@link CompareTable} prints the table.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    sortOptions = false, usageHelpAutoWidth = true,
    description = {"Run the solvers side by side on one planted problem (the same measurements for all) and report, "
        + "per condition number, width and noise level, the iterations and solve time each needs to reach relative "
        + "test error --eps, its final error and why it stopped; writes report.html, summary.json and "
        + "runs/<id>/history.csv.",
        "Exit status: 0 done, 1 some run diverged, 2 bad input, 70 internal error."})
public final class CompareCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ProblemOptions problem = new ProblemOptions();

  @Option(names = "--kappa", paramLabel = "K", split = ",", order = 8,
      description = "condition numbers of M* (each >= 1). Default: 1,10,100.")
  List<Double> kappas;

  @Option(names = "--noise", paramLabel = "SIGMA", split = ",", order = 9,
      description = "noise standard deviations sigma, y = A(M*) + e. Default: 0.")
  List<Double> noises;

  @Option(names = "--width", paramLabel = "W", split = ",", order = 30,
      description = "factor widths r': integers, 'r', '<k>r' (e.g. 2r) or 'n'. Default: r,2r.")
  List<String> widths;

  @Option(names = "--methods", paramLabel = "M", split = ",", order = 31,
      description = "rows to run, in table order: gd, spectral-gd, scaledgd, scaledgd-lambda, precgd, als "
          + "(asymmetric models), nuclear, deep (symmetric models). Default: every row the model runs.")
  List<String> methods;

  @Option(names = "--alpha", paramLabel = "A", order = 32, description = "small initial scale U_0 = A G / sqrt(r') "
      + "(GD, ScaledGD(lambda), PrecGD; the spare columns of the spectral start). Default: 1e-6.")
  double alpha = 1e-6;

  @Option(names = "--deep-alpha", paramLabel = "A", order = 33,
      description = "initial scale of the deep factorisation. Default: 0.1.")
  double deepAlpha = 0.1;

  @Option(names = "--depth", paramLabel = "L", order = 34,
      description = "depth L of the deep factorisation U = W_L ... W_1. Default: 3.")
  int depth = 3;

  @Option(names = "--eps", paramLabel = "EPS", order = 35,
      description = "report the iterations and time to relative test error EPS. Default: 1e-6.")
  double eps = 1e-6;

  @Mixin
  RunOptions run = new RunOptions();

  @Option(names = "--out", paramLabel = "DIR", order = 200,
      description = "output directory, created if missing; files in it are overwritten. Default: compare-out.")
  Path out = Path.of("compare-out");

  @Option(names = "--save-instance", paramLabel = "DIR", order = 201,
      description = "save the (GOE) instance as A.npy, y.npy and X.npy in DIR (one --kappa and one --noise).")
  Path saveInstance;

  @Option(names = "--figures-only", order = 203, description = "run nothing: rebuild report.html, figures/ and "
      + "summary.json from the runs stored in --out DIR by an earlier compare with the same options.")
  boolean figuresOnly;

  /** Where every run is stored as it finishes (resume after a kill, --figures-only), under --out. */
  static final String STORE = "store";

  @Option(names = "--load-instance", paramLabel = "DIR", order = 202,
      description = "compare on the instance saved in DIR (needs X.npy for the test errors).")
  Path loadInstance;

  @Override
  public Integer call() throws IOException {
    Comparison.Plan plan = toPlan();
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    if (run.printSpec) {
      stdout.print(SpecFiles.toYaml(plan.base()));
      stdout.printf(Locale.ROOT, "# compared over: kappa %s, noise %s, width %s, methods %s, eps %s%n",
          plan.kappas(), plan.noises(), plan.widths(), Variant.ids(plan.variants()), plan.eps());
      stdout.flush();
      return Main.EXIT_OK;
    }
    int workers = run.workers();
    String version = Main.version();
    RunStore store = new RunStore(out.resolve(STORE), "compare", version);
    List<RunSpec> specs = Comparison.specs(plan);
    if (figuresOnly) {
      if (saveInstance != null) {
        throw new BadInputException("--figures-only runs nothing and --save-instance builds the instance; accepted: one "
            + "of them");
      }
      if (!Files.isDirectory(out.resolve(STORE))) {
        throw new BadInputException("--figures-only: " + out + " holds no stored runs of a comparison; accepted: the "
            + "--out DIR of an earlier lowrank compare (or drop --figures-only to run it)");
      }
      int missing = StoredRuns.missing(specs, store);
      if (missing > 0) {
        throw new BadInputException("--figures-only: " + missing + " of " + new LinkedHashSet<>(specs).size() + " runs "
            + "of this comparison are not stored in " + out + "; accepted: the options of the compare that wrote it, "
            + "or drop --figures-only (the same command runs only the missing runs)");
      }
    }
    OutputDirs.prepare(out, "--out");
    OutputDirs.prepare(saveInstance, "--save-instance");
    OutputDirs.requireSpace(out, OutputSize.job(specs, OutputDirs.REPORT_BYTES), "--out");
    if (saveInstance != null) {
      saveInstance(plan);
    }
    Comparison.Outcome outcome;
    try (RunProgress progress = new RunProgress("compare", Comparison.countRuns(plan), Terminal.interactive(),
        stderr)) {
      Engine engine = figuresOnly ? StoredRuns.only(out, "this comparison") : Engine.local();
      outcome = Comparison.run(plan, workers, (runner, todo) -> ResumableRuns.run(engine, runner, todo, store, progress,
          s -> false).results());
    }
    FigureFiles.write(out, CompareFigures.of(outcome));
    AtomicFiles.writeString(out.resolve("report.html"), CompareReport.render(outcome, version));
    CompareFiles.write(outcome, out, version); // summary.json last: it marks the directory complete
    if (run.json) {
      stdout.print(Json.toJson(CompareFiles.summary(outcome, version, List.of())));
    } else {
      stdout.print(CompareTable.render(outcome));
      stdout.printf(Locale.ROOT, "%d runs in %.1f s on %d threads%n", outcome.runs().size(), outcome.wallSeconds(),
          outcome.threads());
      stdout.printf(Locale.ROOT, "report: %s   numbers: %s   traces: %s%n", out.resolve("report.html"),
          out.resolve("summary.json"), out.resolve("runs"));
    }
    stdout.flush();
    if (outcome.anyDiverged()) {
      stderr.println("lowrank compare: some runs diverged (marked DIVERGED in the table); their step sizes are the "
          + "methods' defaults, see docs/solvers.md");
      stderr.flush();
      return Main.EXIT_DIVERGED;
    }
    return Main.EXIT_OK;
  }

  /** Options to a validated plan; messages name the options as typed. */
  Comparison.Plan toPlan() throws IOException {
    SpecFiles.Source source = SpecFiles.Source.empty("");
    InstanceFiles.Instance loaded = null;
    List<Double> k;
    List<Double> s;
    if (loadInstance != null) {
      problem.refuseWith("--load-instance", "the files fix the measurements, M* and y");
      if (kappas != null || noises != null) {
        throw new BadInputException((kappas != null ? "--kappa" : "--noise") + " has no effect with --load-instance "
            + "(the files fix M* and y); drop it");
      }
      io.lowrank.experiment.formats.InputFiles.requireDirectory(loadInstance,
          "an instance directory (A.npy, y.npy, X.npy) written by --save-instance");
      if (!Files.isRegularFile(loadInstance.resolve(InstanceFiles.X_FILE))) {
        throw new BadInputException("--load-instance " + loadInstance + " has no X.npy, but compare reports test errors "
            + "against M* = X X^T; accepted: an instance with X.npy");
      }
      loaded = InstanceFiles.load(loadInstance);
      problem.checkAgainst(loaded, loadInstance);
      source.option("problem", Map.of("model", "instance", "path", loadInstance.toString()), "--load-instance");
      k = List.of(loaded.number("kappa").orElse(Double.NaN));
      s = List.of(loaded.number("noise").orElse(Double.NaN));
    } else {
      problem.applyTo(source, "goe");
      k = kappas == null ? List.of(1.0, 10.0, 100.0) : kappas;
      s = noises == null ? List.of(0.0) : noises;
      for (double v : k) {
        require(v >= 1 && v <= 1e12, "--kappa", v, "numbers with 1 <= kappa <= 1e12, e.g. 1,10,100");
      }
      for (double v : s) {
        OptionChecks.nonNegative(v, "--noise", "0,0.01");
      }
    }
    if (saveInstance != null && (k.size() != 1 || s.size() != 1)) {
      throw new BadInputException("--save-instance saves one instance, but " + k.size() + " kappa and " + s.size()
          + " noise levels were given; accepted: one --kappa and one --noise");
    }
    run.applyTo(source);
    source.preset("record.probes", RecordSpec.Probes.BASIC.id());
    run.applySets(source);
    RunSpec base = source.bind();
    ProblemSpec p = base.problem();
    Integer n = p.rows() == null ? null : Math.min(p.rows(), p.cols());
    Integer r = p.rank();
    if (loaded != null) {
      n = loaded.n();
      r = loaded.rank().orElseThrow();
    }
    List<Integer> w = new ArrayList<>();
    for (String token : widths == null ? List.of("r", "2r") : widths) {
      int value = width(token, n, r);
      if (!w.contains(value)) {
        w.add(value);
      }
    }
    OptionChecks.positive(alpha, "--alpha", "1e-6");
    OptionChecks.positive(deepAlpha, "--deep-alpha", "0.1");
    OptionChecks.intRange(depth, 1, 64, "--depth", "1 <= --depth <= 64");
    require(eps > 0 && eps < 1, "--eps", eps, "0 < --eps < 1, e.g. 1e-6");
    boolean symmetric = p.symmetricModel();
    var runnable = io.lowrank.experiment.spec.Combinations.methods(base.model(), symmetric);
    List<Variant> all = Variant.defaults(symmetric).stream().filter(v -> runnable.contains(v.method())).toList();
    List<Variant> rows = new ArrayList<>();
    if (methods == null || methods.isEmpty()) {
      rows.addAll(all);
    } else {
      for (String id : new LinkedHashSet<>(methods)) {
        try {
          rows.add(Variant.parse(id, all));
        } catch (IllegalArgumentException e) {
          throw new BadInputException("--methods " + id + " is invalid; accepted for " + base.model().id() + ": "
              + Variant.ids(all));
        }
      }
    }
    return new Comparison.Plan(base, k, s, w, rows, alpha, deepAlpha, depth, eps, r);
  }

  /** Saves the one instance of the plan (after its workload is built, before any run). */
  private void saveInstance(Comparison.Plan plan) throws IOException {
    if (!(plan.base().problem() instanceof ProblemSpec.Goe || plan.base().problem() instanceof ProblemSpec.Instance)) {
      throw new BadInputException("--save-instance writes GOE sensing instances, not " + plan.base().model().id()
          + "; accepted: --model goe (or drop --save-instance)");
    }
    RunSpec first = Comparison.specs(plan).get(0);
    io.lowrank.experiment.run.Workload w = new Workloads().of(first);
    Map<String, Object> meta = SingleRun.instanceMeta(first, w);
    meta.put("kappa", plan.kappas().get(0));
    InstanceFiles.save(saveInstance, w.problem(), null, meta);
  }

  /** "3", "r", "2r", "n" to a width in 1..n. */
  private static int width(String token, int n, int r) {
    String t = token.strip().toLowerCase(Locale.ROOT);
    int value;
    try {
      if (t.equals("n")) {
        value = n;
      } else if (t.endsWith("r")) {
        String factor = t.substring(0, t.length() - 1);
        value = Math.multiplyExact(factor.isEmpty() ? 1 : Integer.parseInt(factor), r);
      } else {
        value = Integer.parseInt(t);
      }
    } catch (NumberFormatException | ArithmeticException e) {
      throw new BadInputException("--width " + token + " is invalid; accepted: integers, 'r', '<k>r' (e.g. 2r) or 'n'");
    }
    require(value >= 1 && value <= n, "--width", token, "widths with 1 <= r' <= n = " + n + " (e.g. r,2r)");
    return value;
  }
}
