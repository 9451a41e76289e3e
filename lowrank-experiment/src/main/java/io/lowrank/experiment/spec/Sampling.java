package io.lowrank.experiment.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Which entries a completion problem observes (docs/math.md, "Completion"). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({@JsonSubTypes.Type(value = Sampling.Uniform.class, name = Sampling.UNIFORM),
    @JsonSubTypes.Type(value = Sampling.Relu.class, name = Sampling.RELU)})
public sealed interface Sampling {
  String UNIFORM = "uniform";
  String RELU = "relu";

  /** This sampling with its defaults filled in. */
  Sampling resolved();

  /**
   * Each entry (of the upper triangle, for symmetric problems) independently with probability p;
   * A(Z)_e = Z_e / sqrt(p).
   *
   * @param p sampling rate in (0, 1], default 0.3
   */
  record Uniform(Double p) implements Sampling {
    public static final double DEFAULT_P = 0.3;

    public Uniform {
      if (p != null) {
        Valid.range(p, Double.MIN_NORMAL, 1.0, "p", "a sampling rate with 0 < p <= 1, e.g. 0.3");
      }
    }

    @Override
    public Uniform resolved() {
      return new Uniform(Valid.or(p, DEFAULT_P));
    }
  }

  /**
   * ReLU sampling (Liu et al., ICML 2024): the entries with M*_ij > tau are observed, rescaled by the
   * observed fraction p = |Omega| / (number of entries).
   *
   * @param tau the threshold, default 0
   */
  record Relu(Double tau) implements Sampling {
    public Relu {
      if (tau != null && !Double.isFinite(tau)) {
        throw SpecException.invalid("tau", tau, "a finite threshold, e.g. 0");
      }
    }

    @Override
    public Relu resolved() {
      return new Relu(Valid.or(tau, 0.0));
    }
  }
}
