package io.lowrank.experiment.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowrank.experiment.formats.BadInputException;
import io.lowrank.solver.Method;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading, writing and validating run specs: round trips, defaults, and one line per bad spec. */
class SpecFilesTest {

  static RunSpec parse(String yaml) {
    return SpecFiles.parse(yaml, "spec.yaml").bind();
  }

  /** Specs of every model, start and method, as a user would write them. */
  static Stream<String> specs() {
    return Stream.of(
        "{}",
        "problem: {model: goe, n: 30, r: 3, kappa: 5, spacing: linear, oversampling: 8, noise: 0.01}\n"
            + "init: {kind: small-random, alpha: 1e-4}\nmethod: {name: precgd, step: 0.4}\nwidth: 6\nseed: 9\n",
        "problem: {model: rank-one, n: 20, r: 1, m: 400}\ninit: spectral\nmethod: {name: gd, step_fraction: 0.1}\n",
        "problem: {model: asymmetric, n1: 20, n2: 15, r: 2}\ninit: {alpha: 1e-3, beta: 3e-4}\nmethod: als\n",
        "problem: {model: completion, n: 30, sampling: {kind: relu, tau: 0.01}}\nmethod: {name: deep, depth: 2}\n",
        "problem: {model: completion, n1: 30, n2: 20, sampling: {kind: uniform, p: 0.5}}\nmethod: scaledgd-lambda\n",
        "problem: {model: goe, n: 10, r: 2, m: 300}\nmethod: {name: scaledgd-lambda, lambda: 0.01}\nwidth: 4\n",
        "problem: {model: goe, n: 10, r: 2, m: 300}\nmethod: scaledgd\nwidth: 2\n",
        "problem: {model: goe, n: 10}\nmethod: {name: nuclear, stages: 4, final_fraction: 1e-6}\n",
        "problem: {model: instance, path: some/dir}\ninit: {kind: given, path: some/dir/U0.npy}\n",
        "problem: {model: ratings, path: r.csv, centring: mean, bias_lambda: 2}\n"
            + "stop: {iterations: 100, early_stopping: {patience: 50, every: 10}}\nwidth: 8\n",
        "stop: {iterations: 50, tolerance: 0, time_limit: 2.5, target_error: 1e-8}\nrecord: {every: 5, probes: all}\n",
        "stop: {early_stopping: {hold_out: 0.2, halt: false}}\nrecord: {probes: phases}\nthreads: 2\n",
        "precision: float32\nproblem: {n: 12, m: 100}\n");
  }

  @ParameterizedTest
  @MethodSource("specs")
  void yamlJsonAndRecordRoundTrip(String text) {
    RunSpec spec = parse(text);
    RunSpec fromYaml = SpecFiles.parse(SpecFiles.toYaml(spec), "back.yaml").bind();
    RunSpec fromJson = SpecFiles.parse(SpecFiles.toJson(spec), "back.json").bind();
    RunSpec fromTree = SpecFiles.fromTree(SpecFiles.toTree(spec), "tree");
    assertThat(fromYaml).isEqualTo(spec);
    assertThat(fromJson).isEqualTo(spec);
    assertThat(fromTree).isEqualTo(spec);
    assertThat(SpecFiles.hash(fromYaml)).isEqualTo(SpecFiles.hash(spec));
    assertThat(SpecFiles.toYaml(fromYaml)).isEqualTo(SpecFiles.toYaml(spec));
    // a resolved spec resolves to itself: no key changes meaning when written and read again
    assertThat(new RunSpec(spec.problem(), spec.init(), spec.method(), spec.stop(), spec.recording(), spec.width(),
        spec.seed(), spec.threads(), spec.precision())).isEqualTo(spec);
  }

