package io.lowrank.experiment.completion;

import io.lowrank.experiment.run.Baseline;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.linalg.Mat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.stream.IntStream;

/**
 * A fitted completion model (the result of {@link Completer#fit}): predictions
 * {@code mu + b_i + c_j + L_i . R_j} by the caller's own row and column ids, top-k recommendations,
 * the fit's history and numerical rank, and {@link #save} / {@link #load} in a documented directory
 * format ({@link CompletionModelFiles}). Immutable and safe to share between threads; the arrays
 * it returns are its own and must not be modified.
 */
public final class CompletionModel {
  private final String[] rowIds;
  private final String[] colIds;
  private final Map<String, Integer> rowIndex;
  private final Map<String, Integer> colIndex;
  private final Baseline baseline;
  private final Mat left;
  private final Mat right;
  private final int[] seenStart;
  private final int[] seenCols;
  private final FitHistory history;
  private final double[] singularValues;
  private final double rankThreshold;
  private final int numericalRank;
  private final Summary summary;
  private final RunSpec spec;
  private final List<String> header;

  /**
   * Scalar facts about the fit.
   *
   * @param validationRmse held-out RMSE of the chosen iterate
   * @param baselineValidationRmse held-out RMSE of the baseline alone
   * @param trainRmse RMSE on the entries the factors were fitted to
   * @param iterations iterations run (of the final fit)
   * @param termination why the fit ended (the Driver's termination, as text)
   * @param refit true when the factors were retrained on all entries for the chosen number of iterations
   * @param trainEntries entries fitted by the factors
   * @param validationEntries entries held out (of the first fit)
   */
  public record Summary(double validationRmse, double baselineValidationRmse, double trainRmse, int iterations,
      String termination, boolean refit, int trainEntries, int validationEntries) {}

  CompletionModel(String[] rowIds, String[] colIds, Baseline baseline, Mat left, Mat right, int[] seenStart,
      int[] seenCols, FitHistory history, double[] singularValues, double rankThreshold, int numericalRank,
      Summary summary, RunSpec spec, List<String> header) {
    this.header = header == null ? null : List.copyOf(header);
    this.rowIds = rowIds;
    this.colIds = colIds;
    this.rowIndex = index(rowIds);
    this.colIndex = index(colIds);
    this.baseline = baseline;
    this.left = left;
    this.right = right;
    this.seenStart = seenStart;
    this.seenCols = seenCols;
    this.history = history;
    this.singularValues = singularValues;
    this.rankThreshold = rankThreshold;
    this.numericalRank = numericalRank;
    this.summary = summary;
    this.spec = spec;
  }

  private static Map<String, Integer> index(String[] ids) {
    Map<String, Integer> m = new HashMap<>(ids.length * 2);
    for (int i = 0; i < ids.length; i++) {
      m.put(ids[i], i);
    }
    return m;
  }

  /** Loads a model saved by {@link #save}; checks the format version, the files' hashes and shapes. */
  public static CompletionModel load(Path dir) throws IOException {
    return CompletionModelFiles.load(dir);
  }

  /**
   * Saves the model into {@code dir} (created if missing): factors, biases and singular values as
   * .npy, ids and history as CSV, and {@code model.json} (format, version, shapes, SHA-256 of every
   * file, the resolved spec) written last, so a directory without it is not a model.
   */
  public void save(Path dir) throws IOException {
    CompletionModelFiles.save(this, dir);
  }

  /** The prediction at (rowId, colId); an unknown id is refused ({@link ColdStart#ERROR}). */
  public double predict(String rowId, String colId) {
    return predict(rowId, colId, ColdStart.ERROR);
  }

  /**
   * The prediction at (rowId, colId) with a cold-start policy: {@code SKIP} gives NaN for a pair
   * with an unknown id, {@code BIAS_ONLY} the baseline terms that are known.
   *
   * @throws UnknownIdException under {@code ERROR} when an id is unknown
   */
  public double predict(String rowId, String colId, ColdStart policy) {
    int i = rowIndex.getOrDefault(rowId, -1);
    int j = colIndex.getOrDefault(colId, -1);
    if (i >= 0 && j >= 0) {
      return predictAt(i, j);
    }
    return switch (policy) {
      case ERROR -> throw new UnknownIdException(i < 0 ? "row" : "column", i < 0 ? rowId : colId);
      case SKIP -> Double.NaN;
      case BIAS_ONLY -> baseline.mean() + (i >= 0 ? baseline.rowBias()[i] : 0.0)
          + (j >= 0 ? baseline.colBias()[j] : 0.0);
    };
  }

  /** Predictions for pairs (rowIds[k], colIds[k]), in parallel over the pairs; see {@link #predict(String, String, ColdStart)}. */
  public double[] predict(List<String> rowIds, List<String> colIds, ColdStart policy) {
    Objects.requireNonNull(policy, "policy");
    if (rowIds.size() != colIds.size()) {
      throw new IllegalArgumentException(rowIds.size() + " row ids but " + colIds.size() + " column ids");
    }
    double[] out = new double[rowIds.size()];
    for (int k = 0; k < out.length; k++) {
      out[k] = predict(rowIds.get(k), colIds.get(k), policy);
    }
    return out;
  }

  /** The prediction at row index i, column index j: mu + b_i + c_j + L_i . R_j. */
  public double predictAt(int i, int j) {
    return predict(baseline, left, right, i, j);
  }

  /** baseline(i, j) + L_i . R_j. */
  static double predict(Baseline baseline, Mat left, Mat right, int i, int j) {
    int k = left.cols();
    double[] l = left.data();
    double[] r = right.data();
    double s = baseline.at(i, j);
    int li = i * k;
    int rj = j * k;
    for (int t = 0; t < k; t++) {
      s += l[li + t] * r[rj + t];
    }
    return s;
  }

