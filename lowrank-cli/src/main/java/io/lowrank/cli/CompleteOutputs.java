package io.lowrank.cli;

import io.lowrank.experiment.completion.ColdStart;
import io.lowrank.experiment.completion.CompletionFigures;
import io.lowrank.experiment.completion.CompletionModel;
import io.lowrank.experiment.completion.CompletionResult;
import io.lowrank.experiment.completion.Recommendation;
import io.lowrank.experiment.figure.Figure;
import io.lowrank.experiment.formats.AtomicFiles;
import io.lowrank.experiment.formats.Npy;
import io.lowrank.experiment.formats.PairFiles;
import io.lowrank.linalg.Mat;
import io.lowrank.report.CompletionReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The files of {@code lowrank complete --out DIR}: the factors with the biases as CSV (ids mapped
 * back) and as .npy, predictions for {@code --predict}, the cold-start pairs, the top-k unobserved
 * columns per row, report.html and each figure as SVG and CSV under {@code figures/}. Every file is
 * written atomically (temp + rename); summary.json, written last by the command, marks the
 * directory complete. Numbers are written with {@link Double#toString} (shortest exact,
 * locale-independent); CSV quoting by commons-csv.
 */
final class CompleteOutputs {
  static final String SUMMARY = "summary.json";
  static final String ROWS = "rows.csv";
  static final String COLUMNS = "columns.csv";
  static final String PREDICTIONS = "predictions.csv";
  static final String COLD_START = "cold_start.csv";
  static final String TOP_K = "top_k.csv";
  static final String REPORT = "report.html";
  static final String FIGURES = "figures";
  static final String COMPLETED = "completed.csv";

  private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();

  private CompleteOutputs() {}

  /** Everything of a fit: factors, biases, predictions, top-k, report and figures. */
  static CompleteSummary.Outputs write(Path dir, CompletionModel model, CompletionResult first,
      List<PairFiles.Pair> pairs, int topK, ColdStart policy, String title, String version,
      io.lowrank.experiment.formats.TripletFiles.Data dense) throws IOException {
    List<String> files = new ArrayList<>();
    if (dense != null) {
      writeCompleted(dir.resolve(COMPLETED), dense, model);
      files.add(COMPLETED);
    }
    writeFactor(dir.resolve(ROWS), "row_id", model.rowIds(), model.baseline().rowBias(), model.left());
    writeFactor(dir.resolve(COLUMNS), "column_id", model.colIds(), model.baseline().colBias(), model.right());
    Npy.write(dir.resolve("L.npy"), model.left());
    Npy.write(dir.resolve("R.npy"), model.right());
    Npy.write(dir.resolve("row_bias.npy"), model.baseline().rowBias(), model.baseline().rowBias().length);
    Npy.write(dir.resolve("col_bias.npy"), model.baseline().colBias(), model.baseline().colBias().length);
    files.addAll(List.of(SUMMARY, ROWS, COLUMNS, "L.npy", "R.npy", "row_bias.npy", "col_bias.npy"));
    CompleteSummary.Outputs p = writePredictions(dir, model, pairs, topK, policy);
    files.addAll(p.files());
    List<Figure> figures = CompletionFigures.of(model, first);
    files.addAll(io.lowrank.report.FigureFiles.write(dir, figures));
    AtomicFiles.writeString(dir.resolve(REPORT), CompletionReport.render(title, facts(model, first), figures, version));
    files.add(REPORT);
    return new CompleteSummary.Outputs(dir.toString(), List.copyOf(files), p.predictions(), p.coldStart(), p.topK());
  }

  /**
   * The completed dense matrix in the input's layout: observed values as given, missing ones
   * predicted; the header (column ids) when the input had one, the row ids when they were not
   * positions.
   */
  static void writeCompleted(Path file, io.lowrank.experiment.formats.TripletFiles.Data data, CompletionModel model)
      throws IOException {
    var e = data.entries();
    String[] rowIds = data.rowIds();
    boolean positional = true;
    for (int i = 0; i < rowIds.length && positional; i++) {
      positional = rowIds[i].equals(Integer.toString(i + 1));
    }
    boolean ids = !positional;
    AtomicFiles.writeText(file, w -> {
      CSVPrinter p = new CSVPrinter(w, CSV);
      List<String> rec = new ArrayList<>(e.cols() + 1);
      if (data.header() != null) {
        if (ids) {
          rec.add("row_id");
        }
        rec.addAll(data.header());
        p.printRecord(rec);
      }
      for (int i = 0; i < e.rows(); i++) {
        rec.clear();
        if (ids) {
          rec.add(rowIds[i]);
        }
        int q = e.rowStart(i);
        int end = e.rowStart(i + 1);
        for (int j = 0; j < e.cols(); j++) {
          if (q < end && e.col(q) == j) {
            rec.add(Double.toString(e.value(q++)));
          } else {
            rec.add(Double.toString(model.predictAt(i, j)));
          }
        }
        p.printRecord(rec);
      }
      p.flush();
    });
  }

