package io.lowrank.experiment.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The starting point of a run (docs/math.md, "Initialisation"); initialisers are not methods, so
 * "spectral + GD" is {@code init: spectral} with {@code method: gd}. The type property {@code kind}
 * defaults to {@code small-random}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({@JsonSubTypes.Type(value = InitSpec.SmallRandom.class, name = InitSpec.SMALL_RANDOM),
    @JsonSubTypes.Type(value = InitSpec.Spectral.class, name = InitSpec.SPECTRAL),
    @JsonSubTypes.Type(value = InitSpec.ReluSpectral.class, name = InitSpec.RELU_SPECTRAL),
    @JsonSubTypes.Type(value = InitSpec.Given.class, name = InitSpec.GIVEN)})
public sealed interface InitSpec {
  String SMALL_RANDOM = "small-random";
  String SPECTRAL = "spectral";
  String GIVEN = "given";
  String RELU_SPECTRAL = "relu-spectral";

  /** The name of this kind of start. */
  String kind();

  /** The checks of the spectral starts' rank and spare-column scale (each when given). */
  private static void checkSpectral(Integer rank, Double padAlpha) {
    if (rank != null) {
      Valid.intRange(rank, 1, ProblemSpec.MAX_N, "rank", "an integer >= 1");
    }
    if (padAlpha != null) {
      Valid.nonNegative(padAlpha, "pad_alpha", "1e-6 (0 leaves the spare columns at zero)");
    }
  }

  /**
   * U_0 = alpha G / sqrt(r') with G i.i.d. N(0, 1) (seed stream INIT); asymmetric models
   * L_0 = alpha G_L / sqrt(r'), R_0 = beta G_R / sqrt(r').
   *
   * @param alpha the scale (default 1e-6; 1e-3 for ratings)
   * @param beta the scale of R_0 (asymmetric models only; default alpha)
   * @param seed the seed of G alone (default: the run's seed, stream INIT), to draw several starts
   *     on one problem
   */
  record SmallRandom(Double alpha, Double beta, Long seed) implements InitSpec {
    /** The smallest scale: U_0 U_0^T is then ~1e-200, still a normal double. */
    public static final double MIN_SCALE = 1e-100;
    /** The largest scale: squares of the start stay far from overflow. */
    public static final double MAX_SCALE = 1e100;

    public SmallRandom {
      if (alpha != null) {
        Valid.positive(alpha, "alpha", "1e-6");
        Valid.require(alpha >= MIN_SCALE && alpha <= MAX_SCALE, "alpha", SpecException.show(alpha)
            + " is invalid; accepted: 1e-100 <= alpha <= 1e100 (the products of a start "
            + "outside it underflow or overflow double precision), e.g. 1e-6");
      }
      if (beta != null) {
        Valid.positive(beta, "beta", "1e-6 (the scale of R_0; default alpha)");
        Valid.require(beta >= MIN_SCALE && beta <= MAX_SCALE, "beta", SpecException.show(beta)
            + " is invalid; accepted: 1e-100 <= beta <= 1e100, e.g. 1e-6");
      }
    }

    /** A start whose G comes from the run's seed. */
    public SmallRandom(Double alpha, Double beta) {
      this(alpha, beta, null);
    }

    @Override
    public String kind() {
      return SMALL_RANDOM;
    }
  }

  /**
   * The spectral start: the top-k eigenpairs of A*(y) (asymmetric: singular triplets), U_0 =
   * V_k Lambda_k+^{1/2}, k = min(rank, r'); spare columns are pad_alpha G / sqrt(r') (seed
   * stream INIT), zero when pad_alpha = 0.
   *
   * @param rank k (default: the planted r; on data, the largest eigen-gap of A*(y))
   * @param padAlpha scale of the spare columns (default 1e-6)
   */
  record Spectral(Integer rank, Double padAlpha) implements InitSpec {
    /** The default scale of the spare columns. */
    public static final double DEFAULT_PAD_ALPHA = 1e-6;

    public Spectral {
      checkSpectral(rank, padAlpha);
    }

    @Override
    public String kind() {
      return SPECTRAL;
    }
  }

  /**
   * The debiased spectral start for symmetric completion under ReLU sampling with tau = 0
   * (docs/math.md, "ReLU sampling"): the top-k eigenpairs of M^ (M^_ii = R_ii, M^_ij = 2 R_ij -
   * c_k d_i d_j, R the zero-filled observed entries, d_i = sqrt(R_ii)), lowrank's stand-in for the
   * tailored initialisation of Liu et al. (ICML 2024). Spare columns as for {@link Spectral}.
   *
   * @param rank k (default: the planted r)
   * @param padAlpha scale of the spare columns (default 1e-6)
   */
  record ReluSpectral(Integer rank, Double padAlpha) implements InitSpec {
    public ReluSpectral {
      checkSpectral(rank, padAlpha);
    }

    @Override
    public String kind() {
      return RELU_SPECTRAL;
    }
  }

  /**
   * A given start read from .npy files: U0 (n x r') for symmetric models, or L0 (n1 x r') and R0
   * (n2 x r') for asymmetric ones.
   *
   * @param path U0.npy or L0.npy
   * @param right R0.npy (asymmetric models only)
   */
  record Given(String path, String right) implements InitSpec {
    public Given {
      Valid.require(path != null && !path.isBlank(), "path", "the starting factor is missing; accepted: a .npy file "
          + "(U0, or L0 with right: R0)");
    }

    @Override
    public String kind() {
      return GIVEN;
    }
  }
}