  /**
   * The {@code k} columns with the largest prediction for {@code rowId}, best first (ties by column
   * index); with {@code excludeSeen} the columns observed for that row in training are left out. An
   * unknown row: refused ({@code ERROR}), no recommendations ({@code SKIP}), or the columns with the
   * largest mu + c_j ({@code BIAS_ONLY}).
   */
  public List<Recommendation> recommend(String rowId, int k, boolean excludeSeen, ColdStart policy) {
    if (k < 1) {
      throw new IllegalArgumentException("k = " + k + "; accepted: k >= 1");
    }
    int i = rowIndex.getOrDefault(rowId, -1);
    if (i < 0) {
      return switch (policy) {
        case ERROR -> throw new UnknownIdException("row", rowId);
        case SKIP -> List.of();
        case BIAS_ONLY -> top(k, j -> baseline.mean() + baseline.colBias()[j], null, -1);
      };
    }
    return top(k, j -> predictAt(i, j), excludeSeen ? seenCols : null, i);
  }

  /** {@link #recommend} with an unknown row refused. */
  public List<Recommendation> recommend(String rowId, int k, boolean excludeSeen) {
    return recommend(rowId, k, excludeSeen, ColdStart.ERROR);
  }

  /** The top-k of every row, in row order ({@link #rowIds()}), computed on all cores. */
  public List<List<Recommendation>> recommendAll(int k, boolean excludeSeen) {
    if (k < 1) {
      throw new IllegalArgumentException("k = " + k + "; accepted: k >= 1");
    }
    return IntStream.range(0, rowIds.length).parallel()
        .mapToObj(i -> top(k, j -> predictAt(i, j), excludeSeen ? seenCols : null, i)).toList();
  }

  private List<Recommendation> top(int k, java.util.function.IntToDoubleFunction score, int[] seen, int row) {
    int n2 = colIds.length;
    boolean[] skip = null;
    if (seen != null) {
      skip = new boolean[n2];
      for (int q = seenStart[row]; q < seenStart[row + 1]; q++) {
        skip[seen[q]] = true;
      }
    }
    PriorityQueue<double[]> heap = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0])
        : Double.compare(b[1], a[1]));
    for (int j = 0; j < n2; j++) {
      if (skip != null && skip[j]) {
        continue;
      }
      double s = score.applyAsDouble(j);
      if (heap.size() < k) {
        heap.add(new double[] {s, j});
      } else if (s > heap.peek()[0]) {
        heap.poll();
        heap.add(new double[] {s, j});
      }
    }
    List<double[]> best = new ArrayList<>(heap);
    best.sort((a, b) -> a[0] != b[0] ? Double.compare(b[0], a[0]) : Double.compare(a[1], b[1]));
    List<Recommendation> out = new ArrayList<>(best.size());
    for (double[] b : best) {
      out.add(new Recommendation(colIds[(int) b[1]], b[0]));
    }
    return out;
  }

  /** True when (rowId, colId) was observed in training. */
  public boolean seen(String rowId, String colId) {
    int i = rowIndex.getOrDefault(rowId, -1);
    int j = colIndex.getOrDefault(colId, -1);
    if (i < 0 || j < 0) {
      return false;
    }
    return java.util.Arrays.binarySearch(seenCols, seenStart[i], seenStart[i + 1], j) >= 0;
  }

  /** Row ids, by row index. */
  public String[] rowIds() {
    return rowIds;
  }

  /** Column ids, by column index. */
  public String[] colIds() {
    return colIds;
  }

  /** The row index of an id, or -1. */
  public int rowIndex(String id) {
    return rowIndex.getOrDefault(id, -1);
  }

  /** The column index of an id, or -1. */
  public int colIndex(String id) {
    return colIndex.getOrDefault(id, -1);
  }

  /** The centring baseline mu + b_i + c_j. */
  public Baseline baseline() {
    return baseline;
  }

  /** L (rows x r'). */
  public Mat left() {
    return left;
  }

  /** R (columns x r'). */
  public Mat right() {
    return right;
  }

  /** r'. */
  public int width() {
    return left.cols();
  }

  /** Per-evaluation training and validation RMSE and the chosen iteration. */
  public FitHistory history() {
    return history;
  }

  /** Singular values of the completed matrix mu + b 1^T + 1 c^T + L R^T, descending. */
  public double[] singularValues() {
    return singularValues;
  }

  /** The threshold of {@link #numericalRank()}: max(1e-3 sigma_1, validation RMSE (sqrt n1 + sqrt n2) / sqrt p). */
  public double rankThreshold() {
    return rankThreshold;
  }

  /** The number of singular values of the completed matrix above {@link #rankThreshold()} (docs/math.md §9). */
  public int numericalRank() {
    return numericalRank;
  }

  /** Scalar facts about the fit. */
  public Summary summary() {
    return summary;
  }

  /** The resolved spec of the fit. */
  public RunSpec spec() {
    return spec;
  }

  /** The header of the training file (field names), or null: pair files with the same first line skip it. */
  public List<String> header() {
    return header;
  }

  /** True when every row and column id is an integer. */
  public boolean integerIds() {
    return io.lowrank.experiment.formats.TripletFiles.allIntegers(rowIds)
        && io.lowrank.experiment.formats.TripletFiles.allIntegers(colIds);
  }

  /** Row id to index. */
  public Map<String, Integer> rowIndexMap() {
    return java.util.Collections.unmodifiableMap(rowIndex);
  }

  /** Column id to index. */
  public Map<String, Integer> colIndexMap() {
    return java.util.Collections.unmodifiableMap(colIndex);
  }

  int[] seenStart() {
    return seenStart;
  }

  int[] seenCols() {
    return seenCols;
  }
}
