package io.lowrank.experiment.completion;

import io.lowrank.experiment.engine.Engine;
import io.lowrank.experiment.formats.BadInputException;
import io.lowrank.experiment.formats.ObservedEntries;
import io.lowrank.experiment.output.CheckpointFile;
import io.lowrank.experiment.run.RunResult;
import io.lowrank.experiment.run.Runner;
import io.lowrank.experiment.run.Workload;
import io.lowrank.experiment.spec.InitSpec;
import io.lowrank.experiment.spec.ProblemSpec;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.spec.SpecFiles;
import io.lowrank.experiment.spec.StopSpec;
import io.lowrank.init.FactorPair;
import io.lowrank.init.SmallRandomPairInit;
import io.lowrank.linalg.Mat;
import io.lowrank.random.Seeds;
import io.lowrank.solver.Observer;
import io.lowrank.validation.NumericalRank;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The completion estimator (docs/math.md §9): {@code Completer.builder()...build().fit(ratings)}
 * holds out entries, fits the centring baseline (its bias regularisation chosen on the held-out
 * entries unless given), runs GD on a wide factor pair from a small random start, keeps the
 * iterate with the smallest validation error, retrains on every entry for that many iterations
 * (unless {@code refit(false)}), and returns a {@link CompletionModel}. Every default is the ratings {@link RunSpec}'s, the same ones
 * {@code lowrank complete} uses. Optional: a warm start from a fitted model ({@link #warmStart}),
 * and a refit on all entries for the chosen number of iterations ({@link #refit}). Immutable; the
 * {@code with}-style methods return copies.
 *
 * <pre>{@code
 * CompletionModel model = Completer.builder().width(50).seed(7).build().fit(Ratings.read(path));
 * double r = model.predict("user 17", "movie 3");
 * }</pre>
 */
public final class Completer {
  /** The problem path of a spec built by the builder (replaced by the data's name at fit time). */
  static final String PLACEHOLDER = "ratings";
  static final String WARM_LEFT = "warm-start:L";
  static final String WARM_RIGHT = "warm-start:R";

  /** Retrain on all entries for the chosen number of iterations unless told otherwise. */
  public static final boolean DEFAULT_REFIT = true;

  private final RunSpec spec;
  private final boolean refit;
  private final CompletionModel warm;
  private final List<Observer> observers;
  private final Engine engine;
  private final Checkpoints checkpoints;

  private Completer(RunSpec spec, boolean refit, CompletionModel warm, List<Observer> observers, Engine engine,
      Checkpoints checkpoints) {
    this.spec = spec;
    this.refit = refit;
    this.warm = warm;
    this.observers = List.copyOf(observers);
    this.engine = engine;
    this.checkpoints = checkpoints;
  }

  /**
   * Where a fit keeps its checkpoints: {@code dir/fit.ckpt} (the early-stopped fit) and
   * {@code dir/refit.ckpt} (the refit), each rewritten atomically every {@code every} iterations,
   * on interrupt and at the end ({@link CheckpointFile}).
   *
   * @param dir the directory (created when missing)
   * @param every cadence in iterations, >= 1
   * @param resume continue from the checkpoints in {@code dir} (a fit without them starts afresh);
   *     when false, existing checkpoints are refused rather than overwritten
   */
  public record Checkpoints(java.nio.file.Path dir, int every, boolean resume) {
    /** The default cadence. */
    public static final int DEFAULT_EVERY = 100;

    public Checkpoints {
      Objects.requireNonNull(dir, "dir");
      CheckpointFile.requireCadence(every);
    }

    /** The checkpoint file of one phase ({@code fit} or {@code refit}). */
    public java.nio.file.Path file(String phase) {
      return dir.resolve(phase + CheckpointFile.SUFFIX);
    }
  }

  /**
   * A completer running {@code spec}, which must be a ratings spec with validation early stopping
   * (its {@code problem.path} is replaced by the data given to {@link #fit}).
   */
  public static Completer of(RunSpec spec) {
    if (!(spec.problem() instanceof ProblemSpec.Ratings)) {
      throw new BadInputException("a completer runs a ratings spec, not " + spec.model().id()
          + "; accepted: problem.model ratings");
    }
    if (spec.stop().validation() == null) {
      throw new BadInputException("completion chooses its iterate on held-out entries, but early stopping is off "
          + "(hold_out 0); accepted: stop.early_stopping.hold_out between 0 and 1, e.g. 0.1");
    }
    return new Completer(spec, DEFAULT_REFIT, null, List.of(), Engine.local(), null);
  }

  /** A builder with every option at its default. */
  public static Builder builder() {
    return new Builder();
  }

  /** The same completer, starting from {@code model}'s factors (rows and columns matched by id; new ids start small and random). */
  public Completer warmStart(CompletionModel model) {
    return new Completer(spec, refit, Objects.requireNonNull(model, "model"), observers, engine, checkpoints);
  }

  /** The same completer, retraining on all entries for the chosen number of iterations when {@code refit}. */
  public Completer refit(boolean refit) {
    return new Completer(spec, refit, warm, observers, engine, checkpoints);
  }

  /**
   * The same completer, running its gradient descent (the early-stopped fit and the refit) on
   * {@code engine}, e.g. {@code Engines.open("spark", "local[2]", 2)}: the model is the local one bit
   * for bit (docs/spark.md). The caller closes the engine.
   */
  public Completer engine(Engine engine) {
    return new Completer(spec, refit, warm, observers, Objects.requireNonNull(engine, "engine"), checkpoints);
  }

  /** The same completer, with observers (progress) that see every recorded iteration; {@link io.lowrank.experiment.run.ValidationWatcher}s also see each validation evaluation. */
  public Completer observedBy(List<? extends Observer> extra) {
    return new Completer(spec, refit, warm, List.copyOf(extra), engine, checkpoints);
  }

  /**
   * The same completer, keeping checkpoints (null: none). A fit resumed from its checkpoints gives
   * the uninterrupted fit's model bit for bit, on any engine and thread count; an interrupted fit
   * ({@link io.lowrank.solver.StopRequest}) leaves a checkpoint at the iteration it stopped.
   */
  public Completer checkpoints(Checkpoints checkpoints) {
    return new Completer(spec, refit, warm, observers, engine, checkpoints);
  }

  /** The ratings spec (with the placeholder path when built by the builder). */
  public RunSpec spec() {
    return spec;
  }

  /** Fits the model. */
  public CompletionModel fit(Ratings ratings) {
    return fitDetailed(ratings).model();
  }

  /**
   * A fit with its details.
   *
   * @param model the model
   * @param first the early-stopped fit (held-out RMSE, chosen iteration, termination, timings)
   * @param refit the run on all entries (null without {@link #refit})
   */
  public record Fit(CompletionModel model, CompletionResult first, RunResult refit) {}

  /** Fits the model and returns the early-stopped run and the refit run too. */
  public Fit fitDetailed(Ratings ratings) {
    ProblemSpec.Ratings p = (ProblemSpec.Ratings) spec.problem();
    RunSpec run = spec.withProblem(p.withPath(ratings.name()));
    Runner runner = new Runner(1);
    runner.workloads().register(ratings.name(), ratings.data());
    if (warm != null) {
      run = warmStarted(run, ratings, runner);
    }
    List<Observer> fitObservers = new java.util.ArrayList<>(observers);
    if (checkpoints != null) {
      fitObservers.add(CheckpointFile.open(checkpoints.file("fit"), run, ratings.digest(), checkpoints.every(),
          checkpoints.resume()));
    }
    CompletionResult first = RankFreeCompletion.run(engine, runner, run, ratings.data(), fitObservers);
    if (first.failed()) {
      return new Fit(null, first, null);
    }
    // interrupted (StopRequest): the best iterate so far is the model; a refit would stop at once
    boolean interrupted = first.solve().termination() == io.lowrank.solver.Termination.INTERRUPTED;
    if (!refit || first.chosenIteration() <= 0 || interrupted) {
      return new Fit(model(ratings, first.run().spec(), first.baseline(), first.left(), first.right(),
          first.singularValues(), first.rankThreshold(), first, first.trainRmse(), first.trainEntries(),
          first.solve().iterations(), first.solve().termination().name(), false), first, null);
    }
    StopSpec s = run.stop();
    double lambda = first.baseline().lambda();
    RunSpec all = run.withProblem(p.withPath(ratings.name())
        .withBiasLambda(Double.isFinite(lambda) ? Double.valueOf(lambda) : p.biasLambda())).withStop(new StopSpec(first.chosenIteration(), 0.0, s.timeLimit(), null,
        StopSpec.EarlyStopping.off()));
    if (first.run().spec().width() != null) {
      all = all.withWidth(first.run().spec().width());
    }
    Workload w = runner.workloads().of(all);
    List<Observer> refitObservers = checkpoints == null ? List.of()
        : List.of(CheckpointFile.open(checkpoints.file("refit"), all, ratings.digest(), checkpoints.every(),
            checkpoints.resume()));
    RunResult again = engine.run(runner, all, w, refitObservers);
    if (again.diverged()) {
      return new Fit(null, first, again);
    }
    Mat left = again.factors().left();
    Mat right = again.factors().right();
    double rmse = RankFreeCompletion.trainRmse(w, left, right);
    double[] sv = RankFreeCompletion.completedSingularValues(w.baseline(), left, right);
    double threshold = NumericalRank.noiseAwareThreshold(sv, first.validationRmse(), ratings.rows(), ratings.cols(),
        w.problem().y().length);
    return new Fit(model(ratings, again.spec(), w.baseline(), left, right, sv, threshold, first, rmse,
        w.problem().y().length, again.solve().iterations(), again.solve().termination().name(), true), first, again);
  }

  /** The model of fitted factors, with the singular values and rank threshold of their completed matrix. */
  private static CompletionModel model(Ratings ratings, RunSpec spec, io.lowrank.experiment.run.Baseline baseline,
      Mat left, Mat right, double[] sv, double threshold, CompletionResult first, double trainRmse, int trainEntries,
      int iterations, String termination, boolean refit) {
    ObservedEntries e = ratings.data().entries();
    int[] start = new int[e.rows() + 1];
    for (int i = 0; i <= e.rows(); i++) {
      start[i] = e.rowStart(i);
    }
    int[] cols = new int[e.size()];
    for (int q = 0; q < cols.length; q++) {
      cols[q] = e.col(q);
    }
    FitHistory history = new FitHistory(first.validationIterations().clone(), first.trainRmseTrace().clone(),
        first.validationRmseTrace().clone(), first.chosenIteration());
    CompletionModel.Summary summary = new CompletionModel.Summary(first.validationRmse(),
        first.baselineValidationRmse(), trainRmse, iterations, termination, refit, trainEntries,
        first.validationEntries());
    return new CompletionModel(ratings.data().rowIds().clone(), ratings.data().colIds().clone(), baseline,
        left.copy(), right.copy(), start, cols, history, sv.clone(), threshold, NumericalRank.rankWithGap(sv, threshold),
        summary, spec, ratings.data().header());
  }

  /** The run starting from the warm model's factors, matched by id; new ids get small random rows. */
  private RunSpec warmStarted(RunSpec run, Ratings ratings, Runner runner) {
    int width = warm.width();
    if (run.width() != null && run.width() != width) {
      throw new BadInputException("width " + run.width() + " differs from the warm-start model's width " + width
          + "; accepted: drop width, or width " + width);
    }
    double alpha = run.init() instanceof InitSpec.SmallRandom s ? s.alpha() : RunSpec.DEFAULT_RATINGS_ALPHA;
    double beta = run.init() instanceof InitSpec.SmallRandom s && s.beta() != null ? s.beta() : alpha;
    int n1 = ratings.rows();
    int n2 = ratings.cols();
    FactorPair fresh = new SmallRandomPairInit(alpha, beta).initialise(n1, n2, width,
        Seeds.derive(run.seed(), Seeds.Stream.INIT));
    Mat left = fresh.left();
    Mat right = fresh.right();
    copyRows(warm.left(), warm::rowIndex, ratings.data().rowIds(), left);
    copyRows(warm.right(), warm::colIndex, ratings.data().colIds(), right);
    runner.workloads().registerStart(WARM_LEFT, left);
    runner.workloads().registerStart(WARM_RIGHT, right);
    return run.withInit(new InitSpec.Given(WARM_LEFT, WARM_RIGHT)).withWidth(width);
  }

  private static void copyRows(Mat from, java.util.function.ToIntFunction<String> index, String[] ids, Mat to) {
    int k = from.cols();
    for (int i = 0; i < ids.length; i++) {
      int src = index.applyAsInt(ids[i]);
      if (src >= 0) {
        System.arraycopy(from.data(), src * k, to.data(), i * k, k);
      }
    }
  }

  /**
   * Options of a {@link Completer}; each unset option keeps the ratings spec's default
   * (docs/math.md §12). Values are validated by {@link #build}, which names the option.
   */
  public static final class Builder {
    private final Map<String, Object> options = new LinkedHashMap<>();
    private boolean refit = DEFAULT_REFIT;

    private Builder() {}

    private Builder put(String key, Object value) {
      options.put(key, value);
      return this;
    }

    /** r', the factor width (default min(rows, columns, 100)). */
    public Builder width(int width) {
      return put("width", width);
    }

    /** The scale alpha of the small random start. */
    public Builder alpha(double alpha) {
      return put("init.alpha", alpha);
    }

    /** The step as a fraction c of ||A*(y)||: mu = c / ||A*(y)||. */
    public Builder stepFraction(double c) {
      return put("method.step_fraction", c);
    }

    /** The fraction of entries held out for early stopping. */
    public Builder holdOut(double fraction) {
      return put("stop.early_stopping.hold_out", fraction);
    }

    /** Iterations without improvement before stopping. */
    public Builder patience(int iterations) {
      return put("stop.early_stopping.patience", iterations);
    }

    /** Measure the validation error every k iterations. */
    public Builder validateEvery(int k) {
      return put("stop.early_stopping.every", k);
    }

    /** The iteration budget. */
    public Builder iterations(int iterations) {
      return put("stop.iterations", iterations);
    }

    /** The relative-residual tolerance (0: off). */
    public Builder tolerance(double tolerance) {
      return put("stop.tolerance", tolerance);
    }

    /** The regularisation of the row and column biases (default: chosen on the held-out entries). */
    public Builder biasLambda(double lambda) {
      return put("problem.bias_lambda", lambda);
    }

    /** The centring baseline. */
    public Builder centring(io.lowrank.experiment.spec.Centring centring) {
      return put("problem.centring", centring.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** The seed of the split and the start. */
    public Builder seed(long seed) {
      return put("seed", seed);
    }

    /** Threads of the fit (results do not depend on it). */
    public Builder threads(int threads) {
      return put("threads", threads);
    }

    /** Retrain on all entries for the chosen number of iterations (default {@value Completer#DEFAULT_REFIT}). */
    public Builder refit(boolean refit) {
      this.refit = refit;
      return this;
    }

    /** The validated completer; a bad option is refused with its name and what is accepted. */
    public Completer build() {
      SpecFiles.Source source = SpecFiles.Source.empty("Completer");
      Map<String, Object> problem = new LinkedHashMap<>();
      problem.put("model", "ratings");
      problem.put("path", PLACEHOLDER);
      source.preset("problem", problem);
      source.preset("stop.early_stopping", new LinkedHashMap<>());
      options.forEach((k, v) -> source.option(k, v, k));
      return of(source.bind()).refit(refit);
    }
  }
}
