package io.lowrank.operator;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RowKernels} on {@code jdk.incubator.vector}: 256-bit double vectors, two per row for the
 * contract's eight lanes (lanes 0-3 in {@code lo}, 4-7 in {@code hi}), so the results are
 * bit-identical to {@link PlainRowKernels}; float rows are loaded four at a time and widened.
 *
 * <p>Two JDK 17 pitfalls shape this class. No helper method takes or returns a vector: C2 may
 * decline to inline a helper, and a vector crossing a call is boxed (an allocation per call). And
 * only one vector width is used: mixing 256- and 512-bit vectors (a 512-bit float path was measured
 * ~10 % faster on AVX-512) pollutes the type profiles of the JDK's shared vector code, after which
 * C2 fails to intrinsify stores and every step allocates (seen with AllocationTest); machines with
 * 512-bit vectors therefore use {@link VectorRowKernels512} for everything. Loaded reflectively by
 * {@link RowKernels#best()} only when the JVM runs with {@code --add-modules jdk.incubator.vector};
 * never referenced otherwise.
 */
final class VectorRowKernels extends RowKernels {
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_256;
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_128;
  private static final int L = 4;

  VectorRowKernels() {
    if (D.length() != L || F.length() != L) {
      throw new IllegalStateException("unexpected vector species lengths");
    }
  }

  @Override
  String name() {
    return "vector";
  }

  @Override
  void dot4(double[] a, int off, int np, double[] w, double[] out) {
    int o1 = off + np;
    int o2 = o1 + np;
    int o3 = o2 + np;
    DoubleVector z = DoubleVector.zero(D);
    DoubleVector s0 = z;
    DoubleVector t0 = z;
    DoubleVector s1 = z;
    DoubleVector t1 = z;
    DoubleVector s2 = z;
    DoubleVector t2 = z;
    DoubleVector s3 = z;
    DoubleVector t3 = z;
    int np8 = np - np % LANES;
    int p = 0;
    for (; p < np8; p += LANES) {
      DoubleVector wl = DoubleVector.fromArray(D, w, p);
      DoubleVector wh = DoubleVector.fromArray(D, w, p + L);
      s0 = DoubleVector.fromArray(D, a, off + p).fma(wl, s0);
      t0 = DoubleVector.fromArray(D, a, off + p + L).fma(wh, t0);
      s1 = DoubleVector.fromArray(D, a, o1 + p).fma(wl, s1);
      t1 = DoubleVector.fromArray(D, a, o1 + p + L).fma(wh, t1);
      s2 = DoubleVector.fromArray(D, a, o2 + p).fma(wl, s2);
      t2 = DoubleVector.fromArray(D, a, o2 + p + L).fma(wh, t2);
      s3 = DoubleVector.fromArray(D, a, o3 + p).fma(wl, s3);
      t3 = DoubleVector.fromArray(D, a, o3 + p + L).fma(wh, t3);
    }
    DoubleVector d0v = s0.add(t0);
    double d0 = (d0v.lane(0) + d0v.lane(1)) + (d0v.lane(2) + d0v.lane(3));
    DoubleVector d1v = s1.add(t1);
    double d1 = (d1v.lane(0) + d1v.lane(1)) + (d1v.lane(2) + d1v.lane(3));
    DoubleVector d2v = s2.add(t2);
    double d2 = (d2v.lane(0) + d2v.lane(1)) + (d2v.lane(2) + d2v.lane(3));
    DoubleVector d3v = s3.add(t3);
    double d3 = (d3v.lane(0) + d3v.lane(1)) + (d3v.lane(2) + d3v.lane(3));
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
    DoubleVector z = DoubleVector.zero(D);
    DoubleVector s0 = z;
    DoubleVector t0 = z;
    DoubleVector s1 = z;
    DoubleVector t1 = z;
    DoubleVector s2 = z;
    DoubleVector t2 = z;
    DoubleVector s3 = z;
    DoubleVector t3 = z;
    int np8 = np - np % LANES;
    int p = 0;
    for (; p < np8; p += LANES) {
      DoubleVector wl = DoubleVector.fromArray(D, w, p);
      DoubleVector wh = DoubleVector.fromArray(D, w, p + L);
      s0 = ((DoubleVector) FloatVector.fromArray(F, a, off + p).convertShape(VectorOperators.F2D, D, 0)).fma(wl, s0);
      t0 = ((DoubleVector) FloatVector.fromArray(F, a, off + p + L).convertShape(VectorOperators.F2D, D, 0)).fma(wh, t0);
      s1 = ((DoubleVector) FloatVector.fromArray(F, a, o1 + p).convertShape(VectorOperators.F2D, D, 0)).fma(wl, s1);
      t1 = ((DoubleVector) FloatVector.fromArray(F, a, o1 + p + L).convertShape(VectorOperators.F2D, D, 0)).fma(wh, t1);
      s2 = ((DoubleVector) FloatVector.fromArray(F, a, o2 + p).convertShape(VectorOperators.F2D, D, 0)).fma(wl, s2);
      t2 = ((DoubleVector) FloatVector.fromArray(F, a, o2 + p + L).convertShape(VectorOperators.F2D, D, 0)).fma(wh, t2);
      s3 = ((DoubleVector) FloatVector.fromArray(F, a, o3 + p).convertShape(VectorOperators.F2D, D, 0)).fma(wl, s3);
      t3 = ((DoubleVector) FloatVector.fromArray(F, a, o3 + p + L).convertShape(VectorOperators.F2D, D, 0)).fma(wh, t3);
    }
    DoubleVector d0v = s0.add(t0);
    double d0 = (d0v.lane(0) + d0v.lane(1)) + (d0v.lane(2) + d0v.lane(3));
    DoubleVector d1v = s1.add(t1);
    double d1 = (d1v.lane(0) + d1v.lane(1)) + (d1v.lane(2) + d1v.lane(3));
    DoubleVector d2v = s2.add(t2);
    double d2 = (d2v.lane(0) + d2v.lane(1)) + (d2v.lane(2) + d2v.lane(3));
    DoubleVector d3v = s3.add(t3);
    double d3 = (d3v.lane(0) + d3v.lane(1)) + (d3v.lane(2) + d3v.lane(3));
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
    DoubleVector t = s;
    int np8 = np - np % LANES;
    int p = 0;
    for (; p < np8; p += LANES) {
      s = DoubleVector.fromArray(D, a, off + p).fma(DoubleVector.fromArray(D, w, p), s);
      t = DoubleVector.fromArray(D, a, off + p + L).fma(DoubleVector.fromArray(D, w, p + L), t);
    }
    DoubleVector dv = s.add(t);
    double d = (dv.lane(0) + dv.lane(1)) + (dv.lane(2) + dv.lane(3));
    for (; p < np; p++) {
      d = Math.fma(a[off + p], w[p], d);
    }
    return d;
  }

  @Override
  double dot1(float[] a, int off, int np, double[] w) {
    DoubleVector s = DoubleVector.zero(D);
    DoubleVector t = s;
    int np8 = np - np % LANES;
    int p = 0;
    for (; p < np8; p += LANES) {
      s = ((DoubleVector) FloatVector.fromArray(F, a, off + p).convertShape(VectorOperators.F2D, D, 0)).fma(DoubleVector.fromArray(D, w, p), s);
      t = ((DoubleVector) FloatVector.fromArray(F, a, off + p + L).convertShape(VectorOperators.F2D, D, 0)).fma(DoubleVector.fromArray(D, w, p + L), t);
    }
    DoubleVector dv = s.add(t);
    double d = (dv.lane(0) + dv.lane(1)) + (dv.lane(2) + dv.lane(3));
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

  /** Eight bytes at a time ({@link VectorDecoding}, exact). */
  @Override
  void decode(byte[] a, int off, int len, float[] out) {
    VectorDecoding.bytes(a, off, len, out);
  }

  /** Eight bfloat16 values at a time ({@link VectorDecoding}, exact). */
  @Override
  void decode(short[] a, int off, int len, float[] out) {
    VectorDecoding.bfloat16(a, off, len, out);
  }
}
