package io.lowrank.experiment.spec;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The measurement models a run can be on, each with the one name it has in specs, options, files
 * and reports (docs/math.md, "Measurement models").
 */
public enum Model {
  /** Symmetric Gaussian (GOE) sensing of a planted PSD matrix, the model of Stöger and Soltanolkotabi. */
  GOE("goe", ProblemSpec.Goe.class),
  /** Asymmetric Gaussian sensing of a planted rectangular matrix M* = L* R*^T. */
  ASYMMETRIC("asymmetric", ProblemSpec.Asymmetric.class),
  /** Rank-one (quadratic) sensing, A_i = a_i a_i^T. */
  RANK_ONE("rank-one", ProblemSpec.RankOne.class),
  /**
   * Structured random sensing: GOE-type measurements by a signed, subsampled Walsh–Hadamard
   * transform, never stored (sensing at n ≥ 1000 on one machine).
   */
  STRUCTURED("structured", ProblemSpec.Structured.class),
  /** Completion of a planted matrix from sampled entries (uniform or ReLU sampling). */
  COMPLETION("completion", ProblemSpec.Completion.class),
  /** A GOE sensing instance read from .npy files (A, y, optionally X and U0). */
  INSTANCE("instance", ProblemSpec.Instance.class),
  /** Observed entries (ratings) read from a CSV/TSV or MatrixMarket file. */
  RATINGS("ratings", ProblemSpec.Ratings.class);

  private final String id;
  private final Class<? extends ProblemSpec> type;

  Model(String id, Class<? extends ProblemSpec> type) {
    this.id = id;
    this.type = type;
  }

  /** The name in specs and on the command line. */
  public String id() {
    return id;
  }

  /** The spec record of this model. */
  public Class<? extends ProblemSpec> type() {
    return type;
  }

  /** The model named {@code id}; the message lists the accepted names. */
  public static Model of(String id) {
    for (Model m : values()) {
      if (m.id.equalsIgnoreCase(id == null ? "" : id.strip())) {
        return m;
      }
    }
    throw SpecException.invalid("problem.model", id, ids());
  }

  /** The model of a spec record. */
  public static Model of(ProblemSpec p) {
    for (Model m : values()) {
      if (m.type.isInstance(p)) {
        return m;
      }
    }
    throw new IllegalStateException("no model for " + p);
  }

  /** "goe, asymmetric, ...". */
  public static String ids() {
    return Arrays.stream(values()).map(Model::id).collect(Collectors.joining(", "));
  }
}
