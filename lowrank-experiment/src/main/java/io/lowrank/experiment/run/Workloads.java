package io.lowrank.experiment.run;

import io.lowrank.experiment.formats.BadInputException;
import io.lowrank.experiment.formats.InstanceFiles;
import io.lowrank.experiment.formats.ObservedEntries;
import io.lowrank.experiment.formats.TripletFiles;
import io.lowrank.experiment.spec.Centring;
import io.lowrank.experiment.spec.ProblemSpec;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.spec.Sampling;
import io.lowrank.experiment.spec.StopSpec;
import io.lowrank.linalg.Memory;
import io.lowrank.model.AsymmetricGroundTruth;
import io.lowrank.model.GroundTruth;
import io.lowrank.model.GroundTruthSpec;
import io.lowrank.model.Problem;
import io.lowrank.operator.AsymmetricGaussianSensing;
import io.lowrank.operator.EntrySampling;
import io.lowrank.operator.MeasurementOperator;
import io.lowrank.operator.Precision;
import io.lowrank.operator.RankOneSensing;
import io.lowrank.operator.SamplingPatterns;
import io.lowrank.operator.StructuredSensing;
import io.lowrank.operator.SymmetricGaussianSensing;
import io.lowrank.random.Seeds;
import io.lowrank.validation.HoldOut;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds the {@link Workload} of a run from its spec: the planted problem from the per-concern
 * seed streams (TRUTH, OPERATOR, NOISE; docs/math.md, "Seeds"), or the data read from files, then
 * the hold-out split (stream SPLIT) when the run stops early. Workloads are cached by what
 * determines them (problem, seed, precision, hold-out), so runs that differ only in their start,
 * method or stop rules share one; GOE operators are also shared across noise levels and condition
 * numbers, as they depend only on (n, m, seed, precision). Thread-safe: concurrent requests for one
 * key build it once.
 */
public final class Workloads {
  /** What determines a workload. */
  record Key(ProblemSpec problem, long seed, Precision precision, Double holdOut) {
    static Key of(RunSpec s) {
      StopSpec.EarlyStopping es = s.stop().validation();
      return new Key(s.problem(), s.seed(), s.precision(), es == null ? null : es.holdOut());
    }
  }

  private record OperatorKey(int n, int m, long seed, Precision precision) {}

  private final Map<Key, CompletableFuture<Workload>> cache = new ConcurrentHashMap<>();
  private final Map<OperatorKey, CompletableFuture<SymmetricGaussianSensing>> operators = new ConcurrentHashMap<>();
  private final Map<String, TripletFiles.Data> registered = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> registeredSources = new ConcurrentHashMap<>();
  private final Map<String, io.lowrank.linalg.Mat> starts = new ConcurrentHashMap<>();

  /**
   * Makes {@code ratings} problems whose path is {@code name} use {@code data} instead of reading a
   * file (for data a caller already parsed, or built in memory such as an image's pixels).
   */
  public void register(String name, TripletFiles.Data data) {
    registered.put(name, Objects.requireNonNull(data, "data"));
  }

  /**
   * As {@link #register(String, TripletFiles.Data)}, recording {@code sources} (file to SHA-256) in
   * the runs' results as if the file had been read here (data parsed elsewhere and shipped, e.g. by
   * a cluster engine).
   */
  public void register(String name, TripletFiles.Data data, Map<String, String> sources) {
    register(name, data);
    registeredSources.put(name, Map.copyOf(sources));
  }

  /** The sources recorded when {@code ratings} at {@code path} is read here: file to SHA-256. */
  public static Map<String, String> ratingsSources(String path) {
    Path file = Path.of(path);
    return Map.of(file.toString(), sha256(file));
  }

  /**
   * Makes a {@code given} start whose path (or right path) is {@code name} use {@code factor} instead
   * of reading a .npy file (a warm start from factors held in memory). The matrix is not copied:
   * do not modify it while runs may use it.
   */
  public void registerStart(String name, io.lowrank.linalg.Mat factor) {
    starts.put(name, Objects.requireNonNull(factor, "factor"));
  }

  /** The registered start factor of that name, or null. */
  io.lowrank.linalg.Mat registeredStart(String name) {
    return name == null ? null : starts.get(name);
  }

  /** The workload of a spec (built on first request, then shared). */
  public Workload of(RunSpec spec) {
    Key key = Key.of(spec);
    CompletableFuture<Workload> mine = new CompletableFuture<>();
    CompletableFuture<Workload> existing = cache.putIfAbsent(key, mine);
    if (existing != null) {
      return join(existing);
    }
    try {
      Workload w = build(key);
      mine.complete(w);
      return w;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      cache.remove(key, mine);
      throw e;
    }
  }

