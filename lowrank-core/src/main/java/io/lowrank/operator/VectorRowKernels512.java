package io.lowrank.operator;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RowKernels} on {@code jdk.incubator.vector} for machines whose preferred vectors are
 * 512 bits (AVX-512): one 8-lane double vector per row holds exactly the contract's eight lanes,
 * and float rows are loaded eight at a time (256 bits) and widened, so the results are
 * bit-identical to {@link PlainRowKernels} and {@link VectorRowKernels} (the 256-bit variant,
 * used elsewhere). Measured here: float32 passes ~1.3x faster than the 256-bit variant (half the
 * widening instructions). The pitfalls documented on {@link VectorRowKernels} apply: no vector
 * crosses a method call, and only this width is used in a JVM that selects this class.
 */
final class VectorRowKernels512 extends RowKernels {
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_512;
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
  private static final int L = 8;

  VectorRowKernels512() {
    if (D.length() != L || F.length() != L || L != LANES) {
      throw new IllegalStateException("unexpected vector species lengths");
    }
  }

  @Override
  String name() {
    return "vector512";
  }

  @Override
  void dot4(double[] a, int off, int np, double[] w, double[] out) {
    int o1 = off + np;
    int o2 = o1 + np;
    int o3 = o2 + np;
    DoubleVector s0 = DoubleVector.zero(D);
    DoubleVector s1 = s0;
    DoubleVector s2 = s0;
    DoubleVector s3 = s0;
    int np8 = np - np % LANES;
    int p = 0;
    for (; p < np8; p += LANES) {
      DoubleVector wv = DoubleVector.fromArray(D, w, p);
      s0 = DoubleVector.fromArray(D, a, off + p).fma(wv, s0);
      s1 = DoubleVector.fromArray(D, a, o1 + p).fma(wv, s1);
      s2 = DoubleVector.fromArray(D, a, o2 + p).fma(wv, s2);
      s3 = DoubleVector.fromArray(D, a, o3 + p).fma(wv, s3);
    }
    double d0 = combine(s0.lane(0), s0.lane(1), s0.lane(2), s0.lane(3), s0.lane(4), s0.lane(5), s0.lane(6), s0.lane(7));
    double d1 = combine(s1.lane(0), s1.lane(1), s1.lane(2), s1.lane(3), s1.lane(4), s1.lane(5), s1.lane(6), s1.lane(7));
    double d2 = combine(s2.lane(0), s2.lane(1), s2.lane(2), s2.lane(3), s2.lane(4), s2.lane(5), s2.lane(6), s2.lane(7));
    double d3 = combine(s3.lane(0), s3.lane(1), s3.lane(2), s3.lane(3), s3.lane(4), s3.lane(5), s3.lane(6), s3.lane(7));
    for (; p < np; p++) {
      double wp = w[p];
      d0 = Math.fma(a[off + p], wp, d0);
      d1 = Math.fma(a[o1 + p], wp, d1);
      d2 = Math.fma(a[o2 + p], wp, d2);
      d3 = Math.fma(a[o3 + p], wp, d3);
    }
    out[0] = d0;
    out[1] = d1;
    out[2] = d2;
    out[3] = d3;
  }

  @Override
  void dot4(float[] a, int off, int np, double[] w, double[] out) {
    int o1 = off + np;
    int o2 = o1 + np;
    int o3 = o2 + np;
    DoubleVector s0 = DoubleVector.zero(D);
    DoubleVector s1 = s0;
    DoubleVector s2 = s0;
    DoubleVector s3 = s0;
    int np8 = np - np % LANES;
    int p = 0;
    for (; p < np8; p += LANES) {
      DoubleVector wv = DoubleVector.fromArray(D, w, p);
      s0 = ((DoubleVector) FloatVector.fromArray(F, a, off + p).convertShape(VectorOperators.F2D, D, 0)).fma(wv, s0);
      s1 = ((DoubleVector) FloatVector.fromArray(F, a, o1 + p).convertShape(VectorOperators.F2D, D, 0)).fma(wv, s1);
      s2 = ((DoubleVector) FloatVector.fromArray(F, a, o2 + p).convertShape(VectorOperators.F2D, D, 0)).fma(wv, s2);
      s3 = ((DoubleVector) FloatVector.fromArray(F, a, o3 + p).convertShape(VectorOperators.F2D, D, 0)).fma(wv, s3);
    }
    double d0 = combine(s0.lane(0), s0.lane(1), s0.lane(2), s0.lane(3), s0.lane(4), s0.lane(5), s0.lane(6), s0.lane(7));
    double d1 = combine(s1.lane(0), s1.lane(1), s1.lane(2), s1.lane(3), s1.lane(4), s1.lane(5), s1.lane(6), s1.lane(7));
    double d2 = combine(s2.lane(0), s2.lane(1), s2.lane(2), s2.lane(3), s2.lane(4), s2.lane(5), s2.lane(6), s2.lane(7));
    double d3 = combine(s3.lane(0), s3.lane(1), s3.lane(2), s3.lane(3), s3.lane(4), s3.lane(5), s3.lane(6), s3.lane(7));
    for (; p < np; p++) {
      double wp = w[p];
      d0 = Math.fma(a[off + p], wp, d0);
      d1 = Math.fma(a[o1 + p], wp, d1);
      d2 = Math.fma(a[o2 + p], wp, d2);
      d3 = Math.fma(a[o3 + p], wp, d3);
    }
    out[0] = d0;
    out[1] = d1;
    out[2] = d2;
    out[3] = d3;
  }

