package io.lowrank.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowrank.init.FactorPair;
import io.lowrank.init.SmallRandomPairInit;
import io.lowrank.linalg.Decompositions;
import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.model.AsymmetricGroundTruth;
import io.lowrank.model.Problem;
import io.lowrank.operator.EntrySampling;
import io.lowrank.random.Seeds;
import io.lowrank.solver.AsymmetricGradientDescent;
import io.lowrank.solver.Driver;
import io.lowrank.solver.Iterate;
import io.lowrank.solver.Observer;
import io.lowrank.solver.SolveResult;
import io.lowrank.solver.StepRule;
import io.lowrank.solver.StopRules;
import io.lowrank.solver.Termination;
import io.lowrank.testkit.AdjointChecker;
import io.lowrank.testkit.PlantedModels;
import io.lowrank.testkit.Tol;
import io.lowrank.validation.EarlyStopping;
import io.lowrank.validation.HoldOut;
import io.lowrank.validation.NumericalRank;
import io.lowrank.validation.ValidationSet;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Hold-out splitting, validation early stopping and the numerical rank (docs/math.md §9). */
class ValidationTest {

  @Test
  void holdOutIsADeterministicDisjointSortedPartition() {
    HoldOut a = HoldOut.split(1000, 0.1, 7);
    assertThat(a.validation()).hasSize(100);
    assertThat(a.train()).hasSize(900);
    assertThat(a.validation()).isSorted();
    assertThat(a.train()).isSorted();
    int[] all = new int[1000];
    for (int i : a.train()) {
      all[i]++;
    }
    for (int i : a.validation()) {
      all[i]++;
    }
    assertThat(all).containsOnly(1);
    assertThat(HoldOut.split(1000, 0.1, 7)).usingRecursiveComparison().isEqualTo(a);
    assertThat(HoldOut.split(1000, 0.1, 8).validation()).isNotEqualTo(a.validation());
    assertThatThrownBy(() -> HoldOut.split(10, 1.0, 1)).hasMessageContaining("strictly between 0 and 1");
  }

  @Test
  void numericalRankMatchesTheDenseSvdOfTheProduct() {
    SplittableRandom rng = new SplittableRandom(4);
    Mat l = AdjointChecker.gaussian(30, 6, rng);
    Mat r = AdjointChecker.gaussian(20, 6, rng);
    for (int i = 0; i < 30; i++) {
      l.set(i, 5, 1e-5 * l.get(i, 5)); // one direction at 1e-5 relative scale: below the threshold
    }
    Mat product = new Mat(30, 20);
    Dense.multiplyTransB(l, r, product);
    double[] dense = Decompositions.singularValues(product);
    double[] factored = NumericalRank.singularValues(l, r);
    for (int k = 0; k < 6; k++) {
      assertThat(factored[k]).isCloseTo(dense[k], org.assertj.core.data.Offset.offset(Tol.ROUND_OFF * dense[0] * 100));
    }
    assertThat(NumericalRank.of(l, r)).isEqualTo(5);
    assertThat(NumericalRank.count(new double[] {1.0, 2e-3, 5e-4}, 1e-3)).isEqualTo(2);
  }

  /** Noisy rectangular completion with a wide factor: the validation error has an interior minimum. */
  private static Problem noisy(long seed) {
    return PlantedModels.rectangularCompletion(60, 50, 2, 2.0, 0.3, 0.3, seed);
  }

  @Test
  void earlyStoppingStopsKeepsTheBestIterateAndItsError() {
    Problem full = noisy(3);
    AsymmetricGroundTruth truth = full.asymmetricTruth().orElseThrow();
    EntrySampling op = (EntrySampling) full.operator();
    HoldOut split = HoldOut.split(op.size(), 0.2, 5);
    Problem train = subset(full, op, split.train(), op.samplingRate() * 0.8, truth);
    Problem val = subset(full, op, split.validation(), 1.0, null);
    ValidationSet validation = new ValidationSet(val.operator(), val.y(), 20);
    EarlyStopping rule = new EarlyStopping(validation, 100, EarlyStopping.DEFAULT_MIN_RELATIVE_IMPROVEMENT);
    List<Mat> copies = new ArrayList<>();
    List<Integer> seen = new ArrayList<>();
    Observer keep = (t, state, nanos) -> {
      seen.add(t);
      copies.add(state.factor().copy());
    };
    FactorPair f = SmallRandomPairInit.balanced(1e-3).initialise(60, 50, 20, 9);
    SolveResult result = new Driver(StopRules.iterations(20_000), 5)
        .run(AsymmetricGradientDescent.plain(StepRule.defaultRule()).start(train, f.left(), f.right()), List.of(keep, rule));
    assertThat(result.termination()).isEqualTo(Termination.EARLY_STOPPED);
    assertThat(result.iterations() - rule.bestIteration()).isGreaterThanOrEqualTo(100);
    double[] errors = rule.errors();
    assertThat(rule.bestError()).isEqualTo(Arrays.stream(errors).min().getAsDouble());
    assertThat(rule.bestError()).isLessThan(errors[errors.length - 1]);
    assertThat(rule.bestLeft()).isEqualTo(copies.get(seen.indexOf(rule.bestIteration())));
    assertThat(validation.meanSquaredError(rule.bestLeft(), rule.bestRight())).isEqualTo(rule.bestError());
  }

  private static Problem subset(Problem full, EntrySampling op, int[] idx, double p, AsymmetricGroundTruth truth) {
    int[] rows = new int[idx.length];
    int[] cols = new int[idx.length];
    double[] y = new double[idx.length];
    double back = Math.sqrt(op.samplingRate());
    for (int k = 0; k < idx.length; k++) {
      rows[k] = op.row(idx[k]);
      cols[k] = op.col(idx[k]);
      y[k] = full.y()[idx[k]] * back / Math.sqrt(p);
    }
    return Problem.ofAsymmetric(EntrySampling.rectangular(op.rows(), op.cols(), rows, cols, p), y, truth);
  }

  @Test
  void asymmetricStepsAllocateNothing() {
    com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    List<Problem> problems = List.of(noisy(1), PlantedModels.asymmetricSensing(8, 7, 2, 2.0, 120, 0.0, 2),
        PlantedModels.rankOneSensing(8, 2, 2.0, 100, 3));
    for (Problem p : problems) {
      FactorPair f = SmallRandomPairInit.balanced(1e-3).initialise(p.operator().rows(), p.operator().cols(), 3,
          Seeds.derive(1, Seeds.Stream.INIT));
      Iterate it = AsymmetricGradientDescent.plain(new StepRule.Absolute(1e-4)).start(p, f.left(), f.right());
      for (int i = 0; i < 5000; i++) {
        it.step();
      }
      // the least of three windows of 200 steps: a one-off allocation (a recompilation) can land in
      // one window; an allocating step allocates in all three
      long least = Long.MAX_VALUE;
      for (int window = 0; window < 3; window++) {
        bean.getCurrentThreadAllocatedBytes();
        long before = bean.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 200; i++) {
          it.step();
        }
        least = Math.min(least, bean.getCurrentThreadAllocatedBytes() - before);
      }
      // 16 bytes over 200 steps absorbs one stray object; one array per step would be >= 3200.
      assertThat(least).as(p.operator().getClass().getSimpleName()).isLessThanOrEqualTo(16);
    }
  }
}
