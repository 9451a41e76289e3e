package io.lowrank.spark;

import io.lowrank.experiment.formats.ObservedEntries;
import io.lowrank.experiment.formats.TripletFiles;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Ratings parsed once on the driver by lowrank's own parser ({@link TripletFiles}), in a form Spark
 * can broadcast: the ids, the entries as arrays and the file's SHA-256. {@link #data()} rebuilds the
 * parsed data on an executor exactly as the driver read it, so every task sees the same problem.
 */
final class RatingsPayload implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final String format;
  private final String[] header;
  private final String[] rowIds;
  private final String[] colIds;
  private final int rows;
  private final int cols;
  private final int[] row;
  private final int[] col;
  private final double[] value;
  private final long records;
  private final int duplicates;
  private final Map<String, String> sources;

  private RatingsPayload(TripletFiles.Data d, Map<String, String> sources) {
    ObservedEntries e = d.entries();
    this.file = d.file().toString();
    this.format = d.format();
    this.header = d.header() == null ? null : d.header().toArray(new String[0]);
    this.rowIds = d.rowIds();
    this.colIds = d.colIds();
    this.rows = e.rows();
    this.cols = e.cols();
    int m = e.size();
    this.row = new int[m];
    this.col = new int[m];
    this.value = new double[m];
    for (int i = 0; i < m; i++) {
      row[i] = e.row(i);
      col[i] = e.col(i);
      value[i] = e.value(i);
    }
    this.records = d.records();
    this.duplicates = d.duplicates();
    this.sources = Map.copyOf(sources);
  }

  /** The payload of data read from {@code path}, recorded with the file's SHA-256 as a local run records it. */
  static RatingsPayload of(TripletFiles.Data data, Map<String, String> sources) {
    return new RatingsPayload(data, sources);
  }

  /** The parsed data, as the driver read it. */
  TripletFiles.Data data() {
    return new TripletFiles.Data(Path.of(file), format, header == null ? null : List.of(header), rowIds, colIds,
        ObservedEntries.of(rows, cols, row, col, value), records, duplicates);
  }

  /** The file read and its SHA-256. */
  Map<String, String> sources() {
    return sources;
  }
}
