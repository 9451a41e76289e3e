package io.lowrank.cli;

import io.lowrank.experiment.formats.BadInputException;
import io.lowrank.experiment.formats.InstanceFiles;
import io.lowrank.experiment.spec.SpecFiles;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options that describe a planted problem (docs/math.md, "Measurement models"); unset keeps the spec default. */
final class ProblemOptions {
  @Option(names = "--model", paramLabel = "MODEL", order = 1,
      description = "the measurement model: goe, structured (GOE-type, never stored: n >= 1000 fits in memory), "
          + "rank-one, asymmetric or completion. Default: goe.")
  String model;

  @Option(names = "--n", paramLabel = "N", order = 2, description = "dimension n of M* (n x n). Default: 40.")
  Integer n;

  @Option(names = "--n1", paramLabel = "N1", order = 3, description = "rows of M* (asymmetric and rectangular "
      + "completion). Default: n.")
  Integer n1;

  @Option(names = "--n2", paramLabel = "N2", order = 4, description = "columns of M* (asymmetric and rectangular "
      + "completion). Default: n.")
  Integer n2;

  @Option(names = "--r", paramLabel = "R", order = 5, description = "rank r of M*. Default: 2.")
  Integer r;

  @Option(names = "--m", paramLabel = "M", order = 6, description = "number of measurements m (sensing models). "
      + "Default: 20 n r.")
  Integer m;

  @Option(names = "--oversampling", paramLabel = "O", order = 7, description = "m = O x n x r instead of --m. "
      + "Default: 20.")
  Double oversampling;

  @Option(names = "--spacing", paramLabel = "geometric|linear", order = 10,
      description = "spacing of the singular values of X. Default: geometric.")
  String spacing;

  @Option(names = "--sampling", paramLabel = "uniform|relu", order = 11,
      description = "which entries completion observes: uniform (each with probability --p) or relu (those above "
          + "--tau). Default: uniform.")
  String sampling;

  @Option(names = "--p", paramLabel = "P", order = 12, description = "sampling rate of uniform completion, 0 < P <= 1. "
      + "Default: 0.3.")
  Double p;

  @Option(names = "--tau", paramLabel = "TAU", order = 13, description = "threshold of ReLU sampling. Default: 0.")
  Double tau;

  @Option(names = "--precision", paramLabel = "float64|float32|bf16|int8", order = 14,
      description = "storage of generated goe, asymmetric and rank-one measurements (the rounded operator is the "
          + "operator; docs/math.md §2); arithmetic is double always. float32, bf16 and int8 take 1/2, 1/4 and 1/8 of "
          + "the memory of float64. Default: float64.")
  String precision;

  /** Sets the problem keys of every option given. */
  void applyTo(SpecFiles.Source source, String defaultModel) {
    if (model != null) {
      source.option("problem.model", model, "--model");
    } else {
      source.preset("problem.model", defaultModel);
    }
    source.option("problem.n", n, "--n");
    source.option("problem.n1", n1, "--n1");
    source.option("problem.n2", n2, "--n2");
    source.option("problem.r", r, "--r");
    source.option("problem.m", m, "--m");
    source.option("problem.oversampling", oversampling, "--oversampling");
    source.option("problem.spacing", spacing, "--spacing");
    if (sampling != null || p != null || tau != null) {
      String kind = sampling != null ? sampling.strip().toLowerCase(Locale.ROOT) : tau != null ? "relu" : "uniform";
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("kind", kind);
      if (p != null) {
        s.put("p", p);
      }
      if (tau != null) {
        s.put("tau", tau);
      }
      String option = sampling != null ? "--sampling" : p != null ? "--p" : "--tau";
      Object typed = sampling != null ? sampling : p != null ? p : tau;
      source.option("problem.sampling", s, option, typed instanceof Double d ? OptionChecks.compact(d) : String.valueOf(typed));
    }
    source.option("precision", precision, "--precision");
  }

  /** Refuses every option that a loaded instance makes meaningless ({@code --n}, {@code --m}, {@code --r} are checked). */
  void refuseWith(String option, String why) {
    Map<String, Object> given = new LinkedHashMap<>();
    given.put("--model", model);
    given.put("--n1", n1);
    given.put("--n2", n2);
    given.put("--oversampling", oversampling);
    given.put("--spacing", spacing);
    given.put("--sampling", sampling);
    given.put("--p", p);
    given.put("--tau", tau);
    given.put("--precision", precision);
    for (var e : given.entrySet()) {
      if (e.getValue() != null) {
        throw new BadInputException(e.getKey() + " has no effect with " + option + " (" + why + "); drop " + e.getKey());
      }
    }
  }

  /** An explicit --n, --m or --r must match the loaded instance. */
  void checkAgainst(InstanceFiles.Instance inst, Path dir) {
    same("--n", n, inst.n(), "n", dir);
    same("--m", m, inst.m(), "m", dir);
    if (r != null) {
      int actual = inst.rank().orElseThrow(() -> new BadInputException("--r " + r + " conflicts with --load-instance "
          + dir + ", which has no X.npy (rank unknown); drop --r"));
      same("--r", r, actual, "r (the rank of X.npy)", dir);
    }
  }

  private static void same(String option, Integer given, int actual, String what, Path dir) {
    if (given != null && given != actual) {
      throw new BadInputException(String.format(Locale.ROOT,
          "%s %d conflicts with --load-instance %s, whose %s is %d; drop %s or give %s %d", option, given, dir, what,
          actual, option, option, actual));
    }
  }
}
