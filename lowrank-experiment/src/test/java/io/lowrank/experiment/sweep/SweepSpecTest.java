package io.lowrank.experiment.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowrank.experiment.formats.BadInputException;
import io.lowrank.experiment.spec.InitSpec;
import io.lowrank.experiment.spec.MethodSpec;
import io.lowrank.experiment.spec.ProblemSpec;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.solver.Method;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Sweep files: axes, ranges, grid and zip, seeds, criteria; expansion against hand-computed lists. */
class SweepSpecTest {
  static SweepSpec parse(String yaml) {
    return SweepSpec.parse(yaml, "s.yaml", List.of());
  }

  static List<String> texts(Axis a) {
    return a.texts();
  }

  @Test
  void rangesGiveTheNumbersAPersonWouldWrite() {
    SweepSpec s = parse("""
        axes:
          alpha: {from: 1.0e-8, to: 1.0e-2, count: 7, scale: log}
          problem.r: {from: 1, to: 6, step: 1}
          problem.kappa: {from: 1, to: 2, count: 5}
          problem.noise: {from: 0.0, to: 0.3, step: 0.1}
        """);
    assertThat(texts(s.axes().get(0))).containsExactly("1e-8", "1e-7", "1e-6", "1e-5", "1e-4", "0.001", "0.01");
    assertThat(s.axes().get(0).values().get(3).asDouble()).isEqualTo(1e-5);
    assertThat(s.axes().get(0).path()).isEqualTo("init.alpha");
    assertThat(texts(s.axes().get(1))).containsExactly("1", "2", "3", "4", "5", "6");
    assertThat(s.axes().get(1).values().get(0).isIntegralNumber()).isTrue();
    assertThat(texts(s.axes().get(2))).containsExactly("1", "1.25", "1.5", "1.75", "2");
    assertThat(texts(s.axes().get(3))).containsExactly("0", "0.1", "0.2", "0.3");
    assertThat(s.points()).isEqualTo(7 * 6 * 5 * 4);
  }

  /** Grid: the first axis outermost, seeds innermost; every point a validated spec with its values. */
  @Test
  void gridExpandsInOrderWithSeedsInnermost() {
    SweepPlan p = SweepPlan.of(parse("""
        base: {problem: {n: 10, m: 100}, stop: {iterations: 5}}
        axes:
          problem.r: [1, 2]
          alpha: [1.0e-3, 1.0e-6]
        seeds: [4, 9]
        """));
    assertThat(p.points()).hasSize(4);
    assertThat(p.runs()).hasSize(8);
    List<String> order = p.runs().stream().map(r -> ((ProblemSpec.Goe) r.spec().problem()).r() + "/"
        + ((InitSpec.SmallRandom) r.spec().init()).alpha() + "/" + r.seed()).toList();
    assertThat(order).containsExactly("1/0.001/4", "1/0.001/9", "1/1.0E-6/4", "1/1.0E-6/9", "2/0.001/4",
        "2/0.001/9", "2/1.0E-6/4", "2/1.0E-6/9");
    RunSpec first = p.runs().get(0).spec();
    assertThat(first.stop().iterations()).isEqualTo(5);
    assertThat(first.problem().measurements()).isEqualTo(100);
    assertThat(p.points().get(1).text("alpha")).isEqualTo("1e-6");
  }

  @Test
  void zipPairsAxesAndTheGridCrossesTheRest() {
    SweepPlan p = SweepPlan.of(parse("""
        base: {stop: {iterations: 5}}
        axes:
          problem.n: [10, 20, 30]
          problem.m: [100, 200, 300]
          method: [gd, precgd]
        zip: [[problem.n, problem.m]]
        """));
    assertThat(p.points()).hasSize(6);
    assertThat(p.runs()).hasSize(6);
    List<String> got = p.runs().stream().map(r -> r.spec().problem().rows() + "/" + r.spec().problem().measurements()
        + "/" + r.spec().methodName().id()).toList();
    assertThat(got).containsExactly("10/100/gd", "10/100/precgd", "20/200/gd", "20/200/precgd", "30/300/gd",
        "30/300/precgd");
    assertThat(parse("axes: {problem.n: [10, 20], problem.m: [100, 200]}\nzip: true\n").points()).isEqualTo(2);
  }

  @Test
  void widthWordsResolvePerPointAndMethodsAndModelsAreAxes() {
    SweepPlan p = SweepPlan.of(parse("""
        base: {problem: {n: 12, m: 200}, stop: {iterations: 5}}
        axes:
          problem.r: [1, 3]
          width: [r, 2r, n]
          method: [{name: precgd, step_fraction: 0.4}]
        """));
    assertThat(p.runs().stream().map(r -> r.spec().width()).toList()).containsExactly(1, 2, 12, 3, 6, 12);
    assertThat(p.runs().get(0).spec().method()).isInstanceOfSatisfying(MethodSpec.PrecGd.class,
        m -> assertThat(m.stepFraction()).isEqualTo(0.4));
    assertThat(p.runs().get(0).spec().methodName()).isEqualTo(Method.PREC_GD);
    SweepPlan models = SweepPlan.of(parse("axes:\n  problem.model: [goe, rank-one]\n  problem.n: [8]\n"));
    assertThat(models.runs().get(1).spec().problem()).isInstanceOf(ProblemSpec.RankOne.class);
  }

