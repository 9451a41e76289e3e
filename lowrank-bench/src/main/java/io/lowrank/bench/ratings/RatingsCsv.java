package io.lowrank.bench.ratings;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A ratings file: CSV (or TSV when the first line has a tab) of user id, item id, rating and
 * optional further fields (ignored), with a header line when the first line's third field is not a
 * number (the convention of {@code lowrank complete}). Fields may be quoted with {@code "}, with
 * {@code ""} for a quote inside. Ids are strings; the rating text is kept as written so that a
 * split writes it back unchanged.
 */
final class RatingsCsv {
  /** Header names of the first three columns (user, item, rating). */
  final String[] header;
  final List<String> users;
  final List<String> items;
  final List<String> ratingTexts;
  final double[] ratings;

  private RatingsCsv(String[] header, List<String> users, List<String> items, List<String> texts, double[] ratings) {
    this.header = header;
    this.users = users;
    this.items = items;
    this.ratingTexts = texts;
    this.ratings = ratings;
  }

  int size() {
    return ratings.length;
  }

  static RatingsCsv read(Path file) {
    List<String> users = new ArrayList<>();
    List<String> items = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    String[] header = {"user", "item", "rating"};
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      char delimiter = ',';
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (lineNo == 1) {
          if (line.startsWith("\uFEFF")) {
            line = line.substring(1);
          }
          delimiter = line.indexOf('\t') >= 0 ? '\t' : ',';
        }
        if (line.isBlank()) {
          continue;
        }
        List<String> f = split(line, delimiter);
        if (f.size() < 3) {
          throw new IllegalArgumentException(file + " line " + lineNo + " has " + f.size()
              + " fields but 3 are needed (user id, item id, rating): \"" + line + "\"");
        }
        if (lineNo == 1 && !isNumber(f.get(2))) {
          header = new String[] {f.get(0), f.get(1), f.get(2)};
          continue;
        }
        if (!isNumber(f.get(2))) {
          throw new IllegalArgumentException(file + " line " + lineNo + " has the rating '" + f.get(2)
              + "', which is not a number");
        }
        users.add(f.get(0));
        items.add(f.get(1));
        texts.add(f.get(2).trim());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    double[] v = new double[texts.size()];
    for (int t = 0; t < v.length; t++) {
      v[t] = Double.parseDouble(texts.get(t));
      if (!Double.isFinite(v[t])) {
        throw new IllegalArgumentException(file + ": rating " + texts.get(t) + " is not finite");
      }
    }
    if (v.length == 0) {
      throw new IllegalArgumentException(file + " has no data rows");
    }
    return new RatingsCsv(header, users, items, texts, v);
  }

  /**
   * Numbers the ids in order of first appearance (into the given tables, which may already hold
   * ids) and returns the indexed ratings; ids not in the tables are added.
   */
  Ratings index(Ratings.Ids userIds, Ratings.Ids itemIds) {
    int n = size();
    int[] u = new int[n];
    int[] i = new int[n];
    for (int t = 0; t < n; t++) {
      u[t] = userIds.add(users.get(t));
      i[t] = itemIds.add(items.get(t));
    }
    return new Ratings(u, i, ratings.clone(), userIds.size(), itemIds.size());
  }

  /**
   * Indexes against fixed tables: every id must already be in them (a test set after a split whose
   * ids all appear in the training set).
   */
  Ratings indexKnown(Ratings.Ids userIds, Ratings.Ids itemIds, String what) {
    int n = size();
    int[] u = new int[n];
    int[] i = new int[n];
    for (int t = 0; t < n; t++) {
      u[t] = userIds.find(users.get(t));
      i[t] = itemIds.find(items.get(t));
      if (u[t] < 0 || i[t] < 0) {
        throw new IllegalArgumentException(what + " entry " + (t + 1) + " (user " + users.get(t) + ", item "
            + items.get(t) + ") has an id that the training set lacks; split with RatingsSplit, which moves "
            + "such entries to the training set");
      }
    }
    return new Ratings(u, i, ratings.clone(), userIds.size(), itemIds.size());
  }

  /** Writes header and the entries {@code t} with {@code mask[t] == keep}: user, item, rating text. */
  void write(Path file, boolean[] mask, boolean keep, boolean withRating) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(quote(header[0]) + "," + quote(header[1]) + (withRating ? "," + quote(header[2]) : ""));
      out.newLine();
      for (int t = 0; t < size(); t++) {
        if (mask[t] == keep) {
          out.write(quote(users.get(t)) + "," + quote(items.get(t)) + (withRating ? "," + ratingTexts.get(t) : ""));
          out.newLine();
        }
      }
    }
  }

  static String quote(String field) {
    if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\t') < 0
        && field.strip().equals(field)) {
      return field;
    }
    return "\"" + field.replace("\"", "\"\"") + "\"";
  }

  static boolean isNumber(String s) {
    try {
      Double.parseDouble(s.trim());
      return !s.isBlank();
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Splits one line at {@code delimiter} outside double quotes; quotes are removed. */
  static List<String> split(String line, char delimiter) {
    List<String> out = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean quoted = false;
    for (int k = 0; k < line.length(); k++) {
      char c = line.charAt(k);
      if (quoted) {
        if (c == '"') {
          if (k + 1 < line.length() && line.charAt(k + 1) == '"') {
            f.append('"');
            k++;
          } else {
            quoted = false;
          }
        } else {
          f.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == delimiter) {
        out.add(f.toString());
        f.setLength(0);
      } else {
        f.append(c);
      }
    }
    out.add(f.toString());
    return out;
  }
}
