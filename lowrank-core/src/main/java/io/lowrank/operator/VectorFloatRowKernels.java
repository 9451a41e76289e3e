package io.lowrank.operator;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatRowKernels} on {@code jdk.incubator.vector} for AVX-512 machines. It uses exactly the
 * shapes of {@link VectorRowKernels512} (256-bit float vectors, 512-bit double vectors), so the two
 * never mix vector widths in one JVM (see {@link VectorRowKernels} for why that matters): the
 * contract's 32 float lanes are four 8-lane float vectors (lanes 8q..8q+7 in {@code s_q}), widened
 * at the end of each chunk into four 8-lane double vectors, so each row has four independent fused
 * multiply-add chains. Bit-identical to the plain kernels. As in the other
 * vector kernels, no vector crosses a method call.
 */
final class VectorFloatRowKernels extends FloatRowKernels {
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_512;
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
  private static final int H = 8;

  VectorFloatRowKernels() {
    if (D.length() != H || F.length() != H || 4 * H != LANES || CHUNK % LANES != 0) {
      throw new IllegalStateException("unexpected vector species lengths");
    }
  }

  @Override
  String name() {
    return "vector512";
  }

  @Override
  double dot1(float[] a, int off, int np, float[] w) {
    DoubleVector dz = DoubleVector.zero(D);
    DoubleVector l0 = dz;
    DoubleVector l1 = dz;
    DoubleVector l2 = dz;
    DoubleVector l3 = dz;
    FloatVector fz = FloatVector.zero(F);
    int np32 = np - np % LANES;
    int p = 0;
    while (p < np32) {
      int end = Math.min(p + CHUNK, np32);
      FloatVector s0 = fz;
      FloatVector s1 = fz;
      FloatVector s2 = fz;
      FloatVector s3 = fz;
      for (; p < end; p += LANES) {
        int q = off + p;
        s0 = FloatVector.fromArray(F, a, q).fma(FloatVector.fromArray(F, w, p), s0);
        s1 = FloatVector.fromArray(F, a, q + H).fma(FloatVector.fromArray(F, w, p + H), s1);
        s2 = FloatVector.fromArray(F, a, q + 2 * H).fma(FloatVector.fromArray(F, w, p + 2 * H), s2);
        s3 = FloatVector.fromArray(F, a, q + 3 * H).fma(FloatVector.fromArray(F, w, p + 3 * H), s3);
      }
      l0 = l0.add((DoubleVector) s0.convertShape(VectorOperators.F2D, D, 0));
      l1 = l1.add((DoubleVector) s1.convertShape(VectorOperators.F2D, D, 0));
      l2 = l2.add((DoubleVector) s2.convertShape(VectorOperators.F2D, D, 0));
      l3 = l3.add((DoubleVector) s3.convertShape(VectorOperators.F2D, D, 0));
    }
    DoubleVector c = l0.add(l1).add(l2.add(l3));
    double d = RowKernels.combine(c.lane(0), c.lane(1), c.lane(2), c.lane(3), c.lane(4), c.lane(5), c.lane(6), c.lane(7));
    float e = 0f;
    for (; p < np; p++) {
      e = Math.fma(a[off + p], w[p], e);
    }
    return d + e;
  }

  @Override
  void axpy4(float[] a, int off, int np, float v0, float v1, float v2, float v3, float[] g) {
    int o1 = off + np;
    int o2 = o1 + np;
    int o3 = o2 + np;
    FloatVector b0 = FloatVector.broadcast(F, v0);
    FloatVector b1 = FloatVector.broadcast(F, v1);
    FloatVector b2 = FloatVector.broadcast(F, v2);
    FloatVector b3 = FloatVector.broadcast(F, v3);
    int bound = F.loopBound(np);
    int p = 0;
    for (; p < bound; p += H) {
      FloatVector acc = FloatVector.fromArray(F, g, p);
      acc = FloatVector.fromArray(F, a, off + p).fma(b0, acc);
      acc = FloatVector.fromArray(F, a, o1 + p).fma(b1, acc);
      acc = FloatVector.fromArray(F, a, o2 + p).fma(b2, acc);
      acc = FloatVector.fromArray(F, a, o3 + p).fma(b3, acc);
      acc.intoArray(g, p);
    }
    for (; p < np; p++) {
      g[p] = Math.fma(a[o3 + p], v3, Math.fma(a[o2 + p], v2, Math.fma(a[o1 + p], v1, Math.fma(a[off + p], v0, g[p]))));
    }
  }

  @Override
  void axpy1(float[] a, int off, int np, float v, float[] g) {
    FloatVector b = FloatVector.broadcast(F, v);
    int bound = F.loopBound(np);
    int p = 0;
    for (; p < bound; p += H) {
      FloatVector.fromArray(F, a, off + p).fma(b, FloatVector.fromArray(F, g, p)).intoArray(g, p);
    }
    for (; p < np; p++) {
      g[p] = Math.fma(a[off + p], v, g[p]);
    }
  }

  @Override
  void flush(float[] f, double[] g, int np) {
    FloatVector fz = FloatVector.zero(F);
    int bound = F.loopBound(np);
    int p = 0;
    for (; p < bound; p += H) {
      DoubleVector wide = (DoubleVector) FloatVector.fromArray(F, f, p).convertShape(VectorOperators.F2D, D, 0);
      DoubleVector.fromArray(D, g, p).add(wide).intoArray(g, p);
      fz.intoArray(f, p);
    }
    for (; p < np; p++) {
      g[p] += f[p];
      f[p] = 0f;
    }
  }
}
