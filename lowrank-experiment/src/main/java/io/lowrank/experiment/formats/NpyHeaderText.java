package io.lowrank.experiment.formats;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header dictionary of a {@code .npy} file, a Python literal such as
 * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (40, 2), }}, padded with spaces and
 * ended by a newline.
 */
final class NpyHeaderText {
  private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*(?:'([^']*)'|\"([^\"]*)\"|(\\[))");
  private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^()]*)\\)");

  private NpyHeaderText() {}

  record Parsed(String descr, boolean fortranOrder, long[] shape) {}

  static Parsed parse(Path file, String header) {
    String h = header.strip();
    if (!h.startsWith("{") || !h.endsWith("}")) {
      throw malformed(file, "it is not a Python dict literal");
    }
    Matcher d = DESCR.matcher(h);
    if (!d.find()) {
      throw malformed(file, "no 'descr' entry");
    }
    if (d.group(3) != null) {
      throw Npy.bad(file, "has a structured dtype; " + Npy.DType.SUPPORTED);
    }
    String descr = d.group(1) != null ? d.group(1) : d.group(2);
    Matcher f = FORTRAN.matcher(h);
    if (!f.find()) {
      throw malformed(file, "no 'fortran_order' entry");
    }
    Matcher s = SHAPE.matcher(h);
    if (!s.find()) {
      throw malformed(file, "no 'shape' tuple");
    }
    return new Parsed(descr, f.group(1).equals("True"), parseShape(file, s.group(1)));
  }

  private static long[] parseShape(Path file, String inside) {
    String t = inside.strip();
    if (t.endsWith(",")) {
      t = t.substring(0, t.length() - 1).strip();
    }
    if (t.isEmpty()) {
      return new long[0];
    }
    String[] parts = t.split(",");
    long[] shape = new long[parts.length];
    for (int k = 0; k < parts.length; k++) {
      String p = parts[k].strip();
      if (p.endsWith("L")) {
        p = p.substring(0, p.length() - 1);
      }
      try {
        shape[k] = Long.parseLong(p);
      } catch (NumberFormatException e) {
        shape[k] = -1;
      }
      if (shape[k] < 0) {
        throw malformed(file, "cannot read shape (" + inside + ")");
      }
    }
    return shape;
  }

  private static BadInputException malformed(Path file, String why) {
    return Npy.bad(file, "has a malformed header (" + why + "); write it again with numpy.save");
  }

  /**
   * The full preamble and header of a C-ordered array: version 1.0 when the header length fits
   * 16 bits, else 2.0; the total is padded with spaces to a multiple of {@code align}.
   */
  static byte[] format(String descr, long[] shape, int align) {
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': "
        + NpyArray.shapeText(shape) + ", }";
    for (int version = 1; version <= 2; version++) {
      int preamble = version == 1 ? 10 : 12;
      int unpadded = preamble + dict.length() + 1;
      int total = (unpadded + align - 1) / align * align;
      int headerLength = total - preamble;
      if (version == 1 && headerLength > 0xffff) {
        continue;
      }
      byte[] out = new byte[total];
      byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) version, 0};
      System.arraycopy(magic, 0, out, 0, magic.length);
      for (int b = 0; b < preamble - 8; b++) {
        out[8 + b] = (byte) (headerLength >>> (8 * b));
      }
      byte[] text = dict.getBytes(StandardCharsets.ISO_8859_1);
      System.arraycopy(text, 0, out, preamble, text.length);
      for (int i = preamble + text.length; i < total - 1; i++) {
        out[i] = ' ';
      }
      out[total - 1] = '\n';
      return out;
    }
    throw new IllegalArgumentException("a shape of " + shape.length + " dimensions does not fit a .npy header");
  }
}
