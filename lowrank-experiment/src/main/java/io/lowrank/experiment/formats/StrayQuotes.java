package io.lowrank.experiment.formats;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;

/**
 * A reader that refuses a quote inside an unquoted field ({@code a"b,c,3}), which commons-csv
 * would keep as a literal character: RFC 4180 only allows quotes in quoted fields (doubled), and a
 * stray one almost always means quoting broken by an export. Quoted fields, doubled quotes inside
 * them and fields spanning lines pass unchanged; everything else is left to the CSV parser.
 */
final class StrayQuotes extends FilterReader {
  private static final int FIELD_START = 0;
  private static final int UNQUOTED = 1;
  private static final int QUOTED = 2;
  private static final int QUOTE_IN_QUOTED = 3;

  private final Path file;
  private final char delimiter;
  private int state = FIELD_START;
  private long line = 1;
  private boolean previousCr;

  StrayQuotes(Reader in, Path file, char delimiter) {
    super(in);
    this.file = file;
    this.delimiter = delimiter;
  }

  @Override
  public int read() throws IOException {
    int c = super.read();
    if (c >= 0) {
      step((char) c);
    }
    return c;
  }

  @Override
  public int read(char[] buf, int off, int len) throws IOException {
    int n = super.read(buf, off, len);
    for (int k = 0; k < n; k++) {
      step(buf[off + k]);
    }
    return n;
  }

  private void step(char c) {
    boolean lf = c == '\n';
    boolean afterCr = previousCr;
    previousCr = c == '\r';
    if (lf || c == '\r') { // LF, CRLF and CR-only line ends
      if (!(lf && afterCr)) {
        line++;
      }
      if (state != QUOTED) {
        state = FIELD_START;
      }
      return;
    }
    switch (state) {
      case FIELD_START -> {
        if (c == '"') {
          state = QUOTED;
        } else if (c != delimiter && c != ' ') {
          state = UNQUOTED;
        }
      }
      case UNQUOTED -> {
        if (c == '"') {
          throw new BadInputException(String.format(java.util.Locale.ROOT,
              "%s line %d has a quote inside an unquoted field; quote the whole field and double the quote "
                  + "(\"a\"\"b\"), or remove the stray quote", file, line));
        } else if (c == delimiter) {
          state = FIELD_START;
        }
      }
      case QUOTED -> {
        if (c == '"') {
          state = QUOTE_IN_QUOTED;
        }
      }
      default -> { // QUOTE_IN_QUOTED: a doubled quote continues the field, anything else ends it
        state = c == '"' ? QUOTED : c == delimiter ? FIELD_START : UNQUOTED;
      }
    }
  }
}