  /**
   * What makes runs share a workload (the problem, seed, storage precision and hold-out): runs
   * with equal keys use one cached workload.
   */
  public static Object key(RunSpec spec) {
    return Key.of(spec);
  }

  /** Forgets the workload of a spec (when no more runs need it). */
  public void release(RunSpec spec) {
    cache.remove(Key.of(spec));
  }

  private static <T> T join(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  private Workload build(Key key) {
    ProblemSpec p = key.problem();
    long seed = key.seed();
    if (p instanceof ProblemSpec.Ratings r) {
      return ratings(r, key);
    }
    Map<String, String> sources = new LinkedHashMap<>();
    Problem full;
    double noise = 0.0;
    if (p instanceof ProblemSpec.Goe g) {
      GroundTruth truth = GroundTruth.generate(new GroundTruthSpec(g.n(), g.r(), g.kappa(), g.spacing()),
          Seeds.derive(seed, Seeds.Stream.TRUTH));
      full = Problem.sense(goe(g.n(), g.m(), seed, key.precision()), truth, g.noise(),
          Seeds.derive(seed, Seeds.Stream.NOISE));
      noise = g.noise();
    } else if (p instanceof ProblemSpec.Structured g) {
      // before the n x n ground truth is made: the operator, its transform buffer and the truth
      Memory.require(StructuredSensing.bytes(g.n(), g.m()) + 8L * g.n() * g.n(), (long) g.n() * g.n(),
          String.format(Locale.ROOT, "structured sensing for n = %d, m = %d (signs, rows, a transform of %d entries and "
              + "the n x n ground truth)", g.n(), g.m(), StructuredSensing.transformLength(g.n(), g.m())), "reduce n or m");
      GroundTruth truth = GroundTruth.generate(new GroundTruthSpec(g.n(), g.r(), g.kappa(), g.spacing()),
          Seeds.derive(seed, Seeds.Stream.TRUTH));
      full = Problem.sense(StructuredSensing.generate(g.n(), g.m(), Seeds.derive(seed, Seeds.Stream.OPERATOR)), truth,
          g.noise(), Seeds.derive(seed, Seeds.Stream.NOISE));
      noise = g.noise();
    } else if (p instanceof ProblemSpec.RankOne g) {
      GroundTruth truth = GroundTruth.generate(new GroundTruthSpec(g.n(), g.r(), g.kappa(), g.spacing()),
          Seeds.derive(seed, Seeds.Stream.TRUTH));
      requireOperator("rank-one sensing", (long) g.m() * g.n(), Precision.FLOAT64,
          String.format(Locale.ROOT, "n = %d, m = %d: m n", g.n(), g.m()));
      full = Problem.sense(RankOneSensing.generate(g.n(), g.m(), Seeds.derive(seed, Seeds.Stream.OPERATOR),
          key.precision()), truth,
          g.noise(), Seeds.derive(seed, Seeds.Stream.NOISE));
      noise = g.noise();
    } else if (p instanceof ProblemSpec.Asymmetric a) {
      AsymmetricGroundTruth truth = AsymmetricGroundTruth.generate(a.n1(), a.n2(), a.r(), a.kappa(), a.spacing(),
          Seeds.derive(seed, Seeds.Stream.TRUTH));
      requireOperator("asymmetric sensing", (long) a.m() * a.n1() * a.n2(), key.precision(),
          String.format(Locale.ROOT, "%d x %d, m = %d: m n1 n2", a.n1(), a.n2(), a.m()));
      full = Problem.senseAsymmetric(AsymmetricGaussianSensing.generate(a.n1(), a.n2(), a.m(),
          Seeds.derive(seed, Seeds.Stream.OPERATOR), key.precision()), truth, a.noise(), Seeds.derive(seed, Seeds.Stream.NOISE));
      noise = a.noise();
    } else if (p instanceof ProblemSpec.Completion c) {
      full = completion(c, seed);
      noise = c.noise();
    } else {
      ProblemSpec.Instance inst = (ProblemSpec.Instance) p;
      Path dir = Path.of(inst.path());
      InstanceFiles.Instance loaded;
      try {
        loaded = InstanceFiles.load(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      full = loaded.problem();
      noise = loaded.number("noise").orElse(0.0);
      for (String f : List.of(InstanceFiles.A_FILE, InstanceFiles.Y_FILE, InstanceFiles.X_FILE, InstanceFiles.META_FILE)) {
        Path file = dir.resolve(f);
        if (Files.isRegularFile(file)) {
          sources.put(file.toString(), sha256(file));
        }
      }
    }
    requireRepresentable(full.y(), p instanceof ProblemSpec.Instance inst ? Path.of(inst.path()).resolve(InstanceFiles.Y_FILE)
        + " (the measurements)" : String.format(Locale.ROOT, "the generated measurements y (noise %.3g)", noise));
    if (key.holdOut() == null) {
      return new Workload(full, null, null, null, null, sources, noise);
    }
    return holdOut(full, key, sources, noise);
  }

  /**
   * Refuses data of a magnitude the fit cannot represent: the loss squares sums of products of the
   * data and the factors, so values beyond {@link #MAX_VALUE} overflow double precision whatever the
   * step size.
   */
  static void requireRepresentable(double[] y, String what) {
    double max = 0.0;
    for (double v : y) {
      max = Math.max(max, Math.abs(v));
    }
    if (max > MAX_VALUE) {
      throw new BadInputException(String.format(Locale.ROOT, "%s reach magnitude %.2e, whose squares overflow double "
          + "precision in the loss (the step size is not the cause); accepted: data below %.0e in magnitude (scale the "
          + "data down, or lower the noise)", what, max, MAX_VALUE));
    }
  }

  /** Refuses, before allocating, a generated operator of {@code elements} stored numbers. */
  private static void requireOperator(String what, long elements, Precision precision, String sizes) {
    requireOperator(what, elements, precision, sizes, "reduce m or n");
  }

  private static void requireOperator(String what, long elements, Precision precision, String sizes, String fix) {
    Memory.require(precision.bytesPerEntry() * elements, elements, String.format(Locale.ROOT,
        "the %s operator for %s (%d %s)", what, sizes, elements, precision.entryName()), fix);
  }

  private SymmetricGaussianSensing goe(int n, int m, long seed, Precision precision) {
    requireOperator("GOE sensing", (long) m * n * (n + 1) / 2, precision,
        String.format(Locale.ROOT, "n = %d, m = %d: m n(n+1)/2", n, m),
        "reduce m or n, or use problem.model structured (GOE-type measurements that are never stored)");
    OperatorKey key = new OperatorKey(n, m, seed, precision);
    CompletableFuture<SymmetricGaussianSensing> mine = new CompletableFuture<>();
    CompletableFuture<SymmetricGaussianSensing> existing = operators.putIfAbsent(key, mine);
    if (existing != null) {
      return join(existing);
    }
    try {
      SymmetricGaussianSensing op = SymmetricGaussianSensing.generate(n, m, Seeds.derive(seed, Seeds.Stream.OPERATOR),
          precision);
      mine.complete(op);
      return op;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      operators.remove(key, mine);
      throw e;
    }
  }

  /** The planted completion problem: truth from TRUTH, the sampled entries from OPERATOR, noise from NOISE. */
  private static Problem completion(ProblemSpec.Completion c, long seed) {
    long truthSeed = Seeds.derive(seed, Seeds.Stream.TRUTH);
    long opSeed = Seeds.derive(seed, Seeds.Stream.OPERATOR);
    long noiseSeed = Seeds.derive(seed, Seeds.Stream.NOISE);
    if (c.symmetricModel()) {
      GroundTruth truth = GroundTruth.generate(new GroundTruthSpec(c.n(), c.r(), c.kappa(), c.spacing()), truthSeed);
      EntrySampling op = c.sampling() instanceof Sampling.Relu relu
          ? SamplingPatterns.thresholdSymmetric(truth.factor(), relu.tau())
          : SamplingPatterns.uniformSymmetric(c.n(), ((Sampling.Uniform) c.sampling()).p(), opSeed);
      return Problem.sense(op, truth, c.noise(), noiseSeed);
    }
    AsymmetricGroundTruth truth = AsymmetricGroundTruth.generate(c.n1(), c.n2(), c.r(), c.kappa(), c.spacing(),
        truthSeed);
    EntrySampling op = c.sampling() instanceof Sampling.Relu relu
        ? SamplingPatterns.threshold(truth.left(), truth.right(), relu.tau())
        : SamplingPatterns.uniform(c.n1(), c.n2(), ((Sampling.Uniform) c.sampling()).p(), opSeed);
    return Problem.senseAsymmetric(op, truth, c.noise(), noiseSeed);
  }

  /**
   * Splits a problem's measurements (sensing) or entries (completion): the training part keeps the
   * normalisation of its own size, the validation part is normalised by its own count (sensing) or
   * in the units of the data (completion, p = 1).
   */
  private static Workload holdOut(Problem full, Key key, Map<String, String> sources, double noise) {
    MeasurementOperator op = full.operator();
    int m = op.size();
    if (m < 2) {
      throw new BadInputException("early stopping holds out part of the data, but the problem has only " + m
          + " measurement; accepted: more measurements, or no stop.early_stopping");
    }
    HoldOut split = HoldOut.split(m, key.holdOut(), Seeds.derive(key.seed(), Seeds.Stream.SPLIT));
    double[] y = full.y();
    if (op instanceof EntrySampling e) {
      int[] train = split.train();
      int[] held = split.validation();
      long total = e.symmetric() ? (long) e.rows() * (e.rows() + 1) / 2 : (long) e.rows() * e.cols();
      double p = e.samplingRate();
      double pTrain = Math.min(1.0, train.length / (double) total);
      EntrySampling trainOp = sampled(e, train, pTrain);
      EntrySampling valOp = sampled(e, held, 1.0);
      double[] yTrain = new double[train.length];
      for (int k = 0; k < train.length; k++) {
        yTrain[k] = y[train[k]] * Math.sqrt(p) / Math.sqrt(pTrain);
      }
      double[] yVal = new double[held.length];
      for (int k = 0; k < held.length; k++) {
        yVal[k] = y[held[k]] * Math.sqrt(p);
      }
      return new Workload(withData(full, trainOp, yTrain), valOp, yVal, null, null, sources, noise);
    }
    MeasurementOperator trainOp;
    MeasurementOperator valOp;
    try {
      trainOp = op.subset(split.train());
      valOp = op.subset(split.validation());
    } catch (UnsupportedOperationException ex) {
      throw new BadInputException("early stopping needs held-out measurements, which "
          + op.getClass().getSimpleName() + " cannot provide; accepted: no stop.early_stopping");
    }
    return new Workload(withData(full, trainOp, rescaled(y, split.train(), m)), valOp,
        rescaled(y, split.validation(), m), null, null, sources, noise);
  }

  /** y[rows[k]] * sqrt(m / rows.length): data of a subset normalised by its own count. */
  private static double[] rescaled(double[] y, int[] rows, int m) {
    double rescale = Math.sqrt((double) m / rows.length);
    double[] out = new double[rows.length];
    for (int k = 0; k < rows.length; k++) {
      out[k] = y[rows[k]] * rescale;
    }
    return out;
  }

  private static EntrySampling sampled(EntrySampling e, int[] positions, double p) {
    int[] r = new int[positions.length];
    int[] c = new int[positions.length];
    for (int k = 0; k < positions.length; k++) {
      r[k] = e.row(positions[k]);
      c[k] = e.col(positions[k]);
    }
    return e.symmetric() ? EntrySampling.symmetric(e.rows(), r, c, p) : EntrySampling.rectangular(e.rows(), e.cols(), r, c, p);
  }

  private static Problem withData(Problem full, MeasurementOperator op, double[] y) {
    if (full.operator().symmetric() && op.symmetric()) {
      return Problem.of(op, y, full.truth().orElse(null));
    }
    return Problem.ofAsymmetric(op, y, full.asymmetricTruth().orElse(null));
  }

  /**
   * Ratings (docs/math.md, "Rank-free completion"): hold out entries (stream SPLIT), fit the
   * centring baseline on the rest, and measure the centred training values with the rescaling
   * p = |train| / (n1 n2); the held-out values are centred and kept in data units (p = 1).
   */
  private Workload ratings(ProblemSpec.Ratings r, Key key) {
    Map<String, String> sources = new LinkedHashMap<>();
    TripletFiles.Data data = registered.get(r.path());
    if (data != null && registeredSources.containsKey(r.path())) {
      sources.putAll(registeredSources.get(r.path()));
    }
    if (data == null) {
      Path file = Path.of(r.path());
      try {
        data = TripletFiles.read(file, r.duplicates(), r.layout());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      sources.put(file.toString(), sha256(file));
    }
    ObservedEntries entries = data.entries();
    double largest = 0.0;
    for (int e = 0; e < entries.size(); e++) {
      largest = Math.max(largest, Math.abs(entries.value(e)));
    }
    if (largest > MAX_VALUE) {
      throw new BadInputException(String.format(Locale.ROOT, "%s has values of magnitude up to %.3g, whose squares "
          + "overflow double precision in the fit; accepted: values below %.0e in magnitude (divide them by a "
          + "power of ten, e.g. 1e%d)", r.path(), largest, MAX_VALUE, (int) Math.ceil(Math.log10(largest))));
    }
    int n1 = entries.rows();
    int n2 = entries.cols();
    if (entries.size() < 2) {
      throw new BadInputException(r.path() + " has " + entries.size() + " observed entr" + (entries.size() == 1 ? "y" : "ies")
          + "; accepted: at least 2 (one to train, one to validate)");
    }
    HoldOut split = key.holdOut() == null ? null
        : HoldOut.split(entries.size(), key.holdOut(), Seeds.derive(key.seed(), Seeds.Stream.SPLIT));
    int[] train = split == null ? java.util.stream.IntStream.range(0, entries.size()).toArray() : split.train();
    Baseline baseline = r.biasLambda() != null || split == null || r.centring() != Centring.BIASES
        ? Baseline.fit(entries, train, r.centring(), r.biasLambda() != null ? r.biasLambda()
            : ProblemSpec.Ratings.DEFAULT_BIAS_LAMBDA)
        : Baseline.choose(entries, train, split.validation(), r.centring());
    double p = train.length / ((double) n1 * n2);
    EntrySampling trainOp = EntrySampling.rectangular(n1, n2, entries.rowsAt(train), entries.colsAt(train),
        Math.min(1.0, p));
    double[] y = new double[train.length];
    for (int k = 0; k < train.length; k++) {
      int e = train[k];
      y[k] = trainOp.measure(entries.value(e) - baseline.at(entries.row(e), entries.col(e)));
    }
    if (split == null) {
      return new Workload(Problem.ofAsymmetric(trainOp, y, null), null, null, data, baseline, sources, 0.0);
    }
    int[] held = split.validation();
    EntrySampling valOp = EntrySampling.rectangular(n1, n2, entries.rowsAt(held), entries.colsAt(held), 1.0);
    double[] yVal = new double[held.length];
    for (int k = 0; k < held.length; k++) {
      int e = held[k];
      yVal[k] = entries.value(e) - baseline.at(entries.row(e), entries.col(e));
    }
    return new Workload(Problem.ofAsymmetric(trainOp, y, null), valOp, yVal, data, baseline, sources, 0.0);
  }

  /** The largest magnitude of a ratings value: the fit squares sums of products of values and factors. */
  static final double MAX_VALUE = 1e100;

  /** Bytes a rank-free completion run needs: six factor-sized buffers plus 40 bytes per entry. */
  public static long ratingsBytes(long n1, long n2, int width, long entries) {
    return 8L * 6 * (n1 + n2) * width + 40L * entries;
  }

  /** Refuses, before allocating, a completion model that would not fit the heap. */
  public static void requireRatingsMemory(int n1, int n2, int width, long entries) {
    Memory.require(ratingsBytes(n1, n2, width, entries), (long) Math.max(n1, n2) * width, String.format(Locale.ROOT,
        "the factor model (%d x %d matrix, width %d: 6 factor-sized buffers of (n1 + n2) x width doubles, plus %d "
            + "entries)", n1, n2, width, entries), "lower the width");
  }

  /**
   * As above for sizes known before the input is read, with the reader's peak added ({@link
   * io.lowrank.experiment.formats.TripletFiles.SizeCheck}); {@code source} (or null) says where
   * they come from: the reader's peak (it still holds its arrays when the fit starts) plus the fit's.
   * The default width min(n1, n2, 100) is used when {@code width} is null.
   */
  public static void requireRatingsMemory(long n1, long n2, Integer width, long entries, String source) {
    int w = RunSpec.ratingsWidth(width, n1, n2);
    long bytes = ratingsBytes(n1, n2, w, entries) + TripletFiles.readingBytes(entries);
    String what = n1 + n2 == 0
        ? String.format(Locale.ROOT, "its %d entries (the reader's arrays, then 40 bytes each in the fit)", entries)
        : String.format(Locale.ROOT, "a %d x %d factor model of width %d (6 buffers of (rows + columns) x width "
            + "doubles) and %d entries", n1, n2, w, entries);
    Memory.require(bytes, Math.max(n1, n2) * w, (source == null ? "" : source + ": ") + "reading and fitting " + what,
        n1 + n2 > 0 ? "lower --width" : "use a smaller input");
  }

  /** The SHA-256 (hex) of a file's bytes. */
  public static String sha256(Path file) {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      byte[] buf = new byte[1 << 16];
      while (in.read(buf) >= 0) {
        // digesting
      }
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