  /** The summary table of the report. */
  static Map<String, Object> facts(CompletionModel model, CompletionResult first) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("rows × columns", model.rowIds().length + " × " + model.colIds().length);
    f.put("entries fitted / held out", model.summary().trainEntries() + " / " + first.validationEntries());
    f.put("width r'", model.width());
    f.put("validation RMSE", first.validationRmse());
    f.put("bias-only baseline RMSE", first.baselineValidationRmse());
    f.put("chosen iteration", first.chosenIteration() + " of " + first.solve().iterations() + " run ("
        + first.solve().termination() + ")");
    f.put("refit on all entries", model.summary().refit() ? "yes, " + model.summary().iterations() + " iterations"
        : "no");
    f.put("numerical rank", model.numericalRank() + String.format(Locale.ROOT, " (singular values above %.3g)",
        model.rankThreshold()));
    f.put("training RMSE", model.summary().trainRmse());
    return f;
  }

  /** predictions.csv (and cold_start.csv) for the pairs, top_k.csv for K > 0; the file names written. */
  static CompleteSummary.Outputs writePredictions(Path dir, CompletionModel model, List<PairFiles.Pair> pairs, int topK,
      ColdStart policy) throws IOException {
    List<String> files = new ArrayList<>();
    int[] predicted = {0};
    int cold = 0;
    if (pairs != null) {
      AtomicFiles.writeText(dir.resolve(PREDICTIONS), w -> {
        CSVPrinter p = new CSVPrinter(w, CSV);
        p.printRecord("row_id", "column_id", "prediction");
        for (PairFiles.Pair pair : pairs) {
          if (!pair.coldStart()) {
            p.printRecord(pair.rowId(), pair.colId(), Double.toString(model.predictAt(pair.row(), pair.col())));
            predicted[0]++;
          } else if (policy == ColdStart.BIAS_ONLY) {
            p.printRecord(pair.rowId(), pair.colId(),
                Double.toString(model.predict(pair.rowId(), pair.colId(), ColdStart.BIAS_ONLY)));
            predicted[0]++;
          }
        }
        p.flush();
      });
      files.add(PREDICTIONS);
      List<PairFiles.Pair> coldPairs = pairs.stream().filter(PairFiles.Pair::coldStart).toList();
      cold = coldPairs.size();
      if (cold > 0) {
        AtomicFiles.writeText(dir.resolve(COLD_START), w -> {
          CSVPrinter p = new CSVPrinter(w, CSV);
          p.printRecord("line", "row_id", "column_id", "unknown", "handled");
          for (PairFiles.Pair pair : coldPairs) {
            String unknown = pair.row() < 0 && pair.col() < 0 ? "row and column" : pair.row() < 0 ? "row" : "column";
            p.printRecord(Long.toString(pair.line()), pair.rowId(), pair.colId(), unknown,
                policy == ColdStart.BIAS_ONLY ? "predicted from biases" : "skipped");
          }
          p.flush();
        });
        files.add(COLD_START);
      }
    }
    if (topK > 0) {
      writeTopK(dir.resolve(TOP_K), model, topK);
      files.add(TOP_K);
    }
    return new CompleteSummary.Outputs(dir.toString(), List.copyOf(files), pairs == null ? null : predicted[0],
        pairs == null ? null : cold, topK > 0 ? topK : null);
  }

  private static void writeFactor(Path file, String idName, String[] ids, double[] bias, Mat f) throws IOException {
    int k = f.cols();
    AtomicFiles.writeText(file, w -> {
      CSVPrinter p = new CSVPrinter(w, CSV);
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
      p.flush();
    });
  }

  /** The K unobserved columns with the largest prediction, per row (computed on all cores). */
  private static void writeTopK(Path file, CompletionModel model, int k) throws IOException {
    List<List<Recommendation>> all = model.recommendAll(k, true);
    AtomicFiles.writeText(file, w -> {
      CSVPrinter p = new CSVPrinter(w, CSV);
      p.printRecord("row_id", "rank", "column_id", "prediction");
      for (int i = 0; i < all.size(); i++) {
        List<Recommendation> best = all.get(i);
        for (int rank = 0; rank < best.size(); rank++) {
          p.printRecord(model.rowIds()[i], Integer.toString(rank + 1), best.get(rank).colId(),
              Double.toString(best.get(rank).score()));
        }
      }
      p.flush();
    });
  }
}
