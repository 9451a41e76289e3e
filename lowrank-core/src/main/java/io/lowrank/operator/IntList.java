package io.lowrank.operator;

import java.util.Arrays;

/** A growable int array (no boxing), for the sampled patterns of {@link SamplingPatterns}. */
final class IntList {
  int[] data = new int[1024];
  int size;

  void add(int v) {
    if (size == data.length) {
      data = Arrays.copyOf(data, data.length * 2);
    }
    data[size++] = v;
  }

  int[] toArray() {
    return Arrays.copyOf(data, size);
  }
}
