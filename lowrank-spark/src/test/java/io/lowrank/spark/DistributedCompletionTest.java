package io.lowrank.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowrank.experiment.completion.CompletionModel;
import io.lowrank.experiment.completion.Completer;
import io.lowrank.experiment.completion.Ratings;
import io.lowrank.experiment.engine.Engine;
import io.lowrank.experiment.run.RunResult;
import io.lowrank.experiment.run.Runner;
import io.lowrank.experiment.run.Workload;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.operator.EntrySampling;
import io.lowrank.solver.Observer;
import io.lowrank.solver.StopRequest;
import io.lowrank.solver.Termination;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data-parallel completion on local[2]: the trajectory is the local one bit for bit, whatever the
 * number of canonical blocks, and the lineage stays flat over thousands of iterations.
 */
class DistributedCompletionTest {
  static SparkEngine spark;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    spark = SparkEngine.open("local[2]", 2);
  }

  @AfterAll
  static void stop() {
    spark.close();
  }

  /** Local and Spark runs of a 50-iteration fit on data that the fused pass cuts into {@code blocks} blocks. */
  static void assertBitIdentical(SparkEngine engine, Path file, int blocks) {
    RunSpec spec = PlantedRatings.spec(file, 50, 0.1, 6);
    Runner runner = new Runner(1);
    Workload w = runner.workloads().of(spec);
    assertThat(((EntrySampling) w.problem().operator()).fusedBlocks()).as("blocks of %s", file).isEqualTo(blocks);
    RunResult local = Engine.local().run(runner, spec, w, List.of());
    long before = engine.distributedPasses();
    RunResult remote = engine.run(runner, spec, w, List.of());
    assertThat(engine.distributedPasses() - before).as("distributed passes").isGreaterThanOrEqualTo(50);
    assertThat(remote.solve().iterations()).isEqualTo(local.solve().iterations()).isEqualTo(50);
    assertThat(PlantedRatings.bits(remote)).as("L and R bits, %d blocks", blocks).isEqualTo(PlantedRatings.bits(local));
    assertThat(Double.doubleToRawLongBits(remote.solve().finalLoss()))
        .isEqualTo(Double.doubleToRawLongBits(local.solve().finalLoss()));
    assertThat(remote.history().columns()).isEqualTo(local.history().columns());
    for (String c : local.history().columns()) {
      if (c.equals("elapsed_s")) {
        continue;
      }
      assertThat(remote.history().column(c)).as("history column %s", c).containsExactly(local.history().column(c));
    }
  }

  /** Entry counts that give 1, 2, 3 and the maximum 8 blocks (|train| / (4 n2), n2 = 30, 10 % held out). */
  static final int[][] CASES = {{20, 150, 1}, {40, 300, 2}, {60, 430, 3}, {200, 4000, 8}};

  @Test
  void factorsAfter50IterationsAreBitIdenticalToTheLocalRunFor1To8Blocks() throws Exception {
    for (int[] c : CASES) {
      Path f = PlantedRatings.write(dir.resolve("r" + c[2] + ".csv"), c[0], 30, 3, c[1], c[2]);
      assertBitIdentical(spark, f, c[2]);
    }
  }

  @Test
  void theEstimatorWithStringIdsGivesTheLocalModelBitForBit() throws Exception {
    Path f = PlantedRatings.write(dir.resolve("est.csv"), 80, 30, 3, 1200, 5);
    Ratings data = Ratings.read(f);
    Completer c = Completer.builder().iterations(200).seed(3).build();
    CompletionModel local = c.fit(data);
    CompletionModel remote = c.engine(spark).fit(data);
    assertThat(remote.rowIds()).containsExactly(local.rowIds());
    assertThat(remote.left().data()).containsExactly(local.left().data());
    assertThat(remote.right().data()).containsExactly(local.right().data());
    assertThat(Double.doubleToRawLongBits(remote.predict("user 3", "item-4")))
        .isEqualTo(Double.doubleToRawLongBits(local.predict("user 3", "item-4")));
  }

  /**
   * Checkpoint + resume on Spark: a fit stopped between two checkpoints and resumed on Spark, and
   * one stopped on Spark and resumed locally, both give the model of the uninterrupted local fit.
   */
  @Test
  void aFitInterruptedOnSparkResumesToTheUninterruptedModelOnEitherEngine() throws Exception {
    Path f = PlantedRatings.write(dir.resolve("ckpt.csv"), 60, 30, 3, 900, 11);
    Ratings data = Ratings.read(f);
    Completer c = Completer.builder().iterations(400).seed(3).build();
    Completer.Fit whole = c.fitDetailed(data);
    int cut = 2 * 20 + 15;
    assertThat(whole.first().solve().iterations()).isGreaterThan(cut);
    Observer stopper = (t, s, nanos) -> {
      if (t == cut) {
        StopRequest.request();
      }
    };
    try {
      for (boolean resumeOnSpark : new boolean[] {true, false}) {
        Path ck = dir.resolve("ck-" + resumeOnSpark);
        Completer.Fit stopped = c.engine(spark).observedBy(List.of(stopper))
            .checkpoints(new Completer.Checkpoints(ck, 20, false)).fitDetailed(data);
        StopRequest.clear();
        assertThat(stopped.first().solve().termination()).isEqualTo(Termination.INTERRUPTED);
        assertThat(stopped.first().solve().iterations()).isEqualTo(cut);
        Completer resuming = c.checkpoints(new Completer.Checkpoints(ck, 20, true));
        CompletionModel resumed = (resumeOnSpark ? resuming.engine(spark) : resuming).fit(data);
        assertThat(resumed.left().data()).as("L, resumed on spark: %s", resumeOnSpark)
            .containsExactly(whole.model().left().data());
        assertThat(resumed.right().data()).containsExactly(whole.model().right().data());
        assertThat(resumed.summary().iterations()).isEqualTo(whole.model().summary().iterations());
        assertThat(resumed.history().validationRmse()).containsExactly(whole.model().history().validationRmse());
      }
    } finally {
      StopRequest.clear();
    }
  }

  @Test
  void threeThousandIterationsRunWithoutStackOverflow() throws Exception {
    Path f = PlantedRatings.write(dir.resolve("long.csv"), 40, 30, 2, 300, 9);
    RunSpec spec = PlantedRatings.spec(f, 3000, 0.0, 4);
    Runner runner = new Runner(1);
    Workload w = runner.workloads().of(spec);
    RunResult remote = spark.run(runner, spec, w, List.of());
    assertThat(remote.solve().iterations()).isEqualTo(3000);
    assertThat(remote.solve().finite()).isTrue();
    RunResult local = Engine.local().run(runner, spec, w, List.of());
    assertThat(PlantedRatings.bits(remote)).isEqualTo(PlantedRatings.bits(local));
  }

  @Test
  void otherModelsRunOnTheDriverUnchanged() {
    RunSpec spec = io.lowrank.experiment.spec.SpecFiles.parse("""
        problem: {model: goe, n: 15, r: 2, oversampling: 5}
        stop: {iterations: 100}
        seed: 4
        """, "goe").bind();
    Runner runner = new Runner(1);
    Workload w = runner.workloads().of(spec);
    assertThat(PlantedRatings.bits(spark.run(runner, spec, w, List.of())))
        .isEqualTo(PlantedRatings.bits(Engine.local().run(runner, spec, w, List.of())));
  }
}