  @Test
  void defaultsAreThoseOfTheDocumentation() {
    RunSpec d = parse("{}");
    ProblemSpec.Goe g = (ProblemSpec.Goe) d.problem();
    assertThat(List.of(g.n(), g.r(), g.m())).containsExactly(40, 2, 1600);
    assertThat(g.kappa()).isEqualTo(2.0);
    assertThat(((InitSpec.SmallRandom) d.init()).alpha()).isEqualTo(1e-6);
    assertThat(d.method().stepFraction()).isEqualTo(0.25);
    assertThat(d.stop().iterations()).isEqualTo(2000);
    assertThat(d.stop().tolerance()).isEqualTo(1e-10);
    assertThat(d.recording().every()).isEqualTo(1);
    assertThat(d.recording().probes()).isEqualTo(RecordSpec.Probes.STANDARD);
    assertThat(d.width()).isEqualTo(40);
    assertThat(d.seed()).isEqualTo(1);
    RunSpec r = parse("problem: {model: ratings, path: x.csv}");
    assertThat(((InitSpec.SmallRandom) r.init()).alpha()).isEqualTo(1e-3);
    assertThat(r.stop().iterations()).isEqualTo(5000);
    assertThat(r.stop().earlyStopping().patience()).isEqualTo(200);
    assertThat(r.recording().every()).isEqualTo(5);
    assertThat(((ProblemSpec.Ratings) r.problem()).biasLambda()).as("absent: chosen on the hold-out").isNull();
    assertThat(r.width()).as("known once the data is read").isNull();
    assertThat(parse("method: precgd").method().step()).isEqualTo(0.5);
    assertThat(parse("method: {name: deep, depth: 4}").method().stepFraction()).isEqualTo(0.125);
  }

  @Test
  void shorthandsAndAliases() {
    RunSpec s = SpecFiles.parse("problem: rank-one\nmethod: precgd\n", "s.yaml")
        .setAll(List.of("n=25", "r=1", "iters=10", "record-every=2", "init=spectral", "init.pad_alpha=0"))
        .bind();
    assertThat(s.model()).isEqualTo(Model.RANK_ONE);
    assertThat(s.problem().rows()).isEqualTo(25);
    assertThat(s.methodName()).isEqualTo(Method.PREC_GD);
    assertThat(s.init()).isEqualTo(new InitSpec.Spectral(1, 0.0));
    assertThat(s.stop().iterations()).isEqualTo(10);
    assertThat(s.recording().every()).isEqualTo(2);
    assertThat(SpecPaths.canonical("record-every")).isEqualTo("record.every");
    assertThat(SpecPaths.canonical("alpha")).isEqualTo("init.alpha");
    // a section word after a key inside it would silently drop the key: refused
    assertThatThrownBy(() -> SpecFiles.Source.empty("").setAll(List.of("alpha=1e-4", "init=spectral")))
        .hasMessageStartingWith("--set init=spectral: init.alpha is already given by --set alpha=1e-4");
  }

  @Test
  void summaryJsonGivesBackItsSpec() {
    RunSpec spec = parse("problem: {n: 12, m: 200}\nseed: 4\n");
    String summary = "{\"command\": \"run\", \"spec\": " + SpecFiles.toJson(spec) + ", \"iterations\": 3}";
    assertThat(SpecFiles.parse(summary, "summary.json").bind()).isEqualTo(spec);
  }

  @Test
  void idsNameTheRunAndDifferWithEveryKey() {
    RunSpec a = parse("problem: {n: 30}\ninit: {alpha: 1e-4}\n");
    assertThat(a.id()).startsWith("goe-gd-n30-w30-a1e-04-seed1-").matches("[A-Za-z0-9_.+-]+");
    assertThat(a.withSeed(2).id()).isNotEqualTo(a.id());
    assertThat(parse("problem: {n: 30}\ninit: {alpha: 1e-4}\nstop: {tolerance: 0}\n").id()).isNotEqualTo(a.id());
  }

