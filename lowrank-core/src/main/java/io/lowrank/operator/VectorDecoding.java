package io.lowrank.operator;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The decoders of the tiled storage precisions on {@code jdk.incubator.vector}, shared by the 256-
 * and 512-bit row kernels: eight entries at a time into 256-bit float vectors (the float species
 * both kernels already use, so no new vector shape enters the JVM), exact. No vector crosses a call.
 * Referenced only from the vector kernels, so loaded only when the module is present.
 */
final class VectorDecoding {
  private VectorDecoding() {}

  /** out[t] = a[off + t] as a float, t = 0..len-1. */
  static void bytes(byte[] a, int off, int len, float[] out) {
    int len8 = len - len % 8;
    int t = 0;
    for (; t < len8; t += 8) {
      ((FloatVector) ByteVector.fromArray(ByteVector.SPECIES_64, a, off + t)
          .convertShape(VectorOperators.B2F, FloatVector.SPECIES_256, 0)).intoArray(out, t);
    }
    for (; t < len; t++) {
      out[t] = a[off + t];
    }
  }

  /** out[t] = the float with upper bits a[off + t]: widened to int, shifted into the upper half, reinterpreted. */
  static void bfloat16(short[] a, int off, int len, float[] out) {
    int len8 = len - len % 8;
    int t = 0;
    for (; t < len8; t += 8) {
      ((IntVector) ShortVector.fromArray(ShortVector.SPECIES_128, a, off + t)
          .convertShape(VectorOperators.S2I, IntVector.SPECIES_256, 0))
          .lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats().intoArray(out, t);
    }
    for (; t < len; t++) {
      out[t] = Float.intBitsToFloat(a[off + t] << 16);
    }
  }
}