  @Test
  void seedsAreACountOrAListAndWithoutThemTheBaseSeedRunsOnce() {
    assertThat(parse("axes: {alpha: [1e-3]}\nseeds: 3\n").seeds()).containsExactly(1, 2, 3);
    assertThat(parse("axes: {alpha: [1e-3]}\nseeds: [7, 2]\n").seeds()).containsExactly(7, 2);
    SweepPlan once = SweepPlan.of(parse("base: {seed: 5}\naxes: {alpha: [1e-3, 1e-4]}\n"));
    assertThat(once.runs()).extracting(SweepPlan.Run::seed).containsExactly(5L, 5L);
    SweepPlan seedAxis = SweepPlan.of(parse("axes: {seed: [3, 4]}\n"));
    assertThat(seedAxis.runs()).extracting(SweepPlan.Run::seed).containsExactly(3L, 4L);
  }

  @Test
  void commandLineSetsGoToTheSweepOrTheBase() {
    SweepSpec s = SweepSpec.parse("axes: {alpha: [1e-3]}\nseeds: 2\n", "s.yaml", List.of("seeds=4", "n=14",
        "success=test_error < 0.5"));
    assertThat(s.seeds()).hasSize(4);
    assertThat(s.success()).isEqualTo(new Criterion("test_error", "<", 0.5));
    assertThat(SweepPlan.of(s).runs().get(0).spec().problem().rows()).isEqualTo(14);
    assertThatThrownBy(() -> SweepPlan.of(SweepSpec.parse("axes: {alpha: [1e-3]}\n", "s.yaml", List.of("alpha=1"))))
        .hasMessageContaining("init.alpha is already given by --set alpha=1");
  }

  static Stream<Arguments> bad() {
    return Stream.of(
        Arguments.of("axes: {alpha: [1e-3]}\nsteps: 3\n", "s.yaml:2: steps: unknown key of a sweep; accepted: title, base, axes"),
        Arguments.of("base: {}\n", "s.yaml: the sweep has no axes"),
        Arguments.of("axes: {alpha: []}\n", "s.yaml:1: axes.alpha is an empty list"),
        Arguments.of("axes:\n  alpha: {from: 0, to: 1, count: 3, scale: log}\n", "s.yaml:2: axes.alpha: a log range needs from > 0"),
        Arguments.of("axes:\n  alpha: {from: 1, to: 2}\n", "axes.alpha: a range needs exactly one of count and step"),
        Arguments.of("axes:\n  alpha: {from: 1, to: 2, count: 0}\n", "axes.alpha.count: 0 is invalid"),
        Arguments.of("axes:\n  alpha: {from: 1, to: 2, cuont: 3}\n", "axes.alpha.cuont: unknown key of a range"),
        Arguments.of("axes:\n  alpha: {from: 2, to: 1, step: 1}\n", "gives no values"),
        Arguments.of("axes:\n  alpha: {from: 1, to: 2, count: 2, scale: cubic}\n", "axes.alpha.scale: 'cubic' is invalid"),
        Arguments.of("axes: {alpha: [1e-3], init.alpha: [1e-4]}\n", "sweeps init.alpha a second time"),
        Arguments.of("axes: {problem.n: [10, 20], problem.m: [1, 2, 3]}\nzip: true\n", "differ in length"),
        Arguments.of("axes: {problem.n: [10, 20]}\nzip: [[problem.n, problem.q]]\n", "zip names 'problem.q', which is not an axis"),
        Arguments.of("axes: {problem.n: [10]}\nzip: 3\n", "zip is 3"),
        Arguments.of("axes: {alpha: [1e-3]}\nseeds: 0\n", "seeds 0 is invalid"),
        Arguments.of("axes: {alpha: [1e-3]}\nseeds: [1, 1]\n", "1 repeats"),
        Arguments.of("axes: {seed: [1, 2]}\nseeds: 3\n", "seed is an axis, so seeds cannot also be given"),
        Arguments.of("axes: {alpha: [1e-3]}\nsuccess: test_error << 1\n", "success 'test_error << 1' is invalid"),
        Arguments.of("axes: {alpha: [1e-3]}\nsuccess: test_eror < 1\n", "'test_eror' is not a history column"),
        Arguments.of("axes: {alpha: [1e-3]}\nmetrics: [tset_error]\n", "'tset_error' is not a history column"),
        Arguments.of("axes: {problem.r: [1, 50]}\nbase: {problem: {n: 10}}\n", "s.yaml:1: axis problem.r 50"),
        Arguments.of("axes: {problem.nn: [1]}\n", "axis problem.nn 1: unknown key in problem"),
        Arguments.of("axes: {width: [3r]}\nbase: {problem: {n: 5, r: 2}}\n", "axis width 3r (= 6)"),
        Arguments.of("axes: {width: [x]}\n", "axis width x is invalid; accepted: an integer, r, <k>r"),
        Arguments.of("axes: {width: [n, 40]}\n", "are the same run"),
        Arguments.of("- 1\n- 2\n", "s.yaml: the file is a list"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("bad")
  void aBadSweepIsOneLineNamingTheKey(String yaml, String fragment) {
    assertThatThrownBy(() -> SweepPlan.of(parse(yaml))).isInstanceOf(BadInputException.class)
        .hasMessageContaining(fragment).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void criteriaCompareTheFinalOrTheSmallestValue() {
    assertThat(Criterion.parse("min:test_error <= 1e-3", "x")).isEqualTo(new Criterion("min:test_error", "<=", 1e-3));
    assertThat(Criterion.parse(" iterations>10 ", "x")).isEqualTo(new Criterion("iterations", ">", 10));
  }
}
