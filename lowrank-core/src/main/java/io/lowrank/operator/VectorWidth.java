package io.lowrank.operator;

import jdk.incubator.vector.DoubleVector;

/** The preferred vector width of this machine; touched only when jdk.incubator.vector is present. */
final class VectorWidth {
  private VectorWidth() {}

  static int preferredBits() {
    return DoubleVector.SPECIES_PREFERRED.vectorBitSize();
  }
}