  @Override
  double dot1(double[] a, int off, int np, double[] w) {
    DoubleVector s = DoubleVector.zero(D);
    int np8 = np - np % LANES;
    int p = 0;
    for (; p < np8; p += LANES) {
      s = DoubleVector.fromArray(D, a, off + p).fma(DoubleVector.fromArray(D, w, p), s);
    }
    double d = combine(s.lane(0), s.lane(1), s.lane(2), s.lane(3), s.lane(4), s.lane(5), s.lane(6), s.lane(7));
    for (; p < np; p++) {
      d = Math.fma(a[off + p], w[p], d);
    }
    return d;
  }

  @Override
  double dot1(float[] a, int off, int np, double[] w) {
    DoubleVector s = DoubleVector.zero(D);
    int np8 = np - np % LANES;
    int p = 0;
    for (; p < np8; p += LANES) {
      s = ((DoubleVector) FloatVector.fromArray(F, a, off + p).convertShape(VectorOperators.F2D, D, 0)).fma(DoubleVector.fromArray(D, w, p), s);
    }
    double d = combine(s.lane(0), s.lane(1), s.lane(2), s.lane(3), s.lane(4), s.lane(5), s.lane(6), s.lane(7));
    for (; p < np; p++) {
      d = Math.fma(a[off + p], w[p], d);
    }
    return d;
  }

  @Override
  void axpy4(double[] a, int off, int np, double v0, double v1, double v2, double v3, double[] g) {
    int o1 = off + np;
    int o2 = o1 + np;
    int o3 = o2 + np;
    DoubleVector b0 = DoubleVector.broadcast(D, v0);
    DoubleVector b1 = DoubleVector.broadcast(D, v1);
    DoubleVector b2 = DoubleVector.broadcast(D, v2);
    DoubleVector b3 = DoubleVector.broadcast(D, v3);
    int bound = D.loopBound(np);
    int p = 0;
    for (; p < bound; p += L) {
      DoubleVector acc = DoubleVector.fromArray(D, g, p);
      acc = DoubleVector.fromArray(D, a, off + p).fma(b0, acc);
      acc = DoubleVector.fromArray(D, a, o1 + p).fma(b1, acc);
      acc = DoubleVector.fromArray(D, a, o2 + p).fma(b2, acc);
      acc = DoubleVector.fromArray(D, a, o3 + p).fma(b3, acc);
      acc.intoArray(g, p);
    }
    for (; p < np; p++) {
      g[p] = Math.fma(a[o3 + p], v3, Math.fma(a[o2 + p], v2, Math.fma(a[o1 + p], v1, Math.fma(a[off + p], v0, g[p]))));
    }
  }

  @Override
  void axpy4(float[] a, int off, int np, double v0, double v1, double v2, double v3, double[] g) {
    int o1 = off + np;
    int o2 = o1 + np;
    int o3 = o2 + np;
    DoubleVector b0 = DoubleVector.broadcast(D, v0);
    DoubleVector b1 = DoubleVector.broadcast(D, v1);
    DoubleVector b2 = DoubleVector.broadcast(D, v2);
    DoubleVector b3 = DoubleVector.broadcast(D, v3);
    int bound = D.loopBound(np);
    int p = 0;
    for (; p < bound; p += L) {
      DoubleVector acc = DoubleVector.fromArray(D, g, p);
      acc = ((DoubleVector) FloatVector.fromArray(F, a, off + p).convertShape(VectorOperators.F2D, D, 0)).fma(b0, acc);
      acc = ((DoubleVector) FloatVector.fromArray(F, a, o1 + p).convertShape(VectorOperators.F2D, D, 0)).fma(b1, acc);
      acc = ((DoubleVector) FloatVector.fromArray(F, a, o2 + p).convertShape(VectorOperators.F2D, D, 0)).fma(b2, acc);
      acc = ((DoubleVector) FloatVector.fromArray(F, a, o3 + p).convertShape(VectorOperators.F2D, D, 0)).fma(b3, acc);
      acc.intoArray(g, p);
    }
    for (; p < np; p++) {
      g[p] = Math.fma(a[o3 + p], v3, Math.fma(a[o2 + p], v2, Math.fma(a[o1 + p], v1, Math.fma(a[off + p], v0, g[p]))));
    }
  }

  @Override
  void axpy1(double[] a, int off, int np, double v, double[] g) {
    DoubleVector b = DoubleVector.broadcast(D, v);
    int bound = D.loopBound(np);
    int p = 0;
    for (; p < bound; p += L) {
      DoubleVector.fromArray(D, a, off + p).fma(b, DoubleVector.fromArray(D, g, p)).intoArray(g, p);
    }
    for (; p < np; p++) {
      g[p] = Math.fma(a[off + p], v, g[p]);
    }
  }

  @Override
  void axpy1(float[] a, int off, int np, double v, double[] g) {
    DoubleVector b = DoubleVector.broadcast(D, v);
    int bound = D.loopBound(np);
    int p = 0;
    for (; p < bound; p += L) {
      ((DoubleVector) FloatVector.fromArray(F, a, off + p).convertShape(VectorOperators.F2D, D, 0)).fma(b, DoubleVector.fromArray(D, g, p)).intoArray(g, p);
    }
    for (; p < np; p++) {
      g[p] = Math.fma(a[off + p], v, g[p]);
    }
  }
}
