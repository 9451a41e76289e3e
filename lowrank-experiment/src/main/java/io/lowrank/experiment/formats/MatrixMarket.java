package io.lowrank.experiment.formats;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * MatrixMarket coordinate files for {@link TripletFiles}: banner
 * {@code %%MatrixMarket matrix coordinate real|integer|pattern general|symmetric}, comment lines
 * starting with %, a size line {@code n1 n2 nnz}, then nnz lines {@code i j [value]} with 1-based
 * indices (pattern files have no value: every entry is 1). Symmetric files list the lower triangle;
 * entries off the diagonal are mirrored.
 */
final class MatrixMarket {
  private MatrixMarket() {}

  static TripletFiles.Data read(Path file, TripletFiles.Duplicates policy, TripletFiles.SizeCheck check)
      throws IOException {
    try (BufferedReader in = TextFiles.reader(file)) {
      String banner = in.readLine();
      long line = 1;
      if (banner == null) {
        throw new BadInputException(file + " is empty; a MatrixMarket file starts with %%MatrixMarket matrix coordinate ...");
      }
      String[] b = banner.trim().toLowerCase(Locale.ROOT).split("\\s+");
      if (b.length < 5 || !b[0].equals("%%matrixmarket") || !b[1].equals("matrix")) {
        throw new BadInputException(file + " line 1 is not a MatrixMarket banner: \"" + TripletFiles.shorten(banner)
            + "\"; it must read %%MatrixMarket matrix coordinate real general (or integer/pattern, symmetric)");
      }
      if (!b[2].equals("coordinate")) {
        throw new BadInputException(file + " is a MatrixMarket '" + b[2]
            + "' (dense) matrix; accepted: coordinate format (one line per observed entry)");
      }
      boolean pattern = b[3].equals("pattern");
      boolean integerField = b[3].equals("integer");
      if (!pattern && !b[3].equals("real") && !b[3].equals("integer")) {
        throw new BadInputException(file + " has MatrixMarket field '" + b[3] + "'; accepted: real, integer or pattern");
      }
      boolean symmetric = b[4].equals("symmetric");
      if (!symmetric && !b[4].equals("general")) {
        throw new BadInputException(file + " has MatrixMarket symmetry '" + b[4] + "'; accepted: general or symmetric");
      }
      String s;
      while ((s = in.readLine()) != null) {
        line++;
        if (!s.isBlank() && !s.startsWith("%")) {
          break;
        }
      }
      if (s == null) {
        throw new BadInputException(file + " has no size line; after the banner give: rows columns entries");
      }
      long[] size = numbers(file, line, s, 3, "the size line must be: rows columns entries");
      if (size[0] < 1 || size[1] < 1 || size[2] < 0 || size[0] > Integer.MAX_VALUE - 8 || size[1] > Integer.MAX_VALUE - 8) {
        throw bad(file, line, s, "has an invalid size", "rows and columns must be >= 1 and entries >= 0");
      }
      int n1 = (int) size[0];
      int n2 = (int) size[1];
      if (symmetric && n1 != n2) {
        throw bad(file, line, s, "declares a symmetric " + n1 + " x " + n2 + " matrix", "a symmetric matrix is square");
      }
      long ids = (long) n1 + n2;
      long stored = symmetric ? 2 * size[2] : size[2];
      String source = String.format(Locale.ROOT, "%s line %d (a %d x %d matrix with %d entries)", file, line, n1, n2,
          size[2]);
      check.check(n1, n2, stored, source); // the caller's (the fit's) first: its message says more
      io.lowrank.linalg.Memory.require(ids * TripletFiles.Builder.BYTES_PER_ID + stored * TripletFiles.Builder.BYTES_PER_ENTRY,
          ids, "the row and column ids and the entries of " + source,
          "use a smaller matrix (the factor model alone needs (rows + columns) x width doubles)");
      TripletFiles.Builder builder = new TripletFiles.Builder(file);
      builder.declare(n1, n2);
      long count = 0;
      while ((s = in.readLine()) != null) {
        line++;
        String t = s.trim();
        if (t.isEmpty() || t.startsWith("%")) {
          continue;
        }
        String[] f = t.split("\\s+");
        if (f.length < (pattern ? 2 : 3)) {
          throw bad(file, line, s, "has " + f.length + " field" + (f.length == 1 ? "" : "s") + " but "
              + (pattern ? 2 : 3) + " are needed", pattern ? "give: row column" : "give: row column value");
        }
        long i = index(file, line, s, f[0], n1, "row");
        long j = index(file, line, s, f[1], n2, "column");
        double v = 1.0;
        if (!pattern) {
          long at = line;
          String content = s;
          v = TripletFiles.parseValue(f[2], (problem, fix) -> bad(file, at, content, problem, fix));
          if (integerField && v != Math.rint(v)) {
            throw bad(file, line, s, "has the value " + TripletFiles.field(f[2]) + " in an integer MatrixMarket file",
                "declare the field real in the banner, or give integers");
          }
        }
        builder.addIndex((int) i - 1, (int) j - 1, v, line);
        if (symmetric && i != j) {
          builder.addIndex((int) j - 1, (int) i - 1, v, line);
        }
        count++;
      }
      if (count != size[2]) {
        throw new BadInputException(String.format(Locale.ROOT,
            "%s declares %d entries but holds %d; the file is truncated or its size line is wrong", file, size[2], count));
      }
      return builder.build("mtx", null, policy);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw TripletFiles.notText(file);
    }
  }

  private static long index(Path file, long line, String s, String text, int n, String what) {
    long v;
    try {
      v = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw bad(file, line, s, "has the " + what + " index '" + TripletFiles.field(text) + "', which is not an integer",
          "MatrixMarket indices are integers from 1");
    }
    if (v < 1 || v > n) {
      throw bad(file, line, s, "has the " + what + " index " + v + " outside 1.." + n, "indices are 1-based and at most the declared size");
    }
    return v;
  }

  private static long[] numbers(Path file, long line, String s, int count, String fix) {
    String[] f = s.trim().split("\\s+");
    if (f.length < count) {
      throw bad(file, line, s, "has " + f.length + " fields", fix);
    }
    long[] out = new long[count];
    for (int k = 0; k < count; k++) {
      try {
        out[k] = Long.parseLong(f[k]);
      } catch (NumberFormatException e) {
        throw bad(file, line, s, "has '" + TripletFiles.field(f[k]) + "', which is not an integer", fix);
      }
    }
    return out;
  }

  private static BadInputException bad(Path file, long line, String content, String problem, String fix) {
    return new BadInputException(String.format(Locale.ROOT, "%s line %d %s: \"%s\"; %s", file, line, problem,
        TripletFiles.excerpt(content), fix));
  }
}
