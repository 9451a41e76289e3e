package io.lowrank.experiment.formats;

import io.lowrank.linalg.Mat;
import io.lowrank.linalg.Memory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0 read; 1.0 written when the header
 * fits, else 2.0). Arrays are C-ordered; values are read as {@code double} from little-endian
 * {@code '<f8'}, {@code '<f4'}, {@code '<i8'} or {@code '<i4'} and written as {@code '<f8'}.
 *
 * <p>Every malformed file raises a {@link BadInputException} whose one-line message names the file,
 * the problem and what is supported. I/O failures (missing file, permissions) are
 * {@link IOException}s. Before allocating the values, {@link Memory#require} checks they fit.
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int ALIGN = 64;
  private static final int CHUNK = 1 << 16;
  private static final String ACCEPTED = "a NumPy .npy file (numpy.save)";

  private Npy() {}

  /** The supported element types. */
  public enum DType {
    F8("<f8", 8), F4("<f4", 4), I8("<i8", 8), I4("<i4", 4);

    /** What error messages list as accepted. */
    public static final String SUPPORTED = "supported dtypes are '<f8' (float64), '<f4' (float32), "
        + "'<i8' (int64) and '<i4' (int32), little-endian";

    private final String descr;
    private final int size;

    DType(String descr, int size) {
      this.descr = descr;
      this.size = size;
    }

    /** The NumPy descr string, e.g. {@code <f8}. */
    public String descr() {
      return descr;
    }

    /** Bytes per element. */
    public int size() {
      return size;
    }

    static DType of(String descr) {
      for (DType t : values()) {
        if (t.descr.equals(descr)) {
          return t;
        }
      }
      return null;
    }
  }

  /**
   * A parsed header.
   *
   * @param file the file
   * @param version format major version (1, 2 or 3)
   * @param dtype element type
   * @param shape dimensions
   * @param dataOffset byte offset of the first value
   */
  public record Header(Path file, int version, DType dtype, long[] shape, long dataOffset) {
    /** Number of values the shape declares. */
    public long count() {
      return NpyArray.elementCount(shape);
    }

    /** The shape in Python notation. */
    public String shapeText() {
      return NpyArray.shapeText(shape);
    }
  }

  /** Reads and validates only the header (cheap: no values are read or allocated). */
  public static Header readHeader(Path file) throws IOException {
    InputFiles.requireRegular(file, ACCEPTED);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return readHeader(file, ch);
    }
  }

  /** Reads a whole array; non-finite values are allowed. */
  public static NpyArray read(Path file) throws IOException {
    return read(file, false);
  }

  /** Reads a whole array and rejects NaN or infinite values, naming the first one's position. */
  public static NpyArray readFinite(Path file) throws IOException {
    return read(file, true);
  }

  private static NpyArray read(Path file, boolean requireFinite) throws IOException {
    InputFiles.requireRegular(file, ACCEPTED);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      Header h = readHeader(file, ch);
      long count = h.count();
      Memory.require(8 * count, count, String.format(Locale.ROOT, "reading %s (shape %s, %d values)",
          file, h.shapeText(), count), "use a smaller array");
      double[] data = new double[(int) count];
      ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
      ch.position(h.dataOffset());
      int filled = 0;
      while (filled < count) {
        buf.clear();
        long remaining = (count - filled) * h.dtype().size();
        if (remaining < buf.capacity()) {
          buf.limit((int) remaining);
        }
        while (buf.hasRemaining() && ch.read(buf) >= 0) {
          // keep reading until the chunk is full or the file ends
        }
        buf.flip();
        if (buf.remaining() < h.dtype().size()) {
          throw truncated(h, filled + 0L);
        }
        filled = decode(h.dtype(), buf, data, filled);
      }
      if (requireFinite) {
        requireFinite(h, data);
      }
      return new NpyArray(h.shape(), data);
    }
  }

  private static int decode(DType t, ByteBuffer buf, double[] out, int at) {
    int i = at;
    while (buf.remaining() >= t.size()) {
      out[i++] = switch (t) {
        case F8 -> buf.getDouble();
        case F4 -> buf.getFloat();
        case I8 -> buf.getLong();
        case I4 -> buf.getInt();
      };
    }
    return i;
  }

  private static void requireFinite(Header h, double[] data) {
    for (int i = 0; i < data.length; i++) {
      if (!Double.isFinite(data[i])) {
        throw new BadInputException(String.format(Locale.ROOT,
            "%s has a non-finite value (%s) at index %s; every entry must be finite",
            h.file(), data[i], NpyArray.shapeText(unravel(i, h.shape()))));
      }
    }
  }

  private static long[] unravel(long index, long[] shape) {
    long[] idx = new long[shape.length];
    for (int k = shape.length - 1; k >= 0; k--) {
      idx[k] = index % shape[k];
      index /= shape[k];
    }
    return idx;
  }

  private static BadInputException truncated(Header h, long held) {
    return new BadInputException(String.format(Locale.ROOT,
        "%s holds %d of %d values; the file is truncated", h.file(), held, h.count()));
  }

  private static Header readHeader(Path file, FileChannel ch) throws IOException {
    long size = ch.size();
    ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    while (pre.hasRemaining() && ch.read(pre) >= 0) {
      // fill the preamble
    }
    pre.flip();
    for (int k = 0; k < MAGIC.length; k++) {
      if (pre.remaining() <= k || pre.get(k) != MAGIC[k]) {
        throw bad(file, "is not a NumPy .npy file (bad magic bytes: it must start with \\x93NUMPY); "
            + "write it with numpy.save");
      }
    }
    if (pre.remaining() < 10) {
      throw bad(file, "is truncated inside its header; write it again with numpy.save");
    }
    int major = pre.get(6) & 0xff;
    int minor = pre.get(7) & 0xff;
    long headerLength;
    int preamble;
    if (minor != 0 && major >= 1 && major <= 3) {
      throw bad(file, String.format(Locale.ROOT,
          "uses .npy format version %d.%d, which NumPy does not define; supported versions are 1.0, 2.0 and 3.0",
          major, minor));
    }
    if (major == 1) {
      headerLength = pre.getShort(8) & 0xffff;
      preamble = 10;
    } else if (major == 2 || major == 3) {
      if (pre.remaining() < 12) {
        throw bad(file, "is truncated inside its header; write it again with numpy.save");
      }
      headerLength = pre.getInt(8) & 0xffffffffL;
      preamble = 12;
    } else {
      throw bad(file, String.format(Locale.ROOT,
          "uses .npy format version %d.%d; supported versions are 1.0, 2.0 and 3.0", major, minor));
    }
    if (preamble + headerLength > size || headerLength > Integer.MAX_VALUE) {
      throw bad(file, "is truncated inside its header; write it again with numpy.save");
    }
    ByteBuffer hb = ByteBuffer.allocate((int) headerLength);
    ch.position(preamble);
    while (hb.hasRemaining() && ch.read(hb) >= 0) {
      // fill the header
    }
    String text = new String(hb.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    NpyHeaderText.Parsed p = NpyHeaderText.parse(file, text);
    DType dtype = DType.of(p.descr());
    if (dtype == null) {
      throw bad(file, "has dtype '" + p.descr() + "'; " + DType.SUPPORTED
          + " (convert with a.astype('<f8'))");
    }
    if (p.fortranOrder()) {
      throw bad(file, "is stored in Fortran order (fortran_order: True); only C order is supported "
          + "(save numpy.ascontiguousarray(a))");
    }
    long offset = preamble + headerLength;
    Header h = new Header(file, major, dtype, p.shape(), offset);
    long count;
    try {
      count = h.count();
      Math.multiplyExact(count, (long) dtype.size());
    } catch (ArithmeticException e) {
      throw bad(file, "declares shape " + h.shapeText() + ", which is too large to read; accepted: an array of fewer than 2^31 values");
    }
    long bytes = size - offset;
    long needed = count * dtype.size();
    if (bytes < needed) {
      throw truncated(h, bytes / dtype.size());
    }
    if (bytes > needed) {
      throw bad(file, String.format(Locale.ROOT,
          "holds %d bytes of data but its header shape %s needs %d (%d x %d bytes); header and data do not match",
          bytes, h.shapeText(), needed, count, dtype.size()));
    }
    return h;
  }

  static BadInputException bad(Path file, String problem) {
    return new BadInputException(file + " " + problem);
  }

  /** Writes a matrix as a 2-D {@code '<f8'} array. */
  public static void write(Path file, Mat m) throws IOException {
    write(file, m.data(), m.rows(), m.cols());
  }

  /**
   * Writes {@code data} (C order) as a {@code '<f8'} array of the given shape; the product of the
   * shape must equal {@code data.length}. Replaces an existing file atomically ({@link AtomicFiles}).
   */
  public static void write(Path file, double[] data, int... shape) throws IOException {
    long[] dims = new long[shape.length];
    for (int k = 0; k < shape.length; k++) {
      dims[k] = shape[k];
    }
    NpyArray array = new NpyArray(dims, data);
    byte[] header = NpyHeaderText.format(DType.F8.descr(), array.shape(), ALIGN);
    AtomicFiles.write(file, out -> {
      out.write(header);
      ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
      for (double v : data) {
        if (!buf.hasRemaining()) {
          out.write(buf.array(), 0, buf.position());
          buf.clear();
        }
        buf.putDouble(v);
      }
      out.write(buf.array(), 0, buf.position());
    });
  }
}
