package io.lowrank.cli;

import static io.lowrank.cli.OptionChecks.intRange;
import static io.lowrank.cli.OptionChecks.nonNegative;
import static io.lowrank.cli.OptionChecks.positive;
import static io.lowrank.cli.OptionChecks.require;

import io.lowrank.experiment.io.BadInputException;
import io.lowrank.experiment.io.InstanceFiles;
import io.lowrank.model.GroundTruthSpec;
import io.lowrank.model.Spacing;
import io.lowrank.operator.Precision;
import io.lowrank.solver.StepRule;
import io.lowrank.solver.StopRules;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * A validated {@code lowrank sense} run: where the instance comes from, the step rule, the stop
 * rules and the outputs. Every constructor checks its values and names the offending option.
 *
 * @param source a generated or a loaded instance
 * @param step absolute step size mu, or null for mu = stepFraction / lambda_1(A*(y))
 * @param stepFraction c of the default rule
 * @param iters iteration budget
 * @param tol relative-residual tolerance (0 disables)
 * @param seed master seed
 * @param recordEvery history cadence
 * @param timeLimitSeconds solve-time limit, or null
 * @param out output directory, or null
 * @param saveInstance directory to save the instance in, or null
 * @param json print the summary as JSON
 * @param threads threads for the passes over the measurements (results do not depend on it)
 */
record SenseSpec(Source source, Double step, double stepFraction, int iters, double tol, long seed,
    int recordEvery, Double timeLimitSeconds, Path out, Path saveInstance, boolean json, int threads) {

  /** The largest n for which an n x n matrix fits one Java array. */
  static final int MAX_N = 46340;

  /** The most threads --threads accepts. */
  static final int MAX_THREADS = 256;

  /** --precision text to a storage precision, or a one-line error naming the accepted values. */
  static Precision precision(String text) {
    for (Precision p : Precision.values()) {
      if (p.label().equalsIgnoreCase(text)) {
        return p;
      }
    }
    throw new BadInputException("--precision " + text + " is invalid; accepted: float64 or float32");
  }

  SenseSpec {
    if (source == null) {
      throw new IllegalArgumentException("source is required");
    }
    if (step != null) {
      positive(step, "--step", "0.01 (or omit it for 0.25 / lambda_1(A*(y)))");
    }
    positive(stepFraction, "--step-fraction", "0.25");
    intRange(iters, 0, Integer.MAX_VALUE - 1, "--iters", "an integer >= 0");
    require(tol >= 0 && tol < 1, "--tol", tol, "0 <= --tol < 1 (0 disables the tolerance)");
    intRange(recordEvery, 1, Integer.MAX_VALUE, "--record-every", "an integer >= 1");
    intRange(threads, 1, MAX_THREADS, "--threads", "1 <= --threads <= " + MAX_THREADS);
    if (timeLimitSeconds != null) {
      require(timeLimitSeconds > 0 && timeLimitSeconds < 1e9, "--time-limit", timeLimitSeconds,
          "a number of seconds > 0");
    }
  }

  /** Where the instance comes from. */
  sealed interface Source permits Generate, Load {}

  /** A synthetic instance drawn from the seed (MATH.md §1.1, §2). */
  record Generate(int n, int r, int width, int m, double kappa, double noise, double alpha, Spacing spacing,
      Precision precision) implements Source {
    Generate {
      intRange(n, 1, MAX_N, "--n", "1 <= --n <= " + MAX_N);
      intRange(r, 1, n, "--r", "1 <= --r <= n = " + n);
      intRange(width, 1, n, "--width", "1 <= --width <= n = " + n + " (r' defaults to n)");
      intRange(m, 1, Integer.MAX_VALUE - 8, "--m", "an integer >= 1 (default 20 n r)");
      require(kappa >= 1 && kappa <= 1e12, "--kappa", kappa, "1 <= --kappa <= 1e12 (condition number of M*)");
      nonNegative(noise, "--noise", "0.01 (standard deviation of the noise)");
      positive(alpha, "--alpha", "1e-6");
      if (spacing == null) {
        throw new BadInputException("--spacing is missing; accepted: geometric or linear");
      }
      if (precision == null) {
        throw new BadInputException("--precision is missing; accepted: float64 or float32");
      }
    }

    GroundTruthSpec truthSpec() {
      return new GroundTruthSpec(n, r, kappa, spacing);
    }
  }

  /**
   * An instance read from a directory; the explicitly given sizes (null when not given) must match
   * the files.
   */
  record Load(Path dir, Integer n, Integer r, Integer m, Integer width) implements Source {
    Load {
      if (dir == null) {
        throw new IllegalArgumentException("dir is required");
      }
    }

    /** Refuses an explicit --n, --r, --m or --width that differs from the instance. */
    void checkAgainst(InstanceFiles.Instance instance) {
      same("--n", n, instance.n(), "n");
      same("--m", m, instance.m(), "m");
      same("--width", width, instance.width(), "r' (the width of U0.npy)");
      if (r != null) {
        int actual = instance.rank().orElseThrow(() -> new BadInputException(String.format(Locale.ROOT,
            "--r %d conflicts with --load-instance %s, which has no X.npy (rank unknown); drop --r", r, dir)));
        same("--r", r, actual, "r (the rank of X.npy)");
      }
    }

    private void same(String option, Integer given, int actual, String what) {
      if (given != null && given != actual) {
        throw new BadInputException(String.format(Locale.ROOT,
            "%s %d conflicts with --load-instance %s, whose %s is %d; drop %s or give %s %d",
            option, given, dir, what, actual, option, option, actual));
      }
    }
  }

  /** The step rule of MATH.md §2. */
  StepRule stepRule() {
    return step != null ? new StepRule.Absolute(step) : new StepRule.SpectralFraction(stepFraction);
  }

  /** Iteration budget, tolerance, time limit and the default divergence rule. */
  StopRules stopRules() {
    StopRules rules = StopRules.iterations(iters).withTolerance(tol);
    return timeLimitSeconds == null ? rules
        : rules.withTimeLimit(Duration.ofNanos(Math.round(timeLimitSeconds * 1e9)));
  }
}