  /** Every bad spec: one line naming the file, the line, the key and what is accepted. */
  static Stream<Arguments> bad() {
    return Stream.of(
        Arguments.of("problem: {model: goee}", "spec.yaml:1: problem.model: 'goee' is not known; accepted: goe, asymmetric, rank-one, structured, completion, instance, ratings"),
        Arguments.of("problem:\n  model: goe\n  nn: 3\n", "spec.yaml:3: problem.nn: unknown key in problem; accepted: kappa, m, model, n, noise, oversampling, r, spacing"),
        Arguments.of("init:\n  alpah: 1\n", "spec.yaml:2: init.alpah: unknown key in init; accepted: alpha, beta, kind"),
        Arguments.of("method:\n  name: gd\n  lambda: 1\n", "spec.yaml:3: method.lambda: only for method scaledgd-lambda, not gd; accepted: set method.name to scaledgd-lambda, or drop it (keys of gd: name, step, step_fraction)"),
        Arguments.of("problem:\n  model: completion\n  m: 100\n", "spec.yaml:3: problem.m: only for model goe, asymmetric, rank-one or structured, not completion; accepted: set problem.model to goe, asymmetric, rank-one or structured, or drop it"),
        Arguments.of("problem: {model: completion, sampling: {kind: uniform, tau: 1}}", "problem.sampling.tau: only for sampling kind relu, not uniform; accepted: set problem.sampling.kind to relu"),
        Arguments.of("init: {kind: spectral, alpha: 1}", "init.alpha: only for init kind small-random, not spectral; accepted: set init.kind to small-random, or drop it (keys of spectral: kind, pad_alpha, rank)"),
        Arguments.of("stop: {iters: 3}", "spec.yaml:1: stop.iters: unknown key in stop; accepted: early_stopping, iterations, target_error, time_limit, tolerance"),
        Arguments.of("recrod: {every: 3}", "spec.yaml:1: recrod: unknown key in the spec; accepted: init, method, precision, problem, record, seed, stop, threads, width"),
        Arguments.of("init: {kind: spectrall}", "spec.yaml:1: init.kind: 'spectrall' is not known; accepted: small-random, spectral, relu-spectral, given"),
        Arguments.of("method: {name: gradient}", "spec.yaml:1: method.name: 'gradient' is not known; accepted: gd, scaledgd, scaledgd-lambda, precgd, als, nuclear, deep"),
        Arguments.of("problem: {model: completion, sampling: {kind: bernoulli}}", "problem.sampling.kind: 'bernoulli' is not known; accepted: uniform, relu"),
        Arguments.of("problem:\n  n: forty\n", "spec.yaml:2: problem.n: 'forty' is invalid; accepted: an integer"),
        Arguments.of("problem: {n: 40.5}", "problem.n: 40.5 is invalid; accepted: an integer"),
        Arguments.of("problem: {n: '40'}", "problem.n: '40' is invalid; accepted: an integer"),
        Arguments.of("width: [1, 2]", "width: a list is invalid; accepted: an integer"),
        Arguments.of("problem: {kappa: high}", "problem.kappa: 'high' is invalid; accepted: a number"),
        Arguments.of("problem: {spacing: cubic}", "problem.spacing: 'cubic' is invalid; accepted: geometric, linear"),
        Arguments.of("precision: float16", "precision: 'float16' is invalid; accepted: float64, float32, bf16, int8"),
        Arguments.of("record: {probes: everything}", "record.probes: everything is invalid; accepted: basic, standard, phases, spectral, all"),
        Arguments.of("stop: {early_stopping: {halt: maybe}}", "stop.early_stopping.halt: 'maybe' is invalid; accepted: true or false"),
        Arguments.of("problem: {n: 0}", "problem.n: 0 is invalid; accepted: 1 <= n <= 46340"),
        Arguments.of("problem: {n: 10, r: 11}", "problem.r: 11 is invalid; accepted: 1 <= r <= n = 10"),
        Arguments.of("problem: {kappa: 0.5}", "problem.kappa: 0.5 is invalid; accepted: 1 <= kappa <= 1e12"),
        Arguments.of("problem: {noise: -1}", "problem.noise: -1 is invalid; accepted: a finite number >= 0"),
        Arguments.of("problem: {m: 0}", "problem.m: 0 is invalid; accepted: an integer >= 1"),
        Arguments.of("problem: {n: 10, r: 1, m: 100, oversampling: 20}", "problem.m: m = 100 and oversampling = 20 (m = 200) disagree; accepted: give one of them"),
        Arguments.of("problem: {model: completion, n: 10, sampling: {p: 1.5}}", "problem.sampling.p: 1.5 is invalid; accepted: a sampling rate with 0 < p <= 1"),
        Arguments.of("problem: {model: completion, n: 10, n1: 5}", "problem.n: n and n1/n2 were both given"),
        Arguments.of("problem: {model: ratings}", "problem.path: the ratings file is missing"),
        Arguments.of("init: {alpha: 0}", "init.alpha: 0 is invalid; accepted: a finite number > 0"),
        Arguments.of("init: {alpha: .nan}", "spec.yaml:1: not valid YAML or JSON (Malformed numeric value '.nan')"),
        Arguments.of("init: {alpha: .inf}", "spec.yaml:1: not valid YAML or JSON (Malformed numeric value '.inf')"),
        Arguments.of("init: {beta: 1e-3}", "init.beta: beta is the scale of R_0, but goe is a symmetric model"),
        Arguments.of("init: {kind: given}", "init.path: the starting factor is missing"),
        Arguments.of("problem: {model: asymmetric}\ninit: {kind: given, path: L0.npy}", "init.right: the asymmetric model starts from a pair (L0, R0)"),
        Arguments.of("method: {name: gd, step: 0.1, step_fraction: 0.2}", "method.step: step and step_fraction were both given"),
        Arguments.of("method: {name: gd, step: -1}", "method.step: -1 is invalid; accepted: a finite number > 0"),
        Arguments.of("method: {name: deep, depth: 0}", "method.depth: 0 is invalid; accepted: 1 <= depth <= 64"),
        Arguments.of("method: {name: scaledgd-lambda, lambda: 1, lambda_fraction: 0.1}", "method.lambda: lambda and lambda_fraction were both given"),
        Arguments.of("method: als", "method.name: als alternates between the factors L and R of the asymmetric model, but goe is symmetric"),
        Arguments.of("problem: rank-one\nmethod: als", "accepted for rank-one: gd, scaledgd, scaledgd-lambda, precgd, nuclear, deep"),
        Arguments.of("problem: asymmetric\nmethod: deep", "method.name: deep factorises the symmetric U U^T, but asymmetric uses the asymmetric pair (L, R)"),
        Arguments.of("problem: {model: ratings, path: x.csv}\nmethod: nuclear", "method.name: nuclear needs dense n1 x n2 matrices"),
        Arguments.of("method: scaledgd", "width: scaledgd is exact-rank ScaledGD: its preconditioner (U^T U)^{-1} becomes singular when width r' = 40 exceeds the rank r = 2"),
        Arguments.of("method: nuclear\ninit: spectral", "init.kind: the nuclear-norm path starts at Z = 0, so init spectral would be ignored"),
        Arguments.of("method: {name: deep, alpha: 0.1}\ninit: spectral", "method.alpha: method.alpha is the scale of deep's small random start, but init is spectral"),
        Arguments.of("width: 41", "width: 41 is invalid; accepted: 1 <= width <= n = 40"),
        Arguments.of("problem: {model: asymmetric, n1: 10, n2: 8}\nwidth: 9", "width: 9 is invalid; accepted: 1 <= width <= min(n1, n2) = 8"),
        Arguments.of("init: {kind: spectral, rank: 41}", "init.rank: 41 is invalid; accepted: 1 <= init.rank <= 40"),
        Arguments.of("problem: {model: completion, n: 10}\nprecision: int8", "precision: int8 storage is for generated goe, asymmetric and rank-one operators; completion observes entries directly"),
        Arguments.of("problem: {model: instance, path: d}\nprecision: bf16", "instance reads its operator from your files, and storing it in bf16 would round your data; accepted: float64"),
        Arguments.of("problem: asymmetric\nthreads: 2", "threads: asymmetric has no multi-threaded pass, so threads = 2 would have no effect"),
        Arguments.of("threads: 0", "threads: 0 is invalid; accepted: 1 <= threads <= 256"),
        Arguments.of("stop: {tolerance: 1}", "stop.tolerance: 1 is invalid; accepted: 0 <= tolerance < 1"),
        Arguments.of("stop: {iterations: -1}", "stop.iterations: -1 is invalid; accepted: an integer >= 0"),
        Arguments.of("stop: {time_limit: 0}", "stop.time_limit: 0 is invalid; accepted: a number of seconds > 0"),
        Arguments.of("problem: {model: ratings, path: x.csv}\nstop: {target_error: 1e-3}", "stop.target_error: ratings data has no ground truth"),
        Arguments.of("stop: {early_stopping: {hold_out: 1}}", "stop.early_stopping.hold_out: 1 is invalid; accepted: 0 <= hold_out < 1"),
        Arguments.of("stop: {early_stopping: {every: 3}}\nrecord: {every: 2}", "stop.early_stopping.every: validation every 3 iterations must be a multiple of record.every = 2"),
        Arguments.of("method: nuclear\nstop: {early_stopping: {}}", "stop.early_stopping: early stopping keeps the best iterate of a factored path"),
        Arguments.of("problem: asymmetric\nrecord: {probes: phases}", "record.probes: phases records the spectral probes of the symmetric A*(y), but asymmetric is asymmetric"),
        Arguments.of("record: {every: 0}", "record.every: 0 is invalid; accepted: an integer >= 1"),
        Arguments.of("problem: {n: 10\n", "spec.yaml:1: not valid YAML or JSON"),
        Arguments.of("- 1\n- 2\n", "spec.yaml: the spec is a list; accepted: a map of sections"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("bad")
  void aBadSpecIsOneLineNamingTheKey(String yaml, String fragment) {
    assertThatThrownBy(() -> parse(yaml)).isInstanceOf(BadInputException.class)
        .hasMessageContaining(fragment).satisfies(e -> {
          assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("Exception").doesNotContain("io.lowrank.");
          assertThat(e.getMessage().length()).isLessThan(400);
        });
  }

  @Test
  void aKeyGivenTwiceOnTheCommandLineIsRefusedButASetOverridesTheFile() {
    SpecFiles.Source file = SpecFiles.parse("problem: {n: 12}\nseed: 3\n", "s.yaml");
    assertThat(file.setAll(List.of("n=14", "seed=5")).bind().problem().rows()).isEqualTo(14);
    assertThatThrownBy(() -> SpecFiles.Source.empty("").option("problem.kappa", 3.0, "--kappa")
        .setAll(List.of("problem.kappa=4")))
        .hasMessage("--set problem.kappa=4: problem.kappa is already given by --kappa 3; accepted: give each key once "
            + "(a --set overrides only the keys of a spec file)");
    assertThatThrownBy(() -> SpecFiles.Source.empty("").setAll(List.of("seed=2", "seed=3")))
        .hasMessageStartingWith("--set seed=3: seed is already given by --set seed=2;");
    assertThatThrownBy(() -> SpecFiles.Source.empty("").option("problem.n", 10, "--n")
        .setAll(List.of("problem={model: goe, n: 12}")))
        .hasMessageContaining("problem.n is already given by --n 10");
    assertThatThrownBy(() -> SpecFiles.Source.empty("").setAll(List.of("method=precgd")).option("method.name", "gd",
        "--method")).hasMessageStartingWith("--method gd: method.name is already given by --set method=precgd");
    // a section word then a key inside it, and a command's own default then the user's value, are fine
    RunSpec s = SpecFiles.Source.empty("").preset("problem.model", "completion")
        .setAll(List.of("method=precgd", "method.step=0.1", "problem.model=goe")).bind();
    assertThat(s.problem()).isInstanceOf(ProblemSpec.Goe.class);
    assertThat(s.method()).isInstanceOfSatisfying(MethodSpec.PrecGd.class, m -> assertThat(m.step()).isEqualTo(0.1));
  }

  @Test
  void aSetNamesItselfInTheMessage() {
    assertThatThrownBy(() -> SpecFiles.parse("{}", "s.yaml").setAll(List.of("alpha=-1")).bind())
        .hasMessage("--set alpha=-1: init.alpha: -1 is invalid; accepted: a finite number > 0, e.g. 1e-6");
    assertThatThrownBy(() -> SpecFiles.parse("{}", "s.yaml").setAll(List.of("alpha=NaN")).bind())
        .hasMessage("--set alpha=NaN: init.alpha: NaN is invalid; accepted: a finite number > 0, e.g. 1e-6");
    assertThatThrownBy(() -> SpecFiles.parse("{}", "s.yaml").setAll(List.of("nonsense")).bind())
        .hasMessageContaining("--set nonsense is invalid; accepted: --set key.path=value");
    assertThatThrownBy(() -> SpecFiles.parse("{}", "s.yaml").setAll(List.of("problem.n={a: [")).bind())
        .hasMessageContaining("--set problem.n={a: [: the value is not valid YAML");
    assertThatThrownBy(() -> SpecFiles.parse("problem: {n: 5}", "s.yaml").setAll(List.of("problem.n.x=1")).bind())
        .hasMessageContaining("problem.n is 5, not a section");
  }
}
