package io.lowrank.experiment.formats;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * Ids numbered in sorted order rather than in order of first appearance: the order a distributed
 * reader can fix without knowing the file's order, and the same on any cluster. When every id of an
 * axis is an integer they sort by value ({@code 2} before {@code 10}; equal values such as
 * {@code 7} and {@code 007} by their text), otherwise by their text ({@link String#compareTo}).
 */
public final class SortedIds {
  private SortedIds() {}

  /** The ids of one axis in sorted order (a new array; duplicates are kept). */
  public static String[] sort(Collection<String> ids) {
    String[] out = ids.toArray(new String[0]);
    Arrays.sort(out, comparator(out));
    return out;
  }

  /** Numeric order when every id is an integer, else text order. */
  static Comparator<String> comparator(String[] ids) {
    if (!TripletFiles.allIntegers(ids)) {
      return Comparator.naturalOrder();
    }
    Comparator<String> byValue = Comparator.comparing(BigInteger::new);
    return byValue.thenComparing(Comparator.naturalOrder());
  }

  /**
   * {@code data} with its rows and columns renumbered in sorted id order: the same entries, ids,
   * header and counts; entry values are not changed. {@code data} is not modified.
   */
  public static TripletFiles.Data of(TripletFiles.Data data) {
    String[] rows = sort(Arrays.asList(data.rowIds()));
    String[] cols = sort(Arrays.asList(data.colIds()));
    int[] rowTo = renumber(data.rowIds(), rows);
    int[] colTo = renumber(data.colIds(), cols);
    ObservedEntries e = data.entries();
    int n = e.size();
    int[] r = new int[n];
    int[] c = new int[n];
    double[] v = new double[n];
    for (int k = 0; k < n; k++) {
      r[k] = rowTo[e.row(k)];
      c[k] = colTo[e.col(k)];
      v[k] = e.value(k);
    }
    TripletFiles.Data sorted = TripletFiles.fromIndices(data.file(), data.format(), data.header(), rows, cols, r, c, v, n,
        TripletFiles.Duplicates.ERROR);
    return new TripletFiles.Data(data.file(), data.format(), data.header(), sorted.rowIds(), sorted.colIds(),
        sorted.entries(), data.records(), data.duplicates());
  }

  /** to[i] = the position of {@code old[i]} in {@code sorted}. */
  private static int[] renumber(String[] old, String[] sorted) {
    Map<String, Integer> at = new HashMap<>(sorted.length * 2);
    for (int k = 0; k < sorted.length; k++) {
      at.put(sorted[k], k);
    }
    int[] to = new int[old.length];
    for (int i = 0; i < old.length; i++) {
      to[i] = at.get(old[i]);
    }
    return to;
  }
}
