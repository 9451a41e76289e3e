package io.lowrank.cli;

import io.lowrank.experiment.completion.CompletionResult;
import io.lowrank.experiment.formats.BadInputException;
import io.lowrank.experiment.formats.Npy;
import io.lowrank.experiment.formats.ObservedEntries;
import io.lowrank.experiment.formats.PairFiles;
import io.lowrank.experiment.formats.TripletFiles;
import io.lowrank.linalg.Mat;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The files of {@code lowrank complete --out DIR}: the factors with the biases as CSV (ids mapped
 * back) and as .npy, predictions for {@code --predict}, the skipped cold-start pairs, and the top-k
 * unobserved columns per row. Numbers are written with {@link Double#toString} (shortest exact,
 * locale-independent); CSV quoting by commons-csv.
 */
final class CompleteOutputs {
  static final String SUMMARY = "summary.json";
  static final String ROWS = "rows.csv";
  static final String COLUMNS = "columns.csv";
  static final String PREDICTIONS = "predictions.csv";
  static final String COLD_START = "cold_start.csv";
  static final String TOP_K = "top_k.csv";

  private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();

  private CompleteOutputs() {}

  static void prepareDirectory(Path dir) throws IOException {
    if (dir == null) {
      return;
    }
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new BadInputException("--out " + dir + " is a file; accepted: a directory (created if missing)");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new BadInputException("--out " + dir + " cannot be created (" + e.getClass().getSimpleName()
          + "); accepted: a writable directory", e);
    }
  }

  static CompleteSummary.Outputs write(Path dir, TripletFiles.Data data, CompletionResult result,
      List<PairFiles.Pair> pairs, int topK) throws IOException {
    List<String> files = new ArrayList<>();
    writeFactor(dir.resolve(ROWS), "row_id", data.rowIds(), result.baseline().rowBias(), result.left());
    writeFactor(dir.resolve(COLUMNS), "column_id", data.colIds(), result.baseline().colBias(), result.right());
    Npy.write(dir.resolve("L.npy"), result.left());
    Npy.write(dir.resolve("R.npy"), result.right());
    Npy.write(dir.resolve("row_bias.npy"), result.baseline().rowBias(), result.baseline().rowBias().length);
    Npy.write(dir.resolve("col_bias.npy"), result.baseline().colBias(), result.baseline().colBias().length);
    files.addAll(List.of(SUMMARY, ROWS, COLUMNS, "L.npy", "R.npy", "row_bias.npy", "col_bias.npy"));
    int predicted = 0;
    int cold = 0;
    if (pairs != null) {
      try (CSVPrinter p = printer(dir.resolve(PREDICTIONS))) {
        p.printRecord("row_id", "column_id", "prediction");
        for (PairFiles.Pair pair : pairs) {
          if (!pair.coldStart()) {
            p.printRecord(pair.rowId(), pair.colId(), Double.toString(result.predict(pair.row(), pair.col())));
            predicted++;
          }
        }
      }
      files.add(PREDICTIONS);
      List<PairFiles.Pair> coldPairs = pairs.stream().filter(PairFiles.Pair::coldStart).toList();
      cold = coldPairs.size();
      if (cold > 0) {
        try (CSVPrinter p = printer(dir.resolve(COLD_START))) {
          p.printRecord("line", "row_id", "column_id", "unknown");
          for (PairFiles.Pair pair : coldPairs) {
            String unknown = pair.row() < 0 && pair.col() < 0 ? "row and column" : pair.row() < 0 ? "row" : "column";
            p.printRecord(Long.toString(pair.line()), pair.rowId(), pair.colId(), unknown);
          }
        }
        files.add(COLD_START);
      }
    }
    int topRows = 0;
    if (topK > 0) {
      topRows = writeTopK(dir.resolve(TOP_K), data, result, topK);
      files.add(TOP_K);
    }
    return new CompleteSummary.Outputs(dir.toString(), List.copyOf(files), pairs == null ? null : predicted,
        pairs == null ? null : cold, topK > 0 ? topK : null);
  }

  private static CSVPrinter printer(Path file) throws IOException {
    Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    return new CSVPrinter(w, CSV);
  }

  private static void writeFactor(Path file, String idName, String[] ids, double[] bias, Mat f) throws IOException {
    int k = f.cols();
    try (CSVPrinter p = printer(file)) {
      List<String> header = new ArrayList<>(List.of(idName, "bias"));
      for (int t = 1; t <= k; t++) {
        header.add("f" + t);
      }
      p.printRecord(header);
      List<String> row = new ArrayList<>(k + 2);
      for (int i = 0; i < ids.length; i++) {
        row.clear();
        row.add(ids[i]);
        row.add(Double.toString(bias[i]));
        for (int t = 0; t < k; t++) {
          row.add(Double.toString(f.get(i, t)));
        }
        p.printRecord(row);
      }
    }
  }

  /** The K unobserved columns with the largest prediction, per row; returns the number of rows. */
  private static int writeTopK(Path file, TripletFiles.Data data, CompletionResult result, int k) throws IOException {
    ObservedEntries e = data.entries();
    int n2 = e.cols();
    boolean[] seen = new boolean[n2];
    try (CSVPrinter p = printer(file)) {
      p.printRecord("row_id", "rank", "column_id", "prediction");
      for (int i = 0; i < e.rows(); i++) {
        int from = e.rowStart(i);
        int to = e.rowStart(i + 1);
        for (int q = from; q < to; q++) {
          seen[e.col(q)] = true;
        }
        PriorityQueue<double[]> heap = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
        for (int j = 0; j < n2; j++) {
          if (seen[j]) {
            continue;
          }
          double s = result.predict(i, j);
          if (heap.size() < k) {
            heap.add(new double[] {s, j});
          } else if (s > heap.peek()[0]) {
            heap.poll();
            heap.add(new double[] {s, j});
          }
        }
        List<double[]> best = new ArrayList<>(heap);
        best.sort((a, b) -> a[0] != b[0] ? Double.compare(b[0], a[0]) : Double.compare(a[1], b[1]));
        for (int rank = 0; rank < best.size(); rank++) {
          p.printRecord(data.rowIds()[i], Integer.toString(rank + 1), data.colIds()[(int) best.get(rank)[1]],
              Double.toString(best.get(rank)[0]));
        }
        for (int q = from; q < to; q++) {
          seen[e.col(q)] = false;
        }
      }
    }
    return e.rows();
  }
}
