package io.lowrank.experiment.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a run records in its history, and how often (docs/math.md, "Diagnostics").
 *
 * @param every recording cadence k: iterations 0, k, 2k, ... and the last (default 1; for ratings
 *     the early-stopping cadence)
 * @param probes the columns recorded (default standard; basic for ratings, where the imbalance of a wide pair
 *     would cost more than an iteration)
 */
public record RecordSpec(Integer every, Probes probes) {
  public RecordSpec {
    if (every != null) {
      Valid.intRange(every, 1, Integer.MAX_VALUE - 1, "every", "an integer >= 1");
    }
  }

  /** Every default. */
  public static RecordSpec defaults() {
    return new RecordSpec(null, null);
  }

  /** The probe sets; the columns of each are listed in docs/math.md. */
  public enum Probes {
    /** loss, relative_residual, test_error (with a ground truth), elapsed_s. */
    BASIC,
    /** basic plus norm_u (symmetric models) or imbalance (asymmetric models). */
    STANDARD,
    /** basic plus the signal/noise split and the spectral probes that the phase detector needs. */
    PHASES,
    /** basic plus the data-only spectral probes (sigma_r, effective rank, alignment, power distance). */
    SPECTRAL,
    /** everything above. */
    ALL;

    @JsonValue
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Probes of(String id) {
      for (Probes p : values()) {
        if (p.id().equalsIgnoreCase(id == null ? "" : id.strip())) {
          return p;
        }
      }
      throw new IllegalArgumentException(SpecException.show(id) + " is invalid; accepted: " + ids());
    }

    public static String ids() {
      return Arrays.stream(values()).map(Probes::id).collect(Collectors.joining(", "));
    }

    /** True when the set records the spectral probes. */
    public boolean spectral() {
      return this == PHASES || this == SPECTRAL || this == ALL;
    }

    /** True when the set records the signal/noise split (needs a ground truth). */
    public boolean signalNoise() {
      return this == PHASES || this == ALL;
    }
  }
}
