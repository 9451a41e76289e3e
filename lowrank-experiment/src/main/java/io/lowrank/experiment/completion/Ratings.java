package io.lowrank.experiment.completion;

import io.lowrank.experiment.formats.BadInputException;
import io.lowrank.experiment.formats.ObservedEntries;
import io.lowrank.experiment.formats.TripletFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Observed (row id, column id, value) triples, e.g. (user, item, rating): the input of a
 * {@link Completer}. Ids are the caller's own strings; rows and columns are indexed in order of
 * first appearance for {@link #of}, and as the file reader orders them for {@link #read}.
 */
public final class Ratings {
  private final TripletFiles.Data data;

  private Ratings(TripletFiles.Data data) {
    this.data = data;
  }

  /** Reads a CSV/TSV (optional header) or MatrixMarket file; a (row, column) pair given twice is refused. */
  public static Ratings read(Path file) throws IOException {
    return read(file, TripletFiles.Duplicates.ERROR);
  }

  /** Reads a CSV/TSV or MatrixMarket file with a policy for pairs given twice. */
  public static Ratings read(Path file, TripletFiles.Duplicates duplicates) throws IOException {
    return new Ratings(TripletFiles.read(file, duplicates));
  }

  /** Wraps triples a file reader has already parsed. */
  public static Ratings of(TripletFiles.Data data) {
    return new Ratings(Objects.requireNonNull(data, "data"));
  }

  /**
   * Triples held in memory: entry e is ({@code rowIds[e]}, {@code colIds[e]}, {@code values[e]}).
   * Ids must be non-empty, values finite, and no (row, column) pair may repeat.
   *
   * @throws BadInputException on an empty id, a non-finite value, a repeated pair or unequal lengths
   */
  public static Ratings of(List<String> rowIds, List<String> colIds, double[] values) {
    int n = values.length;
    if (rowIds.size() != n || colIds.size() != n) {
      throw new BadInputException(rowIds.size() + " row ids, " + colIds.size() + " column ids and " + n
          + " values differ in number; accepted: one row id and one column id per value");
    }
    if (n == 0) {
      throw new BadInputException("no ratings; accepted: at least one (row id, column id, value) triple");
    }
    Map<String, Integer> rows = new HashMap<>();
    Map<String, Integer> cols = new HashMap<>();
    int[] r = new int[n];
    int[] c = new int[n];
    for (int e = 0; e < n; e++) {
      String ri = rowIds.get(e);
      String ci = colIds.get(e);
      if (ri == null || ri.isEmpty() || ci == null || ci.isEmpty()) {
        throw new BadInputException("entry " + e + " has an empty id; accepted: non-empty row and column ids");
      }
      if (!Double.isFinite(values[e])) {
        throw new BadInputException("entry " + e + " has the value " + values[e] + "; accepted: finite values");
      }
      r[e] = rows.computeIfAbsent(ri, k -> rows.size());
      c[e] = cols.computeIfAbsent(ci, k -> cols.size());
    }
    ObservedEntries entries;
    try {
      entries = ObservedEntries.of(rows.size(), cols.size(), r, c, values.clone());
    } catch (IllegalArgumentException ex) {
      throw new BadInputException(ex.getMessage() + "; accepted: each (row id, column id) pair once", ex);
    }
    return new Ratings(new TripletFiles.Data(null, "memory", null, ids(rows), ids(cols), entries, n, 0));
  }

  private static String[] ids(Map<String, Integer> index) {
    String[] out = new String[index.size()];
    index.forEach((k, v) -> out[v] = k);
    return out;
  }

  /** The parsed triples (ids, entries). */
  public TripletFiles.Data data() {
    return data;
  }

  /** Number of distinct row ids. */
  public int rows() {
    return data.rowIds().length;
  }

  /** Number of distinct column ids. */
  public int cols() {
    return data.colIds().length;
  }

  /** Number of observed entries. */
  public int size() {
    return data.entries().size();
  }

  /**
   * The SHA-256 (hexadecimal) of the ids, in index order, and of the entries (indices and the bits
   * of each value): equal digests mean the same data numbered the same way. Computed on each call,
   * in time linear in the entries.
   */
  public String digest() {
    java.security.MessageDigest md;
    try {
      md = java.security.MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
    for (String[] ids : new String[][] {data.rowIds(), data.colIds()}) {
      java.nio.ByteBuffer n = java.nio.ByteBuffer.allocate(4).putInt(ids.length);
      md.update(n.array());
      for (String id : ids) {
        byte[] b = id.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        md.update(java.nio.ByteBuffer.allocate(4).putInt(b.length).array());
        md.update(b);
      }
    }
    ObservedEntries e = data.entries();
    java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(16 * 4096);
    for (int k = 0; k < e.size(); k++) {
      if (buf.remaining() < 16) {
        md.update(buf.array(), 0, buf.position());
        buf.clear();
      }
      buf.putInt(e.row(k)).putInt(e.col(k)).putLong(Double.doubleToRawLongBits(e.value(k)));
    }
    md.update(buf.array(), 0, buf.position());
    return java.util.HexFormat.of().formatHex(md.digest());
  }

  /** A name for messages and for the spec's {@code problem.path}: the file, or "memory". */
  public String name() {
    return data.file() != null ? data.file().toString() : "memory";
  }
}
