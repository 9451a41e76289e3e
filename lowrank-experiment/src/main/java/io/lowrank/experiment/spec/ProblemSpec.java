package io.lowrank.experiment.spec;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.lowrank.experiment.formats.TripletFiles;
import io.lowrank.model.Spacing;

/**
 * What a run is on: a planted synthetic problem drawn from the run's seed, or data read from
 * files (docs/math.md, "Measurement models"). The type property {@code model} selects the record;
 * it defaults to {@code goe}. Records keep {@code null} for "not given"; {@link #resolved()} fills
 * every default, so a resolved spec describes its run completely.
 *
 * <p>Sizes: {@code m} or {@code oversampling} (m = round(oversampling x n x r); for asymmetric
 * sensing n = (n1 + n2) / 2), not both; the default is oversampling 20.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "model")
public sealed interface ProblemSpec {
  int DEFAULT_N = 40;
  int DEFAULT_R = 2;
  double DEFAULT_KAPPA = 2.0;
  double DEFAULT_OVERSAMPLING = 20.0;
  /** The largest n for which an n x n matrix fits one Java array. */
  int MAX_N = 46340;

  /** This problem with its defaults filled in. */
  ProblemSpec resolved();

  /** The model. */
  default Model model() {
    return Model.of(this);
  }

  /** True for the symmetric factor model U U^T, false for the pair (L, R). */
  boolean symmetricModel();

  /** n1, or null when it comes from files. */
  Integer rows();

  /** n2, or null when it comes from files. */
  Integer cols();

  /** The planted rank r, or null when unknown (data from files). */
  Integer rank();

  /** Kept for sensing models: the resolved number of measurements (null when not known yet). */
  default Integer measurements() {
    return null;
  }

  /** m from m or oversampling x dofs, validated. */
  private static int measurementCount(Integer m, Double oversampling, double dofs) {
    if (m != null && oversampling != null) {
      long implied = Math.round(oversampling * dofs);
      Valid.require(implied == m, "m", "m = " + m + " and oversampling = " + SpecException.show(oversampling)
          + " (m = " + implied + ") disagree; accepted: give one of them");
    }
    if (m != null) {
      return Valid.intRange(m, 1, Integer.MAX_VALUE - 8, "m", "an integer >= 1");
    }
    double o = Valid.or(oversampling, DEFAULT_OVERSAMPLING);
    long value = Math.round(o * dofs);
    Valid.require(value >= 1 && value <= Integer.MAX_VALUE - 8, "oversampling",
        SpecException.show(o) + " gives m = " + value + "; accepted: 1 <= m < 2^31");
    return (int) value;
  }

  private static void checkRank(Integer r, int limit, String what) {
    if (r != null) {
      Valid.intRange(r, 1, limit, "r", "1 <= r <= " + what + " = " + limit);
    }
  }

  private static void checkCommon(Integer r, Double kappa, Double noise) {
    if (r != null) {
      Valid.intRange(r, 1, MAX_N, "r", "an integer >= 1");
    }
    if (kappa != null) {
      Valid.range(kappa, 1.0, 1e12, "kappa", "1 <= kappa <= 1e12 (condition number of M*)");
    }
    if (noise != null) {
      Valid.nonNegative(noise, "noise", "0.01 (standard deviation of the noise)");
    }
  }

  private static void checkSize(Integer n, String key) {
    if (n != null) {
      Valid.intRange(n, 1, MAX_N, key, "1 <= " + key + " <= " + MAX_N);
    }
  }

  private static void checkOversampling(Double oversampling) {
    if (oversampling != null) {
      Valid.positive(oversampling, "oversampling", "20 (m = oversampling x n x r)");
    }
  }

  /** The square symmetric sensing models (GOE, rank-one): one n x n factor model, sized by n, r and m. */
  sealed interface SquareSensing extends ProblemSpec permits Goe, RankOne, Structured {
    Integer n();

    Integer r();

    Double kappa();

    Spacing spacing();

    Integer m();

    Double oversampling();

    Double noise();

    @Override
    default boolean symmetricModel() {
      return true;
    }

    @Override
    default Integer rows() {
      return n();
    }

    @Override
    default Integer cols() {
      return n();
    }

    @Override
    default Integer rank() {
      return r();
    }

    @Override
    default Integer measurements() {
      return m();
    }

    /** The checks of a record's constructor (each value that is given). */
    private static void check(Integer n, Integer r, Double kappa, Integer m, Double oversampling, Double noise) {
      checkSize(n, "n");
      checkCommon(r, kappa, noise);
      checkOversampling(oversampling);
      if (n != null) {
        checkRank(r, n, "n");
      }
      if (m != null) {
        Valid.intRange(m, 1, Integer.MAX_VALUE - 8, "m", "an integer >= 1");
      }
    }

    /** A record's constructor, in component order. */
    interface Make<T extends SquareSensing> {
      T of(Integer n, Integer r, Double kappa, Spacing spacing, Integer m, Double oversampling, Double noise);
    }

    /** {@code p} with every default filled in: n 40, r min(2, n), kappa 2, geometric, m = 20 n r, noise 0. */
    private static <T extends SquareSensing> T resolve(SquareSensing p, Make<T> make) {
      int nn = Valid.or(p.n(), DEFAULT_N);
      int rr = Valid.or(p.r(), Math.min(DEFAULT_R, nn));
      checkRank(rr, nn, "n");
      return make.of(nn, rr, Valid.or(p.kappa(), DEFAULT_KAPPA), Valid.or(p.spacing(), Spacing.GEOMETRIC),
          measurementCount(p.m(), p.oversampling(), (double) nn * rr), null, Valid.or(p.noise(), 0.0));
    }
  }

  /**
   * GOE sensing (docs/math.md): M* = X X^T, y_i = &lt;A_i, M*&gt; / sqrt(m) + e_i.
   *
   * @param n dimension (default 40)
   * @param r rank (default 2)
   * @param kappa condition number of M* (default 2)
   * @param spacing spacing of the singular values of X (default geometric)
   * @param m number of measurements
   * @param oversampling m / (n r)
   * @param noise standard deviation of e (default 0)
   */
  record Goe(Integer n, Integer r, Double kappa, Spacing spacing, Integer m, Double oversampling, Double noise)
      implements SquareSensing {
    public Goe {
      SquareSensing.check(n, r, kappa, m, oversampling, noise);
    }

    @Override
    public Goe resolved() {
      return SquareSensing.resolve(this, Goe::new);
    }
  }

  /**
   * Structured random sensing (docs/math.md, "Structured sensing"): M* = X X^T,
   * y_i = &lt;A_i, M*&gt; / sqrt(m) + e_i with A_i the signed rows of a subsampled Walsh–Hadamard
   * transform over the packed symmetric coordinates (entries ±1 on the diagonal, ±1/√2 off it). The
   * operator is never stored: O(n² + m) memory instead of m n(n+1)/2 entries.
   *
   * @param n dimension (default 40)
   * @param r rank (default 2)
   * @param kappa condition number of M* (default 2)
   * @param spacing spacing of the singular values of X (default geometric)
   * @param m number of measurements
   * @param oversampling m / (n r)
   * @param noise standard deviation of e (default 0)
   */
  record Structured(Integer n, Integer r, Double kappa, Spacing spacing, Integer m, Double oversampling, Double noise)
      implements SquareSensing {
    public Structured {
      SquareSensing.check(n, r, kappa, m, oversampling, noise);
    }

    @Override
    public Structured resolved() {
      return SquareSensing.resolve(this, Structured::new);
    }
  }

  /**
   * Asymmetric Gaussian sensing: M* = L* R*^T (n1 x n2), A_i with i.i.d. N(0, 1) entries.
   *
   * @param n shorthand for n1 = n2 = n
   * @param n1 rows (default n, or 40)
   * @param n2 columns (default n, or 40)
   * @param r rank (default 2)
   * @param kappa condition number of M* (default 2)
   * @param spacing spacing of the singular values (default geometric)
   * @param m measurements
   * @param oversampling m / (r (n1 + n2) / 2)
   * @param noise standard deviation of the noise (default 0)
   */
  record Asymmetric(Integer n, Integer n1, Integer n2, Integer r, Double kappa, Spacing spacing, Integer m,
      Double oversampling, Double noise) implements ProblemSpec {
    public Asymmetric {
      checkSize(n, "n");
      checkSize(n1, "n1");
      checkSize(n2, "n2");
      checkCommon(r, kappa, noise);
      checkOversampling(oversampling);
      if (m != null) {
        Valid.intRange(m, 1, Integer.MAX_VALUE - 8, "m", "an integer >= 1");
      }
    }

    @Override
    public Asymmetric resolved() {
      Valid.require(n == null || (n1 == null && n2 == null), "n", "n and n1/n2 were both given; accepted: n "
          + "(square) or n1 and n2");
      int a = Valid.or(n1, Valid.or(n, DEFAULT_N));
      int b = Valid.or(n2, Valid.or(n, DEFAULT_N));
      int rr = Valid.or(r, Math.min(DEFAULT_R, Math.min(a, b)));
      checkRank(rr, Math.min(a, b), "min(n1, n2)");
      return new Asymmetric(null, a, b, rr, Valid.or(kappa, DEFAULT_KAPPA), Valid.or(spacing, Spacing.GEOMETRIC),
          measurementCount(m, oversampling, rr * (a + b) / 2.0), null, Valid.or(noise, 0.0));
    }

    @Override
    public boolean symmetricModel() {
      return false;
    }

    @Override
    public Integer rows() {
      return n1 != null ? n1 : n;
    }

    @Override
    public Integer cols() {
      return n2 != null ? n2 : n;
    }

    @Override
    public Integer rank() {
      return r;
    }

    @Override
    public Integer measurements() {
      return m;
    }
  }

  /**
   * Rank-one (quadratic) sensing: A_i = a_i a_i^T with a_i ~ N(0, I_n), y_i = ||X^T a_i||^2 / sqrt(m) + e_i.
   *
   * @param n dimension (default 40)
   * @param r rank (default 2; r = 1 is phase retrieval)
   * @param kappa condition number of M* (default 2)
   * @param spacing spacing of the singular values (default geometric)
   * @param m measurements
   * @param oversampling m / (n r)
   * @param noise standard deviation of the noise (default 0)
   */
  record RankOne(Integer n, Integer r, Double kappa, Spacing spacing, Integer m, Double oversampling, Double noise)
      implements SquareSensing {
    public RankOne {
      SquareSensing.check(n, r, kappa, m, oversampling, noise);
    }

    @Override
    public RankOne resolved() {
      return SquareSensing.resolve(this, RankOne::new);
    }
  }

  /**
   * Completion of a planted matrix from sampled entries: symmetric (M* = X X^T, n x n, upper
   * triangle sampled and mirrored, solved with U U^T) when only {@code n} is given or
   * {@code symmetric} is true; rectangular (M* = L* R*^T, n1 x n2, solved with (L, R)) otherwise.
   *
   * @param n dimension of a square problem (default 40)
   * @param n1 rows of a rectangular problem
   * @param n2 columns of a rectangular problem
   * @param symmetric true for the PSD model (default: true unless n1 or n2 is given)
   * @param r rank (default 2)
   * @param kappa condition number (default 2)
   * @param spacing spacing of the singular values (default geometric)
   * @param sampling which entries are observed (default uniform, p = 0.3)
   * @param noise standard deviation of noise added to the observed entries (default 0)
   */
  record Completion(Integer n, Integer n1, Integer n2, Boolean symmetric, Integer r, Double kappa, Spacing spacing,
      Sampling sampling, Double noise) implements ProblemSpec {
    public Completion {
      checkSize(n, "n");
      checkSize(n1, "n1");
      checkSize(n2, "n2");
      checkCommon(r, kappa, noise);
    }

    @Override
    public Completion resolved() {
      boolean rect = n1 != null || n2 != null;
      Valid.require(!(rect && n != null), "n", "n and n1/n2 were both given; accepted: n (square) or n1 and n2");
      boolean sym = Valid.or(symmetric, !rect);
      int a = Valid.or(n1, Valid.or(n, DEFAULT_N));
      int b = Valid.or(n2, Valid.or(n, DEFAULT_N));
      Valid.require(!sym || a == b, "symmetric", "a symmetric problem is square, but n1 = " + a + " and n2 = " + b
          + "; accepted: give n, or set symmetric: false");
      int rr = Valid.or(r, Math.min(DEFAULT_R, Math.min(a, b)));
      checkRank(rr, Math.min(a, b), sym ? "n" : "min(n1, n2)");
      Sampling s = Valid.or(sampling, (Sampling) new Sampling.Uniform(null)).resolved();
      return sym
          ? new Completion(a, null, null, true, rr, Valid.or(kappa, DEFAULT_KAPPA), Valid.or(spacing, Spacing.GEOMETRIC),
              s, Valid.or(noise, 0.0))
          : new Completion(null, a, b, false, rr, Valid.or(kappa, DEFAULT_KAPPA), Valid.or(spacing, Spacing.GEOMETRIC),
              s, Valid.or(noise, 0.0));
    }

    @Override
    public boolean symmetricModel() {
      return Boolean.TRUE.equals(symmetric) || (symmetric == null && n1 == null && n2 == null);
    }

    @Override
    public Integer rows() {
      return n1 != null ? n1 : n;
    }

    @Override
    public Integer cols() {
      return n2 != null ? n2 : n;
    }

    @Override
    public Integer rank() {
      return r;
    }
  }

  /**
   * A GOE sensing instance saved as .npy files (A.npy (m, n, n), y.npy (m,), optionally X.npy
   * (n, r) and U0.npy (n, r')), e.g. by {@code lowrank sense --save-instance} or NumPy.
   *
   * @param path the directory
   */
  record Instance(String path) implements ProblemSpec {
    public Instance {
      Valid.require(path != null && !path.isBlank(), "path", "the instance directory is missing; accepted: a "
          + "directory with A.npy and y.npy");
    }

    @Override
    public Instance resolved() {
      return this;
    }

    @Override
    public boolean symmetricModel() {
      return true;
    }

    @Override
    public Integer rows() {
      return null;
    }

    @Override
    public Integer cols() {
      return null;
    }

    @Override
    public Integer rank() {
      return null;
    }
  }

  /**
   * Observed entries (row id, column id, value) from a CSV/TSV or MatrixMarket file, completed by a
   * factor pair (L, R) around a centring baseline (docs/math.md, "Rank-free completion").
   *
   * @param path the file
   * @param duplicates a (row, column) pair given twice: error, mean or last (default error)
   * @param centring baseline removed before fitting: none, mean or biases (default biases)
   * @param biasLambda regularisation of the row and column biases (default: chosen on the hold-out)
   * @param layout triples (default) or a dense matrix with missing values
   */
  record Ratings(String path, TripletFiles.Duplicates duplicates, Centring centring, Double biasLambda,
      TripletFiles.Layout layout) implements ProblemSpec {
    /**
     * The bias regularisation of the ratings baseline when {@code bias_lambda} is absent and there
     * is no hold-out to choose it on (with a hold-out it is chosen from {@code Baseline.LAMBDA_GRID}).
     */
    public static final double DEFAULT_BIAS_LAMBDA = 5.0;

    /** Triples (the layout left to its default). */
    public Ratings(String path, TripletFiles.Duplicates duplicates, Centring centring, Double biasLambda) {
      this(path, duplicates, centring, biasLambda, null);
    }

    /** The same problem on another file (or registered name). */
    public Ratings withPath(String p) {
      return new Ratings(p, duplicates, centring, biasLambda, layout);
    }

    /** The same problem with a bias regularisation. */
    public Ratings withBiasLambda(Double lambda) {
      return new Ratings(path, duplicates, centring, lambda, layout);
    }

    public Ratings {
      Valid.require(path != null && !path.isBlank(), "path", "the ratings file is missing; accepted: a CSV/TSV "
          + "or .mtx file of (row id, column id, value) triples");
      if (biasLambda != null) {
        Valid.nonNegative(biasLambda, "bias_lambda", "5");
      }
    }

    @Override
    public Ratings resolved() {
      return new Ratings(path, Valid.or(duplicates, TripletFiles.Duplicates.ERROR), Valid.or(centring, Centring.BIASES),
          biasLambda, Valid.or(layout, TripletFiles.Layout.TRIPLES));
    }

    @Override
    public boolean symmetricModel() {
      return false;
    }

    @Override
    public Integer rows() {
      return null;
    }

    @Override
    public Integer cols() {
      return null;
    }

    @Override
    public Integer rank() {
      return null;
    }
  }
}
