package io.lowrank.experiment.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lowrank.operator.Precision;
import io.lowrank.solver.Method;
import java.util.Locale;

/**
 * One run, completely described: what it is on, where it starts, how it steps, when it stops, what
 * it records, and its seed. Immutable and validated: the constructor fills every default (some
 * depend on the model, e.g. ratings runs stop early by default) and refuses impossible
 * combinations with the reason, before any work (docs/math.md and the README's spec reference
 * list every key). Read and written as YAML or JSON by {@link SpecFiles}; the {@code Runner} of
 * lowrank-experiment turns it into a result.
 *
 * @param problem the measurement model and its sizes, or the data files
 * @param init the starting point
 * @param method the method and its step rule
 * @param stop the stop rules
 * @param recording what the history records (key {@code record})
 * @param width r', the width of the factors (default n for symmetric models, min(n1, n2) for
 *     asymmetric ones; with a given start, that start's width; for ratings min(n1, n2, 100); null
 *     until the data or the start is read)
 * @param seed the master seed; truth, operator, noise, start and split draw from derived streams
 * @param threads threads for one run's passes over the operator (results do not depend on it)
 * @param precision storage of generated goe, asymmetric and rank-one measurements: float64 (default),
 *     float32, bf16 or int8 ({@link Precision}; the rounded operator is the operator)
 */
