package io.lowrank.experiment.formats;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lowrank.linalg.Mat;
import io.lowrank.linalg.Memory;
import io.lowrank.model.GroundTruth;
import io.lowrank.model.Problem;
import io.lowrank.operator.SymmetricGaussianSensing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A symmetric Gaussian sensing instance (docs/math.md §2) saved as NumPy files in one directory:
 * <ul>
 *   <li>{@code A.npy}: the raw measurement matrices A_i as an m x n x n array (without the
 *       1/sqrt(m) that the operator applies), each symmetric;
 *   <li>{@code y.npy}: the data y (m);
 *   <li>{@code U0.npy}: the initial factor U_0 (n x r');
 *   <li>{@code X.npy}: the ground-truth factor X (n x r), optional (absent on real data).
 * </ul>
 * Loading checks the shapes against each other before reading any values, then symmetry and
 * finiteness; every problem is a one-line {@link BadInputException} naming the file.
 */
public final class InstanceFiles {
  public static final String A_FILE = "A.npy";
  public static final String Y_FILE = "y.npy";
  public static final String U0_FILE = "U0.npy";
  public static final String X_FILE = "X.npy";
  /** Optional metadata: how the instance was made (noise level, condition number, seed, spec). */
  public static final String META_FILE = "instance.json";

  private static final String LAYOUT =
      "an instance directory holds A.npy (m, n, n), y.npy (m,) and optionally X.npy (n, r) and U0.npy (n, r')";

  private InstanceFiles() {}

  /**
   * A loaded instance: the problem (ground truth present iff X.npy was) and the starting factor
   * (null when U0.npy is absent).
   */
  public record Instance(Problem problem, Mat u0, Map<String, Object> meta) {
    public Instance {
      meta = meta == null ? Map.of() : Map.copyOf(meta);
    }

    /** A recorded number of the metadata (e.g. "noise", "kappa"), if present. */
    public Optional<Double> number(String key) {
      return meta.get(key) instanceof Number v ? Optional.of(v.doubleValue()) : Optional.empty();
    }

    public int n() {
      return problem.n();
    }

    public int m() {
      return problem.operator().size();
    }

    /** r', the width of U_0, if U0.npy was given. */
    public Optional<Integer> width() {
      return u0 == null ? Optional.empty() : Optional.of(u0.cols());
    }

    /** r, when the ground truth is known. */
    public Optional<Integer> rank() {
      return problem.truth().map(GroundTruth::rank);
    }
  }

  /** Bytes of the dense m x n x n array written to / read from {@code A.npy}. */
  public static long denseBytes(int m, int n) {
    return 8L * m * n * n;
  }

  /**
   * Writes the instance into {@code dir} (created if needed; existing files overwritten; U0.npy
   * only when {@code u0} is not null, and removed otherwise). The
   * operator must be {@link SymmetricGaussianSensing}; X.npy is written when the truth is known and
   * removed otherwise, so that a stale ground truth is never loaded with new data.
   */
  public static void save(Path dir, Problem problem, Mat u0) throws IOException {
    save(dir, problem, u0, null);
  }

  /**
   * {@link #save(Path, Problem, Mat)}, plus {@code instance.json} with {@code meta} (e.g. the noise
   * level and condition number the instance was drawn with) when not null; removed otherwise.
   */
  public static void save(Path dir, Problem problem, Mat u0, Map<String, Object> meta) throws IOException {
    if (!(problem.operator() instanceof SymmetricGaussianSensing op)) {
      throw new BadInputException("only symmetric Gaussian sensing instances can be saved, not "
          + problem.operator().getClass().getSimpleName() + "; use the GOE sensing model");
    }
    int n = op.rows();
    int m = op.size();
    if (u0 != null && u0.rows() != n) {
      throw new BadInputException(String.format(Locale.ROOT,
          "U0 has %d rows but the problem has n = %d; pass the starting factor of this problem", u0.rows(), n));
    }
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new BadInputException(dir + " exists and is not a directory; choose a directory to save the instance in");
    }
    long elements = (long) m * n * n;
    Memory.require(denseBytes(m, n), elements, String.format(Locale.ROOT,
        "saving %s (m x n x n = %d x %d x %d doubles)", dir.resolve(A_FILE), m, n, n),
        "reduce m or n, or do not save the instance");
    Files.createDirectories(dir);
    Files.deleteIfExists(dir.resolve(Y_FILE)); // written last: a save cut short leaves no loadable instance
    Npy.write(dir.resolve(A_FILE), op.toDense(), m, n, n);
    if (u0 != null) {
      Npy.write(dir.resolve(U0_FILE), u0);
    } else {
      Files.deleteIfExists(dir.resolve(U0_FILE));
    }
    if (meta != null) {
      AtomicFiles.writeString(dir.resolve(META_FILE), new ObjectMapper().writerWithDefaultPrettyPrinter()
          .writeValueAsString(new java.util.TreeMap<>(meta)) + "\n");
    } else {
      Files.deleteIfExists(dir.resolve(META_FILE));
    }
    Optional<GroundTruth> truth = problem.truth();
    if (truth.isPresent()) {
      Npy.write(dir.resolve(X_FILE), truth.get().factor());
    } else {
      Files.deleteIfExists(dir.resolve(X_FILE));
    }
    Npy.write(dir.resolve(Y_FILE), problem.y(), m);
  }

  /**
   * Reads an instance written by {@link #save} (or by NumPy): checks the directory, the shapes,
   * the memory needed, then the values (finite; every A_i symmetric; X of full column rank).
   */
  public static Instance load(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      throw new BadInputException("instance directory " + dir + " does not exist; " + LAYOUT);
    }
    if (!Files.isDirectory(dir)) {
      throw new BadInputException(dir + " is not a directory; " + LAYOUT);
    }
    Path aPath = require(dir, A_FILE);
    Path yPath = require(dir, Y_FILE);
    Path uPath = dir.resolve(U0_FILE);
    boolean hasStart = Files.exists(uPath);
    Path xPath = dir.resolve(X_FILE);
    boolean hasTruth = Files.exists(xPath);

    Npy.Header a = Npy.readHeader(aPath);
    long[] as = a.shape();
    if (as.length != 3 || as[1] != as[2] || as[0] < 1 || as[1] < 1) {
      throw shape(aPath, a, "(m, n, n) with m, n >= 1");
    }
    if (as[0] > Integer.MAX_VALUE - 8 || as[1] > 46340) {
      throw shape(aPath, a, "(m, n, n) with m < 2^31 and n <= 46340");
    }
    int m = (int) as[0];
    int n = (int) as[1];
    String match = " to match " + aPath;
    Npy.Header y = Npy.readHeader(yPath);
    if (y.shape().length != 1 || y.shape()[0] != m) {
      throw shape(yPath, y, "(m,) = (" + m + ",)" + match);
    }
    if (hasStart) {
      Npy.Header u = Npy.readHeader(uPath);
      if (u.shape().length != 2 || u.shape()[0] != n || u.shape()[1] < 1 || u.shape()[1] > n) {
        throw shape(uPath, u, "(n, r') = (" + n + ", r') with 1 <= r' <= " + n + match);
      }
    }
    if (hasTruth) {
      Npy.Header x = Npy.readHeader(xPath);
      long[] xs = x.shape();
      if (xs.length != 2 || xs[0] != n || xs[1] < 1 || xs[1] > n) {
        throw shape(xPath, x, "(n, r) = (" + n + ", r) with 1 <= r <= " + n + match);
      }
    }

    long dense = (long) m * n * n;
    long packed = (long) m * n * (n + 1) / 2;
    Memory.require(8 * (dense + packed), dense, String.format(Locale.ROOT,
        "loading %s (m x n x n = %d x %d x %d doubles, plus the packed operator)", aPath, m, n, n),
        "use an instance with fewer measurements or a smaller n");

    SymmetricGaussianSensing op;
    try {
      op = SymmetricGaussianSensing.fromDense(m, n, Npy.readFinite(aPath).data());
    } catch (BadInputException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new BadInputException(aPath + ": " + e.getMessage() + "; every A_i must be symmetric", e);
    }
    double[] data = Npy.readFinite(yPath).data();
    Mat u0 = hasStart ? Npy.readFinite(uPath).toMat() : null;
    GroundTruth truth = null;
    if (hasTruth) {
      Mat x = Npy.readFinite(xPath).toMat();
      try {
        truth = GroundTruth.ofFactor(x);
      } catch (IllegalArgumentException e) {
        throw new BadInputException(xPath + ": " + e.getMessage() + "; the ground-truth factor must have full column rank", e);
      }
    }
    return new Instance(Problem.of(op, data, truth), u0, meta(dir.resolve(META_FILE)));
  }

  /** The metadata of instance.json (empty when absent); a malformed file is refused with one line. */
  private static Map<String, Object> meta(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return Map.of();
    }
    try {
      return new ObjectMapper().readValue(file.toFile(), new TypeReference<Map<String, Object>>() {});
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new BadInputException(file + " is not a JSON object of instance metadata (" + e.getOriginalMessage()
          + "); delete it or write {\"noise\": 0.01}");
    }
  }

  private static Path require(Path dir, String name) {
    Path p = dir.resolve(name);
    if (!Files.isRegularFile(p)) {
      throw new BadInputException(p + " is missing; " + LAYOUT);
    }
    return p;
  }

  private static BadInputException shape(Path file, Npy.Header h, String expected) {
    return new BadInputException(file + " has shape " + h.shapeText() + "; expected " + expected);
  }
}
