package io.lowrank.cli;

import io.lowrank.diagnostics.History;
import io.lowrank.diagnostics.HistoryRecorder;
import io.lowrank.diagnostics.Probes;
import io.lowrank.experiment.io.InstanceFiles;
import io.lowrank.init.SmallRandomInit;
import io.lowrank.linalg.Mat;
import io.lowrank.linalg.Memory;
import io.lowrank.model.GroundTruth;
import io.lowrank.model.Problem;
import io.lowrank.operator.Precision;
import io.lowrank.operator.SymmetricGaussianSensing;
import io.lowrank.parallel.Parallelism;
import io.lowrank.random.Seeds;
import io.lowrank.solver.Driver;
import io.lowrank.solver.GradientDescent;
import io.lowrank.solver.Iterate;
import io.lowrank.solver.Observer;
import io.lowrank.solver.SolveResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code lowrank sense} pipeline, library calls only: make or load the instance, optionally
 * save it, start gradient descent, run the {@link Driver} with a {@link HistoryRecorder}.
 * Randomness comes from {@link Seeds#derive} per concern, so changing alpha keeps the measurements.
 */
final class SenseRun {
  private SenseRun() {}

  /**
   * Everything a report needs about one run.
   *
   * @param instance the problem and U_0 that were run
   * @param stepSize the resolved mu
   * @param referenceLoss f(0) = ||y||^2 / 4
   * @param result the driver's result
   * @param history the recorded trace
   * @param setupNanos time to make or load the instance and start the solver (saving excluded)
   * @param totalNanos wall time of the whole pipeline
   */
  record Outcome(InstanceFiles.Instance instance, double stepSize, double referenceLoss, SolveResult result,
      History history, long setupNanos, long totalNanos) {}

  static Outcome execute(SenseSpec spec, List<? extends Observer> extraObservers) throws IOException {
    long start = System.nanoTime();
    InstanceFiles.Instance instance;
    if (spec.source() instanceof SenseSpec.Generate g) {
      instance = generate(g, spec.seed(), spec.saveInstance() != null);
    } else {
      SenseSpec.Load load = (SenseSpec.Load) spec.source();
      instance = InstanceFiles.load(load.dir());
      load.checkAgainst(instance);
    }
    long saveNanos = 0;
    if (spec.saveInstance() != null) {
      long s = System.nanoTime();
      InstanceFiles.save(spec.saveInstance(), instance.problem(), instance.u0());
      saveNanos = System.nanoTime() - s;
    }
    try (Parallelism parallelism = Parallelism.threads(spec.threads())) {
      Problem problem = withThreads(instance.problem(), parallelism);
      Iterate iterate = GradientDescent.plain(spec.stepRule()).start(problem, instance.u0());
      long setup = System.nanoTime() - start - saveNanos;

      GroundTruth truth = problem.truth().orElse(null);
      HistoryRecorder recorder = new HistoryRecorder(Probes.standard(truth));
      List<Observer> observers = new ArrayList<>(extraObservers);
      observers.add(0, recorder);
      SolveResult result = new Driver(spec.stopRules(), spec.recordEvery()).run(iterate, observers);
      return new Outcome(instance, iterate.stepSize(), iterate.referenceLoss(), result, recorder.history(), setup,
          System.nanoTime() - start);
    }
  }

  /** The problem with its sensing operator's passes spread over {@code parallelism} (same results). */
  private static Problem withThreads(Problem problem, Parallelism parallelism) {
    if (parallelism.threads() == 1 || !(problem.operator() instanceof SymmetricGaussianSensing op)) {
      return problem;
    }
    return Problem.of(op.withParallelism(parallelism), problem.y(), problem.truth().orElse(null));
  }

  private static InstanceFiles.Instance generate(SenseSpec.Generate g, long seed, boolean willSave) {
    int n = g.n();
    int m = g.m();
    long packed = (long) m * n * (n + 1) / 2;
    long dense = willSave ? (long) m * n * n : 0;
    long perMatrix = 8L * n * n;
    long bytes = g.precision().bytesPerEntry() * packed + 8 * dense + 4 * perMatrix + 16L * n * g.width();
    Memory.require(bytes, Math.max(packed, dense), String.format(Locale.ROOT,
        "the sensing instance for --n %d --m %d (m n(n+1)/2 = %d %s%s)", n, m, packed,
        g.precision() == Precision.FLOAT64 ? "doubles" : "floats",
        willSave ? ", plus m n^2 doubles for --save-instance" : ""), "reduce --m or --n");
    Problem problem = Problem.plantedSensing(g.truthSpec(), m, g.noise(), seed, g.precision());
    Mat u0 = new SmallRandomInit(g.alpha()).initialise(problem, g.width(), Seeds.derive(seed, Seeds.Stream.INIT));
    return new InstanceFiles.Instance(problem, u0);
  }
}