public record RunSpec(ProblemSpec problem, InitSpec init, MethodSpec method, StopSpec stop,
    @JsonProperty("record") RecordSpec recording, Integer width, Long seed, Integer threads, Precision precision) {

  public static final double DEFAULT_ALPHA = 1e-6;
  public static final double DEFAULT_RATINGS_ALPHA = 1e-3;
  /** The default width cap of rank-free completion on ratings. */
  public static final int MAX_DEFAULT_RATINGS_WIDTH = 100;

  /** The width of a rank-free completion run: {@code given}, or min(rows, columns, 100). */
  public static int ratingsWidth(Integer given, long rows, long cols) {
    return given != null ? given : (int) Math.min(Math.min(rows, cols), MAX_DEFAULT_RATINGS_WIDTH);
  }
  public static final int MAX_THREADS = 256;

  public RunSpec {
    problem = resolve(problem == null ? new ProblemSpec.Goe(null, null, null, null, null, null, null) : problem,
        "problem");
    boolean ratings = problem instanceof ProblemSpec.Ratings;
    method = method == null ? new MethodSpec.Gd(null, null).resolved() : resolve(method, "method");
    init = resolveInit(init == null ? new InitSpec.SmallRandom(null, null) : init, problem, method);
    stop = resolveStop(stop == null ? StopSpec.defaults() : stop, ratings);
    recording = resolveRecord(recording == null ? RecordSpec.defaults() : recording, stop, ratings);
    width = init instanceof InitSpec.Given && width == null ? null : resolveWidth(width, problem);
    seed = seed == null ? 1L : seed;
    threads = Valid.intRange(threads == null ? 1 : threads, 1, MAX_THREADS, "threads", "1 <= threads <= " + MAX_THREADS);
    precision = precision == null ? Precision.FLOAT64 : precision;
    Combinations.check(problem, init, method, stop, recording, width, threads, precision);
  }

  /** A GOE run with every default (n = 40, r = 2, r' = n, m = 20 n r, alpha = 1e-6, GD). */
  public static RunSpec defaults() {
    return new RunSpec(null, null, null, null, null, null, null, null, null);
  }

  private static ProblemSpec resolve(ProblemSpec p, String key) {
    try {
      return p.resolved();
    } catch (SpecException e) {
      throw e.under(key);
    }
  }

  private static MethodSpec resolve(MethodSpec m, String key) {
    try {
      return m.resolved();
    } catch (SpecException e) {
      throw e.under(key);
    }
  }

  private static InitSpec resolveInit(InitSpec init, ProblemSpec problem, MethodSpec method) {
    if (init instanceof InitSpec.SmallRandom s) {
      double alpha = s.alpha() != null ? s.alpha()
          : problem instanceof ProblemSpec.Ratings ? DEFAULT_RATINGS_ALPHA : DEFAULT_ALPHA;
      if (method instanceof MethodSpec.Deep d && d.alpha() != null) {
        alpha = d.alpha();
      }
      Valid.require(s.beta() == null || !problem.symmetricModel(), "init.beta", "beta is the scale of R_0, but "
          + problem.model().id() + " is a symmetric model (one factor U); accepted: drop init.beta");
      return new InitSpec.SmallRandom(alpha, problem.symmetricModel() ? null : Valid.or(s.beta(), alpha), s.seed());
    }
    if (init instanceof InitSpec.Spectral s) {
      return new InitSpec.Spectral(s.rank() != null ? s.rank() : problem.rank(),
          Valid.or(s.padAlpha(), InitSpec.Spectral.DEFAULT_PAD_ALPHA));
    }
    if (init instanceof InitSpec.ReluSpectral s) {
      return new InitSpec.ReluSpectral(s.rank() != null ? s.rank() : problem.rank(),
          Valid.or(s.padAlpha(), InitSpec.Spectral.DEFAULT_PAD_ALPHA));
    }
    InitSpec.Given g = (InitSpec.Given) init;
    Valid.require(problem.symmetricModel() || g.right() != null, "init.right", "the asymmetric model starts from a pair "
        + "(L0, R0); accepted: init.path L0.npy and init.right R0.npy");
    Valid.require(!problem.symmetricModel() || g.right() == null, "init.right", problem.model().id()
        + " is a symmetric model (one factor U0); accepted: drop init.right");
    return g;
  }

  private static StopSpec resolveStop(StopSpec s, boolean ratings) {
    StopSpec.EarlyStopping es = s.earlyStopping();
    if (es == null && ratings) {
      es = StopSpec.EarlyStopping.defaults();
    }
    return new StopSpec(Valid.or(s.iterations(), ratings ? StopSpec.DEFAULT_RATINGS_ITERATIONS : StopSpec.DEFAULT_ITERATIONS),
        Valid.or(s.tolerance(), ratings ? 0.0 : StopSpec.DEFAULT_TOLERANCE), s.timeLimit(), s.targetError(),
        es == null ? null : es.resolved());
  }

  private static RecordSpec resolveRecord(RecordSpec r, StopSpec stop, boolean ratings) {
    int fallback = stop.validation() != null ? stop.validation().every() : 1;
    return new RecordSpec(Valid.or(r.every(), fallback),
        Valid.or(r.probes(), ratings ? RecordSpec.Probes.BASIC : RecordSpec.Probes.STANDARD));
  }

  private static Integer resolveWidth(Integer width, ProblemSpec p) {
    Integer limit = p.rows() == null ? null : Math.min(p.rows(), p.cols());
    if (width != null) {
      Valid.intRange(width, 1, limit == null ? ProblemSpec.MAX_N : limit, "width",
          limit == null ? "an integer >= 1" : "1 <= width <= " + (p.symmetricModel() ? "n" : "min(n1, n2)") + " = " + limit);
      return width;
    }
    return limit;
  }

  /** The method of this run. */
  public Method methodName() {
    return method.method();
  }

  /** The model of this run. */
  public Model model() {
    return problem.model();
  }

  /** A copy with the width fixed (for data whose default width is known only once read). */
  public RunSpec withWidth(int w) {
    return new RunSpec(problem, init, method, stop, recording, w, seed, threads, precision);
  }

  /** A copy with another seed. */
  public RunSpec withSeed(long s) {
    return new RunSpec(problem, init, method, stop, recording, width, s, threads, precision);
  }

  /** A copy with another start. */
  public RunSpec withInit(InitSpec i) {
    return new RunSpec(problem, i, method, stop, recording, width, seed, threads, precision);
  }

  /** A copy with another method. */
  public RunSpec withMethod(MethodSpec m) {
    return new RunSpec(problem, init, m, stop, recording, width, seed, threads, precision);
  }

  /** A copy with other stop rules. */
  public RunSpec withStop(StopSpec s) {
    return new RunSpec(problem, init, method, s, recording, width, seed, threads, precision);
  }

  /** A copy with another problem. */
  public RunSpec withProblem(ProblemSpec p) {
    return new RunSpec(p, init, method, stop, recording, width, seed, threads, precision);
  }

  /** A copy with another recording. */
  public RunSpec withRecording(RecordSpec r) {
    return new RunSpec(problem, init, method, stop, r, width, seed, threads, precision);
  }

  /** A copy with another thread count. */
  public RunSpec withThreads(int t) {
    return new RunSpec(problem, init, method, stop, recording, width, seed, t, precision);
  }

  /**
   * A file-system friendly identifier: the model, method and the main sizes for people, and eight
   * hex digits of the SHA-256 of the resolved spec's JSON for uniqueness, e.g.
   * {@code goe-gd-n40-w40-a1e-06-seed1-3f2a9c1b}.
   */
  public String id() {
    StringBuilder b = new StringBuilder(problem.model().id()).append('-').append(method.method().id());
    if (problem.rows() != null) {
      b.append("-n").append(problem.rows());
      if (!problem.rows().equals(problem.cols())) {
        b.append('x').append(problem.cols());
      }
    }
    if (width != null) {
      b.append("-w").append(width);
    }
    if (init instanceof InitSpec.SmallRandom s) {
      b.append("-a").append(String.format(Locale.ROOT, "%.0e", s.alpha()));
    } else {
      b.append('-').append(init.kind());
    }
    b.append("-seed").append(seed).append('-').append(SpecFiles.hash(this), 0, 8);
    return b.toString();
  }
}
