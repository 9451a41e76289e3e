package io.lowrank.experiment.run;

import io.lowrank.experiment.formats.BadInputException;
import io.lowrank.experiment.formats.Npy;
import io.lowrank.experiment.spec.InitSpec;
import io.lowrank.experiment.spec.ProblemSpec;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.init.FactorPair;
import io.lowrank.init.ReluSpectralInit;
import io.lowrank.init.SmallRandomInit;
import io.lowrank.init.SmallRandomPairInit;
import io.lowrank.init.SpectralInit;
import io.lowrank.linalg.Mat;
import io.lowrank.model.Problem;
import io.lowrank.random.Seeds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The starting factors of a run (docs/math.md, "Initialisation"), and its width once the data is known. */
public final class Starts {
  private Starts() {}

  /**
   * A start: the spec with its width fixed, U_0 (left == right) or (L_0, R_0), and the files read.
   */
  record Start(RunSpec spec, Mat left, Mat right, Map<String, String> sources) {}

  static Start of(RunSpec given, Workload w, Problem problem) {
    return of(given, w, problem, name -> null);
  }

  /** As {@link #of(RunSpec, Workload, Problem)}, with in-memory start factors looked up by name first. */
  static Start of(RunSpec given, Workload w, Problem problem, java.util.function.Function<String, Mat> registered) {
    boolean symmetric = given.problem().symmetricModel();
    int n1 = w.rows();
    int n2 = w.cols();
    Map<String, String> sources = new LinkedHashMap<>();
    Mat givenLeft = null;
    Mat givenRight = null;
    if (given.init() instanceof InitSpec.Given g) {
      givenLeft = read(g.path(), n1, "init.path", sources, registered);
      if (!symmetric) {
        givenRight = read(g.right(), n2, "init.right", sources, registered);
        if (givenRight.cols() != givenLeft.cols()) {
          throw new BadInputException(g.right() + " has " + givenRight.cols() + " columns but " + g.path() + " has "
              + givenLeft.cols() + "; accepted: L0 and R0 of the same width r'");
        }
      }
    }
    int limit = Math.min(n1, n2);
    int width;
    if (given.width() != null) {
      width = given.width();
    } else if (givenLeft != null) {
      width = givenLeft.cols();
    } else if (given.problem() instanceof ProblemSpec.Ratings) {
      width = RunSpec.ratingsWidth(null, n1, n2);
    } else {
      width = limit;
    }
    requireWidth(width, limit, symmetric, given.width() == null && givenLeft != null
        ? ((InitSpec.Given) given.init()).path() + " has width " + width + ", which" : "width " + width);
    if (givenLeft != null && givenLeft.cols() != width) {
      throw new BadInputException(((InitSpec.Given) given.init()).path() + " has width " + givenLeft.cols()
          + " but the run's width is " + width + "; accepted: drop width, or a start of width " + width);
    }
    if (given.problem() instanceof ProblemSpec.Ratings) {
      Workloads.requireRatingsMemory(n1, n2, width, problem.operator().size());
    }
    RunSpec spec = given.width() == null ? given.withWidth(width) : given;
    long seed = Seeds.derive(spec.seed(), Seeds.Stream.INIT);
    InitSpec init = spec.init();
    if (givenLeft != null) {
      return new Start(spec, givenLeft, symmetric ? givenLeft : givenRight, sources);
    }
    if (init instanceof InitSpec.SmallRandom s) {
      if (s.seed() != null) {
        seed = Seeds.derive(s.seed(), Seeds.Stream.INIT);
      }
      if (symmetric) {
        Mat u = SmallRandomInit.draw(n1, width, s.alpha(), seed);
        return new Start(spec, u, u, sources);
      }
      FactorPair pair = new SmallRandomPairInit(s.alpha(), s.beta()).initialise(n1, n2, width, seed);
      return new Start(spec, pair.left(), pair.right(), sources);
    }
    if (init instanceof InitSpec.ReluSpectral rs) {
      Mat u = new ReluSpectralInit(rs.rank(), rs.padAlpha()).initialise(problem, width, seed);
      return new Start(spec, u, u, sources);
    }
    InitSpec.Spectral sp = (InitSpec.Spectral) init;
    int rank = sp.rank() != null ? sp.rank() : w.rank().orElseGet(() -> symmetric
        ? problem.spectrum().estimateRank(width) : width);
    if (symmetric) {
      Mat u = new SpectralInit(rank, sp.padAlpha()).initialise(problem, width, seed);
      return new Start(spec, u, u, sources);
    }
    FactorPair pair = SpectralInit.pair(problem, Math.min(rank, limit), width);
    return new Start(spec, pair.left(), pair.right(), sources);
  }

  /** A start factor from a .npy file: rows must match, values finite. */
  private static Mat read(String path, int rows, String key, Map<String, String> sources,
      java.util.function.Function<String, Mat> registered) {
    Mat held = registered.apply(path);
    if (held != null) {
      if (held.rows() != rows) {
        throw new BadInputException(path + " (" + key + ") has " + held.rows() + " rows but the problem has " + rows
            + "; accepted: a start with " + rows + " rows");
      }
      return held.copy();
    }
    Path file = Path.of(path);
    Mat m;
    try {
      m = Npy.readFinite(file).toMat();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalArgumentException e) {
      throw e instanceof BadInputException b ? b : new BadInputException(path + " (" + key + "): " + e.getMessage()
          + "; accepted: a 2-D array of shape (" + rows + ", width)", e);
    }
    if (m.cols() < 1) {
      throw new BadInputException(path + " (" + key + ") has width 0 (shape (" + m.rows() + ", 0)); accepted: a start of "
          + "shape (" + rows + ", width) with width >= 1");
    }
    if (m.rows() != rows) {
      throw new BadInputException(path + " (" + key + ") has " + m.rows() + " rows but the problem has " + rows
          + "; accepted: a start with " + rows + " rows");
    }
    sources.put(file.toString(), Workloads.sha256(file));
    return m;
  }

  /**
   * Refuses a width above {@code limit} = n (symmetric) or min(rows, columns); {@code what} starts
   * the message, e.g. "width 5".
   */
  public static void requireWidth(int width, int limit, boolean symmetric, String what) {
    if (width > limit) {
      throw new BadInputException(what + " exceeds " + (symmetric ? "n" : "min(rows, columns)") + " = "
          + limit + " of the data; accepted: 1 <= width <= " + limit);
    }
  }
}
