package io.lowrank.experiment.formats;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Reading user text files: strict UTF-8 (a malformed byte is an error, never a replacement
 * character), a leading byte-order mark skipped, and numbers by a strict decimal grammar.
 */
public final class TextFiles {
  /** Decimal numbers: optional sign, digits with an optional fraction, optional exponent. No hex, no suffixes, no words. */
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

  private TextFiles() {}

  /** A reader of {@code file} as strict UTF-8 with a leading byte-order mark removed. */
  public static BufferedReader reader(Path file) throws IOException {
    InputFiles.requireRegular(file, "a UTF-8 text file");
    var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder));
    r.mark(1);
    int first;
    try {
      first = r.read();
    } catch (java.nio.charset.CharacterCodingException e) {
      r.close();
      throw notText(file);
    }
    if (first != '\uFEFF' && first != -1) {
      r.reset();
    }
    return r;
  }

  /** The refusal of a file that is not valid UTF-8. */
  public static BadInputException notText(Path file) {
    return new BadInputException(file + " is not UTF-8 text (a byte sequence is not valid UTF-8); accepted: a UTF-8 "
        + "text file (convert it, e.g. iconv -f latin1 -t utf-8)");
  }

  /** True when {@code s} is a decimal number of the strict grammar (e.g. 3, -0.5, 1e-3, .5). */
  public static boolean isDecimal(String s) {
    return DECIMAL.matcher(s).matches();
  }

  /**
   * The value of a strict decimal number.
   *
   * @throws NumberFormatException when {@code s} is not one (hex, {@code 4f}, {@code NaN}, text)
   */
  public static double parseDecimal(String s) {
    if (!isDecimal(s)) {
      throw new NumberFormatException(s);
    }
    return Double.parseDouble(s);
  }

  /** True for the words a user may mean as not-a-number or infinity (nan, inf, infinity, with a sign). */
  public static boolean isNonFiniteWord(String s) {
    String t = s.toLowerCase(java.util.Locale.ROOT).replaceFirst("^[+-]", "");
    return t.equals("nan") || t.equals("inf") || t.equals("infinity");
  }

  /** The first control character (other than tab) in {@code s}, or -1. */
  public static int controlCharacter(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c) && c != '\t') {
        return i;
      }
    }
    return -1;
  }
}
