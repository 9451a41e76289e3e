package io.lowrank.experiment.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
  @TempDir
  Path dir;

  /** Preamble + header of a version-1.0 file, padded to 64 bytes as NumPy does. */
  static byte[] v1Header(String dict) {
    int total = (10 + dict.length() + 1 + 63) / 64 * 64;
    ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    b.putShort((short) (total - 10));
    b.put(dict.getBytes(StandardCharsets.ISO_8859_1));
    while (b.position() < total - 1) {
      b.put((byte) ' ');
    }
    b.put((byte) '\n');
    return b.array();
  }

  static byte[] doubles(double... values) {
    ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : values) {
      b.putDouble(v);
    }
    return b.array();
  }

  Path file(String name, byte[]... parts) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.write(p);
    }
    Path p = dir.resolve(name);
    Files.write(p, out.toByteArray());
    return p;
  }

  @Test
  void roundTripKeepsShapeAndBits() throws IOException {
    double[] special = {0.0, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Math.PI, 1e-300, -2.5};
    double[] data = new double[3 * 4 * 5];
    SplittableRandom rng = new SplittableRandom(3);
    for (int i = 0; i < data.length; i++) {
      data[i] = i < special.length ? special[i] : rng.nextGaussian();
    }
    Path p = dir.resolve("a.npy");
    Npy.write(p, data, 3, 4, 5);
    NpyArray back = Npy.read(p);
    assertThat(back.shape()).containsExactly(3, 4, 5);
    assertThat(back.intShape()).containsExactly(3, 4, 5);
    for (int i = 0; i < data.length; i++) {
      assertThat(Double.doubleToRawLongBits(back.data()[i])).as("value %d", i)
          .isEqualTo(Double.doubleToRawLongBits(data[i]));
    }
  }

  @Test
  void writesVersion1HeaderAlignedTo64Bytes() throws IOException {
    Path p = dir.resolve("v.npy");
    Npy.write(p, new double[] {1, 2, 3}, 3);
    byte[] bytes = Files.readAllBytes(p);
    assertThat(Arrays.copyOf(bytes, 8)).containsExactly((byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0);
    int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
    assertThat((10 + headerLength) % 64).isZero();
    String header = new String(bytes, 10, headerLength, StandardCharsets.ISO_8859_1);
    assertThat(header).startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }").endsWith("\n");
    assertThat(bytes.length).isEqualTo(10 + headerLength + 24);
  }

  @Test
  void scalarAndEmptyShapesRoundTrip() throws IOException {
    Path s = dir.resolve("s.npy");
    Npy.write(s, new double[] {7.5});
    assertThat(Npy.read(s).shape()).isEmpty();
    assertThat(Npy.read(s).data()).containsExactly(7.5);
    Path e = dir.resolve("e.npy");
    Npy.write(e, new double[0], 0, 4);
    assertThat(Npy.read(e).shape()).containsExactly(0, 4);
  }

  @Test
  void readsHandBuiltVersion1File() throws IOException {
    Path p = file("h.npy", v1Header("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }"),
        doubles(1, 2, 3, 4, 5, 6));
    NpyArray a = Npy.read(p);
    assertThat(a.shape()).containsExactly(2, 3);
    assertThat(a.toMat().get(1, 0)).isEqualTo(4.0);
    assertThat(Npy.readHeader(p).version()).isEqualTo(1);
  }

  @Test
  void readsVersion2AndOtherDtypes() throws IOException {
    String dict = "{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }";
    int total = (12 + dict.length() + 1 + 63) / 64 * 64;
    ByteBuffer b = ByteBuffer.allocate(total + 12).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt(total - 12);
    b.put(dict.getBytes(StandardCharsets.ISO_8859_1));
    while (b.position() < total - 1) {
      b.put((byte) ' ');
    }
    b.put((byte) '\n').putInt(-7).putInt(0).putInt(123456);
    Path p = file("v2.npy", b.array());
    assertThat(Npy.read(p).data()).containsExactly(-7, 0, 123456);
    assertThat(Npy.readHeader(p).version()).isEqualTo(2);

    ByteBuffer f4 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.5f).putFloat(-1.25f);
    Path pf = file("f4.npy", v1Header("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }"), f4.array());
    assertThat(Npy.read(pf).data()).containsExactly(0.5, -1.25);

    ByteBuffer i8 = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).putLong(-3);
    Path pi = file("i8.npy", v1Header("{\"descr\": \"<i8\", \"fortran_order\": False, \"shape\": (2L,)}"), i8.array());
    assertThat(Npy.read(pi).data()).containsExactly(0x1p40, -3);
  }

  @Test
  void badMagicIsNamed() throws IOException {
    Path p = file("X.npy", "hello, this is not numpy".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> Npy.read(p)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("X.npy is not a NumPy .npy file (bad magic");
  }

  @Test
  void unsupportedDtypeSaysWhatIsSupported() throws IOException {
    Path p = file("X.npy", v1Header("{'descr': '>f8', 'fortran_order': False, 'shape': (1,), }"), doubles(1));
    assertThatThrownBy(() -> Npy.read(p)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("X.npy has dtype '>f8'").hasMessageContaining("supported dtypes are '<f8'");
    Path s = file("S.npy", v1Header("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }"), doubles(1));
    assertThatThrownBy(() -> Npy.read(s)).hasMessageContaining("S.npy has a structured dtype");
  }

  @Test
  void fortranOrderIsRefused() throws IOException {
    Path p = file("X.npy", v1Header("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 2), }"), doubles(1, 2, 3, 4));
    assertThatThrownBy(() -> Npy.read(p)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("X.npy is stored in Fortran order").hasMessageContaining("only C order is supported");
  }

  @Test
  void truncatedDataSaysHowManyValuesAreThere() throws IOException {
    Path p = file("X.npy", v1Header("{'descr': '<f8', 'fortran_order': False, 'shape': (40, 40), }"),
        doubles(new double[1200]), new byte[5]);
    assertThatThrownBy(() -> Npy.read(p)).isInstanceOf(BadInputException.class)
        .hasMessageEndingWith("X.npy holds 1200 of 1600 values; the file is truncated");
  }

  @Test
  void truncatedHeaderAndExtraDataAreReported() throws IOException {
    byte[] h = v1Header("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }");
    Path cut = file("cut.npy", Arrays.copyOf(h, 30));
    assertThatThrownBy(() -> Npy.read(cut)).hasMessageContaining("cut.npy is truncated inside its header");
    Path extra = file("extra.npy", h, doubles(1, 2, 3));
    assertThatThrownBy(() -> Npy.read(extra)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("extra.npy holds 24 bytes of data but its header shape (2,) needs 16");
  }

  @Test
  void malformedHeaderAndVersionAreReported() throws IOException {
    Path p = file("m.npy", v1Header("{'descr': '<f8', 'fortran_order': False, 'shape': (2, x), }"), doubles(1, 2));
    assertThatThrownBy(() -> Npy.read(p)).hasMessageContaining("m.npy has a malformed header (cannot read shape");
    byte[] v9 = v1Header("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }");
    v9[6] = 9;
    Path q = file("v9.npy", v9, doubles(1));
    assertThatThrownBy(() -> Npy.read(q)).hasMessageContaining("v9.npy uses .npy format version 9.0");
    byte[] v11 = v1Header("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }");
    v11[7] = 1;
    Path w = file("v11.npy", v11, doubles(1));
    assertThatThrownBy(() -> Npy.read(w)).hasMessageContaining("v11.npy uses .npy format version 1.1, which NumPy "
        + "does not define");
  }

  @Test
  void nonFiniteValuesAreRefusedOnlyWhenRequired() throws IOException {
    Path p = dir.resolve("U0.npy");
    double[] data = {1, 2, 3, 4, Double.NaN, 6};
    Npy.write(p, data, 3, 2);
    assertThat(Npy.read(p).data()[4]).isNaN();
    assertThatThrownBy(() -> Npy.readFinite(p)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("U0.npy has a non-finite value (NaN) at index (2, 0); every entry must be finite");
  }

  @Test
  void writeChecksShapeAgainstData() {
    assertThatThrownBy(() -> Npy.write(dir.resolve("w.npy"), new double[5], 2, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(2, 3) holds 6 values");
  }
}
