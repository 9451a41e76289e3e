package io.lowrank.experiment.completion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lowrank.experiment.formats.AtomicFiles;
import io.lowrank.experiment.formats.BadInputException;
import io.lowrank.experiment.formats.Npy;
import io.lowrank.experiment.formats.NpyArray;
import io.lowrank.experiment.output.Json;
import io.lowrank.experiment.run.Baseline;
import io.lowrank.experiment.run.Workloads;
import io.lowrank.experiment.spec.Centring;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.spec.SpecFiles;
import io.lowrank.linalg.Mat;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The directory format of a saved {@link CompletionModel} (docs/math.md §9, "Saved models"),
 * format {@value #FORMAT} version {@value #VERSION}:
 * <ul>
 *   <li>{@code L.npy} (n1 x r'), {@code R.npy} (n2 x r'), {@code row_bias.npy} (n1),
 *       {@code col_bias.npy} (n2), {@code singular_values.npy}: float64;
 *   <li>{@code row_ids.csv}, {@code col_ids.csv}: header {@code id}, one id per line, in index order;
 *   <li>{@code seen.npy}: float64 (|Omega| x 2), the (row, column) indices observed in training;
 *   <li>{@code history.csv}: iteration, train_rmse, validation_rmse;
 *   <li>{@code model.json}, written last: format, version, shapes, global mean, centring, the fit's
 *       numbers, the resolved spec, and the SHA-256 of every other file.
 * </ul>
 * Loading checks the format and version, each file's hash and every shape, and refuses with one
 * line naming the file.
 */
public final class CompletionModelFiles {
  /** The format name in model.json. */
  public static final String FORMAT = "lowrank-completion-model";
  /** The format version this code writes and reads. */
  public static final int VERSION = 1;
  /** The marker file, written last. */
  public static final String MODEL_JSON = "model.json";

  private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();
  private static final List<String> FILES = List.of("L.npy", "R.npy", "row_bias.npy", "col_bias.npy",
      "singular_values.npy", "seen.npy", "row_ids.csv", "col_ids.csv", "history.csv");

  private CompletionModelFiles() {}

  static void save(CompletionModel m, Path dir) throws IOException {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new BadInputException(dir + " is a file; accepted: a directory for the model (created if missing)");
    }
    Files.createDirectories(dir);
    Files.deleteIfExists(dir.resolve(MODEL_JSON));
    Npy.write(dir.resolve("L.npy"), m.left());
    Npy.write(dir.resolve("R.npy"), m.right());
    Baseline b = m.baseline();
    Npy.write(dir.resolve("row_bias.npy"), b.rowBias(), b.rowBias().length);
    Npy.write(dir.resolve("col_bias.npy"), b.colBias(), b.colBias().length);
    Npy.write(dir.resolve("singular_values.npy"), m.singularValues(), m.singularValues().length);
    int[] start = m.seenStart();
    int[] cols = m.seenCols();
    double[] seen = new double[2 * cols.length];
    for (int i = 0; i + 1 < start.length; i++) {
      for (int q = start[i]; q < start[i + 1]; q++) {
        seen[2 * q] = i;
        seen[2 * q + 1] = cols[q];
      }
    }
    Npy.write(dir.resolve("seen.npy"), seen, cols.length, 2);
    writeIds(dir.resolve("row_ids.csv"), m.rowIds());
    writeIds(dir.resolve("col_ids.csv"), m.colIds());
    FitHistory h = m.history();
    AtomicFiles.writeText(dir.resolve("history.csv"), w -> {
      CSVPrinter p = new CSVPrinter(w, CSV);
      p.printRecord("iteration", "train_rmse", "validation_rmse");
      for (int k = 0; k < h.size(); k++) {
        p.printRecord(Long.toString((long) h.iterations()[k]), number(h.trainRmse()[k]),
            number(h.validationRmse()[k]));
      }
      p.flush();
    });
    ObjectNode json = Json.mapper().createObjectNode();
    json.put("format", FORMAT);
    json.put("version", VERSION);
    json.put("rows", m.rowIds().length);
    json.put("columns", m.colIds().length);
    json.put("width", m.width());
    json.put("seen", cols.length);
    json.put("centring", b.centring().name().toLowerCase(Locale.ROOT));
    json.put("global_mean", b.mean());
    if (Double.isFinite(b.lambda())) {
      json.put("bias_lambda", b.lambda());
    }
    json.put("chosen_iteration", h.chosenIteration());
    json.put("numerical_rank", m.numericalRank());
    json.put("rank_threshold", m.rankThreshold());
    CompletionModel.Summary s = m.summary();
    json.set("fit", Json.mapper().valueToTree(s));
    json.set("spec", SpecFiles.toTree(m.spec()));
    if (m.header() != null) {
      json.set("header", Json.mapper().valueToTree(m.header()));
    }
    ObjectNode hashes = json.putObject("sha256");
    for (String f : FILES) {
      hashes.put(f, Workloads.sha256(dir.resolve(f)));
    }
    Json.write(dir.resolve(MODEL_JSON), json);
  }

  private static String number(double v) {
    return Double.isFinite(v) ? Double.toString(v) : "";
  }

  private static void writeIds(Path file, String[] ids) throws IOException {
    AtomicFiles.writeText(file, w -> {
      CSVPrinter p = new CSVPrinter(w, CSV);
      p.printRecord("id");
      for (String id : ids) {
        p.printRecord(id);
      }
      p.flush();
    });
  }

  static CompletionModel load(Path dir) throws IOException {
    Path marker = dir.resolve(MODEL_JSON);
    io.lowrank.experiment.formats.InputFiles.requireDirectory(dir, "a model directory written by --save-model or "
        + "CompletionModel.save");
    if (!Files.isRegularFile(marker)) {
      throw new BadInputException(dir + " has no " + MODEL_JSON + " (not a saved model, or its save was interrupted);"
          + " accepted: a model directory written by --save-model or CompletionModel.save");
    }
    JsonNode json;
    try {
      json = Json.mapper().readTree(marker.toFile());
    } catch (IOException e) {
      throw bad(marker, "is not valid JSON", "save the model again");
    }
    if (!FORMAT.equals(json.path("format").asText())) {
      throw bad(marker, "is not a lowrank completion model (format '" + shorten(json.path("format").asText()) + "')",
          "a directory written by --save-model");
    }
    int version = json.path("version").asInt(-1);
    if (version != VERSION) {
      throw bad(marker, "has format version " + version + " but this lowrank reads version " + VERSION,
          "save the model again with this version");
    }
    for (String f : FILES) {
      Path file = dir.resolve(f);
      if (!Files.isRegularFile(file)) {
        throw bad(file, "is missing", "save the model again");
      }
      String want = json.path("sha256").path(f).asText();
      if (!want.equals(Workloads.sha256(file))) {
        throw bad(file, "does not match the SHA-256 recorded in " + MODEL_JSON + " (changed after saving)",
            "save the model again");
      }
    }
    int n1 = json.path("rows").asInt(-1);
    int n2 = json.path("columns").asInt(-1);
    int width = json.path("width").asInt(-1);
    Mat left = matrix(dir.resolve("L.npy"), n1, width);
    Mat right = matrix(dir.resolve("R.npy"), n2, width);
    double[] rowBias = vector(dir.resolve("row_bias.npy"), n1);
    double[] colBias = vector(dir.resolve("col_bias.npy"), n2);
    double[] sv = Npy.readFinite(dir.resolve("singular_values.npy")).data();
    String[] rowIds = readIds(dir.resolve("row_ids.csv"), n1);
    String[] colIds = readIds(dir.resolve("col_ids.csv"), n2);
    NpyArray seen = Npy.readFinite(dir.resolve("seen.npy"));
    if (seen.ndim() != 2 || seen.shape()[1] != 2) {
      throw bad(dir.resolve("seen.npy"), "has shape " + seen.shapeText(), "shape (entries, 2)");
    }
    int entries = (int) seen.shape()[0];
    int[] start = new int[n1 + 1];
    int[] cols = new int[entries];
    int prevRow = 0;
    int prevCol = -1;
    for (int q = 0; q < entries; q++) {
      double ri = seen.data()[2 * q];
      double ci = seen.data()[2 * q + 1];
      if (ri != Math.rint(ri) || ci != Math.rint(ci) || ri < 0 || ri >= n1 || ci < 0 || ci >= n2
          || ri < prevRow || (ri == prevRow && ci <= prevCol)) {
        throw bad(dir.resolve("seen.npy"), "row " + q + " is not a sorted in-range (row, column) index pair",
            "save the model again");
      }
      if (ri > prevRow) {
        prevCol = -1;
      }
      for (int i = prevRow + 1; i <= (int) ri; i++) {
        start[i] = q;
      }
      prevRow = (int) ri;
      prevCol = (int) ci;
      cols[q] = (int) ci;
    }
    for (int i = prevRow + 1; i <= n1; i++) {
      start[i] = entries;
    }
    FitHistory history = readHistory(dir.resolve("history.csv"), json.path("chosen_iteration").asInt(-1));
    Centring centring = Centring.valueOf(json.path("centring").asText("biases").toUpperCase(Locale.ROOT));
    Baseline baseline = new Baseline(centring, json.path("global_mean").asDouble(), rowBias, colBias,
        json.path("bias_lambda").isNumber() ? json.path("bias_lambda").asDouble() : Double.NaN);
    CompletionModel.Summary summary = Json.mapper().treeToValue(json.path("fit"), CompletionModel.Summary.class);
    RunSpec spec = SpecFiles.fromTree(json.path("spec"), marker.toString());
    List<String> header = null;
    if (json.path("header").isArray()) {
      header = new ArrayList<>();
      for (JsonNode h : json.path("header")) {
        header.add(h.asText());
      }
    }
    return new CompletionModel(rowIds, colIds, baseline, left, right, start, cols, history, sv,
        json.path("rank_threshold").asDouble(), json.path("numerical_rank").asInt(), summary, spec, header);
  }

  private static Mat matrix(Path file, int rows, int cols) throws IOException {
    NpyArray a = Npy.readFinite(file);
    if (a.ndim() != 2 || a.shape()[0] != rows || a.shape()[1] != cols) {
      throw bad(file, "has shape " + a.shapeText() + " but " + MODEL_JSON + " says (" + rows + ", " + cols + ")",
          "save the model again");
    }
    return a.toMat();
  }

  private static double[] vector(Path file, int n) throws IOException {
    NpyArray a = Npy.readFinite(file);
    if (a.ndim() != 1 || a.shape()[0] != n) {
      throw bad(file, "has shape " + a.shapeText() + " but " + MODEL_JSON + " says (" + n + ",)",
          "save the model again");
    }
    return a.data();
  }

  /** The records of a CSV file after its header line. */
  private static List<CSVRecord> records(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      List<CSVRecord> all = CSV.parse(r).getRecords();
      return all.isEmpty() ? all : all.subList(1, all.size());
    }
  }

  private static String[] readIds(Path file, int n) throws IOException {
    List<CSVRecord> recs = records(file);
    if (recs.size() != n) {
      throw bad(file, "has " + recs.size() + " ids but " + MODEL_JSON + " says " + n, "save the model again");
    }
    return recs.stream().map(rec -> rec.get(0)).toArray(String[]::new);
  }

  private static FitHistory readHistory(Path file, int chosen) throws IOException {
    List<CSVRecord> recs = records(file);
    double[] it = new double[recs.size()];
    double[] tr = new double[recs.size()];
    double[] va = new double[recs.size()];
    for (int k = 0; k < it.length; k++) {
      it[k] = parse(recs.get(k).get(0));
      tr[k] = parse(recs.get(k).get(1));
      va[k] = parse(recs.get(k).get(2));
    }
    return new FitHistory(it, tr, va, chosen);
  }

  private static double parse(String s) {
    return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
  }

  private static String shorten(String s) {
    return io.lowrank.experiment.formats.TripletFiles.shorten(s);
  }

  private static BadInputException bad(Path file, String problem, String fix) {
    return new BadInputException(file + " " + problem + "; accepted: " + fix);
  }

  /** The files of a saved model (model.json last), for listings. */
  public static List<String> files() {
    List<String> all = new ArrayList<>(FILES);
    all.add(MODEL_JSON);
    return all;
  }

}
