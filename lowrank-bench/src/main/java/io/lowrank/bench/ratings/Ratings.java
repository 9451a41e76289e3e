package io.lowrank.bench.ratings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Observed ratings as parallel arrays: entry {@code t} is user {@code user[t]} (0 ..
 * {@code users - 1}) rating item {@code item[t]} (0 .. {@code items - 1}) with {@code value[t]}.
 * The original id strings are kept in {@link Ids} tables, numbered in order of first appearance.
 */
final class Ratings {
  final int[] user;
  final int[] item;
  final double[] value;
  final int users;
  final int items;

  Ratings(int[] user, int[] item, double[] value, int users, int items) {
    if (user.length != item.length || user.length != value.length) {
      throw new IllegalArgumentException("user, item and value arrays differ in length");
    }
    for (int t = 0; t < user.length; t++) {
      if (user[t] < 0 || user[t] >= users || item[t] < 0 || item[t] >= items) {
        throw new IllegalArgumentException("entry " + t + " has an index outside " + users + " x " + items);
      }
    }
    this.user = user;
    this.item = item;
    this.value = value;
    this.users = users;
    this.items = items;
  }

  int size() {
    return value.length;
  }

  double mean() {
    double s = 0;
    for (double v : value) {
      s += v;
    }
    return value.length == 0 ? 0 : s / value.length;
  }

  double min() {
    return Arrays.stream(value).min().orElse(Double.NaN);
  }

  double max() {
    return Arrays.stream(value).max().orElse(Double.NaN);
  }

  /** The entries with {@code mask[t] == keep}, same index spaces. */
  Ratings subset(boolean[] mask, boolean keep) {
    int n = 0;
    for (boolean m : mask) {
      if (m == keep) {
        n++;
      }
    }
    int[] u = new int[n];
    int[] i = new int[n];
    double[] v = new double[n];
    int k = 0;
    for (int t = 0; t < mask.length; t++) {
      if (mask[t] == keep) {
        u[k] = user[t];
        i[k] = item[t];
        v[k] = value[t];
        k++;
      }
    }
    return new Ratings(u, i, v, users, items);
  }

  /** Number of entries of each user (length {@code users}). */
  int[] userCounts() {
    int[] c = new int[users];
    for (int u : user) {
      c[u]++;
    }
    return c;
  }

  /** Number of entries of each item (length {@code items}). */
  int[] itemCounts() {
    int[] c = new int[items];
    for (int i : item) {
      c[i]++;
    }
    return c;
  }

  /**
   * Compressed rows of the entries grouped by {@code key} (user or item array): entries of group g
   * are {@code order[start[g]] .. order[start[g + 1] - 1]}, in entry order.
   */
  static int[][] groups(int[] key, int groups) {
    int[] start = new int[groups + 1];
    for (int g : key) {
      start[g + 1]++;
    }
    for (int g = 0; g < groups; g++) {
      start[g + 1] += start[g];
    }
    int[] fill = Arrays.copyOf(start, groups);
    int[] order = new int[key.length];
    for (int t = 0; t < key.length; t++) {
      order[fill[key[t]]++] = t;
    }
    return new int[][] {start, order};
  }

  /** Id strings numbered in order of first appearance. */
  static final class Ids {
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    /** The number of {@code id}, given the next free number when it is new. */
    int add(String id) {
      Integer k = index.get(id);
      if (k != null) {
        return k;
      }
      index.put(id, names.size());
      names.add(id);
      return names.size() - 1;
    }

    /** The number of {@code id}, or -1 when it was never added. */
    int find(String id) {
      return index.getOrDefault(id, -1);
    }

    String name(int k) {
      return names.get(k);
    }

    int size() {
      return names.size();
    }
  }
}
