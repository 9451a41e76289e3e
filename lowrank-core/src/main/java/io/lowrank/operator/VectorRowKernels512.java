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

  @Override
  void dot4x4(double[] a, int off, int np, double[] w0, double[] w1, double[] w2, double[] w3, double[] out0,
      double[] out1, double[] out2, double[] out3, double[] lanes) {
    int o1 = off + np;
    int o2 = o1 + np;
    int o3 = o2 + np;
    DoubleVector z = DoubleVector.zero(D);
    DoubleVector s00 = z;
    DoubleVector s01 = z;
    DoubleVector s02 = z;
    DoubleVector s03 = z;
    DoubleVector s10 = z;
    DoubleVector s11 = z;
    DoubleVector s12 = z;
    DoubleVector s13 = z;
    DoubleVector s20 = z;
    DoubleVector s21 = z;
    DoubleVector s22 = z;
    DoubleVector s23 = z;
    DoubleVector s30 = z;
    DoubleVector s31 = z;
    DoubleVector s32 = z;
    DoubleVector s33 = z;
    int np8 = np - np % LANES;
    int p = 0;
    for (; p < np8; p += LANES) {
      DoubleVector r0 = DoubleVector.fromArray(D, a, off + p);
      DoubleVector r1 = DoubleVector.fromArray(D, a, o1 + p);
      DoubleVector r2 = DoubleVector.fromArray(D, a, o2 + p);
      DoubleVector r3 = DoubleVector.fromArray(D, a, o3 + p);
      DoubleVector v0 = DoubleVector.fromArray(D, w0, p);
      s00 = r0.fma(v0, s00);
      s01 = r1.fma(v0, s01);
      s02 = r2.fma(v0, s02);
      s03 = r3.fma(v0, s03);
      DoubleVector v1 = DoubleVector.fromArray(D, w1, p);
      s10 = r0.fma(v1, s10);
      s11 = r1.fma(v1, s11);
      s12 = r2.fma(v1, s12);
      s13 = r3.fma(v1, s13);
      DoubleVector v2 = DoubleVector.fromArray(D, w2, p);
      s20 = r0.fma(v2, s20);
      s21 = r1.fma(v2, s21);
      s22 = r2.fma(v2, s22);
      s23 = r3.fma(v2, s23);
      DoubleVector v3 = DoubleVector.fromArray(D, w3, p);
      s30 = r0.fma(v3, s30);
      s31 = r1.fma(v3, s31);
      s32 = r2.fma(v3, s32);
      s33 = r3.fma(v3, s33);
    }
    s00.intoArray(lanes, 0);
    s01.intoArray(lanes, 8);
    s02.intoArray(lanes, 16);
    s03.intoArray(lanes, 24);
    s10.intoArray(lanes, 32);
    s11.intoArray(lanes, 40);
    s12.intoArray(lanes, 48);
    s13.intoArray(lanes, 56);
    s20.intoArray(lanes, 64);
    s21.intoArray(lanes, 72);
    s22.intoArray(lanes, 80);
    s23.intoArray(lanes, 88);
    s30.intoArray(lanes, 96);
    s31.intoArray(lanes, 104);
    s32.intoArray(lanes, 112);
    s33.intoArray(lanes, 120);
    double d00 = combine(lanes[0], lanes[1], lanes[2], lanes[3], lanes[4],
        lanes[5], lanes[6], lanes[7]);
    double d01 = combine(lanes[8], lanes[9], lanes[10], lanes[11], lanes[12],
        lanes[13], lanes[14], lanes[15]);
    double d02 = combine(lanes[16], lanes[17], lanes[18], lanes[19], lanes[20],
        lanes[21], lanes[22], lanes[23]);
    double d03 = combine(lanes[24], lanes[25], lanes[26], lanes[27], lanes[28],
        lanes[29], lanes[30], lanes[31]);
    double d10 = combine(lanes[32], lanes[33], lanes[34], lanes[35], lanes[36],
        lanes[37], lanes[38], lanes[39]);
    double d11 = combine(lanes[40], lanes[41], lanes[42], lanes[43], lanes[44],
        lanes[45], lanes[46], lanes[47]);
    double d12 = combine(lanes[48], lanes[49], lanes[50], lanes[51], lanes[52],
        lanes[53], lanes[54], lanes[55]);
    double d13 = combine(lanes[56], lanes[57], lanes[58], lanes[59], lanes[60],
        lanes[61], lanes[62], lanes[63]);
    double d20 = combine(lanes[64], lanes[65], lanes[66], lanes[67], lanes[68],
        lanes[69], lanes[70], lanes[71]);
    double d21 = combine(lanes[72], lanes[73], lanes[74], lanes[75], lanes[76],
        lanes[77], lanes[78], lanes[79]);
    double d22 = combine(lanes[80], lanes[81], lanes[82], lanes[83], lanes[84],
        lanes[85], lanes[86], lanes[87]);
    double d23 = combine(lanes[88], lanes[89], lanes[90], lanes[91], lanes[92],
        lanes[93], lanes[94], lanes[95]);
    double d30 = combine(lanes[96], lanes[97], lanes[98], lanes[99], lanes[100],
        lanes[101], lanes[102], lanes[103]);
    double d31 = combine(lanes[104], lanes[105], lanes[106], lanes[107], lanes[108],
        lanes[109], lanes[110], lanes[111]);
    double d32 = combine(lanes[112], lanes[113], lanes[114], lanes[115], lanes[116],
        lanes[117], lanes[118], lanes[119]);
    double d33 = combine(lanes[120], lanes[121], lanes[122], lanes[123], lanes[124],
        lanes[125], lanes[126], lanes[127]);
    for (; p < np; p++) {
      double x0 = w0[p];
      double x1 = w1[p];
      double x2 = w2[p];
      double x3 = w3[p];
      double a0 = a[off + p];
      double a1 = a[o1 + p];
      double a2 = a[o2 + p];
      double a3 = a[o3 + p];
      d00 = Math.fma(a0, x0, d00);
      d01 = Math.fma(a1, x0, d01);
      d02 = Math.fma(a2, x0, d02);
      d03 = Math.fma(a3, x0, d03);
      d10 = Math.fma(a0, x1, d10);
      d11 = Math.fma(a1, x1, d11);
      d12 = Math.fma(a2, x1, d12);
      d13 = Math.fma(a3, x1, d13);
      d20 = Math.fma(a0, x2, d20);
      d21 = Math.fma(a1, x2, d21);
      d22 = Math.fma(a2, x2, d22);
      d23 = Math.fma(a3, x2, d23);
      d30 = Math.fma(a0, x3, d30);
      d31 = Math.fma(a1, x3, d31);
      d32 = Math.fma(a2, x3, d32);
      d33 = Math.fma(a3, x3, d33);
    }
    out0[0] = d00;
    out0[1] = d01;
    out0[2] = d02;
    out0[3] = d03;
    out1[0] = d10;
    out1[1] = d11;
    out1[2] = d12;
    out1[3] = d13;
    out2[0] = d20;
    out2[1] = d21;
    out2[2] = d22;
    out2[3] = d23;
    out3[0] = d30;
    out3[1] = d31;
    out3[2] = d32;
    out3[3] = d33;
  }

  @Override
  void dot4x4(float[] a, int off, int np, double[] w0, double[] w1, double[] w2, double[] w3, double[] out0,
      double[] out1, double[] out2, double[] out3, double[] lanes) {
    int o1 = off + np;
    int o2 = o1 + np;
    int o3 = o2 + np;
    DoubleVector z = DoubleVector.zero(D);
    DoubleVector s00 = z;
    DoubleVector s01 = z;
    DoubleVector s02 = z;
    DoubleVector s03 = z;
    DoubleVector s10 = z;
    DoubleVector s11 = z;
    DoubleVector s12 = z;
    DoubleVector s13 = z;
    DoubleVector s20 = z;
    DoubleVector s21 = z;
    DoubleVector s22 = z;
    DoubleVector s23 = z;
    DoubleVector s30 = z;
    DoubleVector s31 = z;
    DoubleVector s32 = z;
    DoubleVector s33 = z;
    int np8 = np - np % LANES;
    int p = 0;
    for (; p < np8; p += LANES) {
      DoubleVector r0 = ((DoubleVector) FloatVector.fromArray(F, a, off + p).convertShape(VectorOperators.F2D, D, 0));
      DoubleVector r1 = ((DoubleVector) FloatVector.fromArray(F, a, o1 + p).convertShape(VectorOperators.F2D, D, 0));
      DoubleVector r2 = ((DoubleVector) FloatVector.fromArray(F, a, o2 + p).convertShape(VectorOperators.F2D, D, 0));
      DoubleVector r3 = ((DoubleVector) FloatVector.fromArray(F, a, o3 + p).convertShape(VectorOperators.F2D, D, 0));
      DoubleVector v0 = DoubleVector.fromArray(D, w0, p);
      s00 = r0.fma(v0, s00);
      s01 = r1.fma(v0, s01);
      s02 = r2.fma(v0, s02);
      s03 = r3.fma(v0, s03);
      DoubleVector v1 = DoubleVector.fromArray(D, w1, p);
      s10 = r0.fma(v1, s10);
      s11 = r1.fma(v1, s11);
      s12 = r2.fma(v1, s12);
      s13 = r3.fma(v1, s13);
      DoubleVector v2 = DoubleVector.fromArray(D, w2, p);
      s20 = r0.fma(v2, s20);
      s21 = r1.fma(v2, s21);
      s22 = r2.fma(v2, s22);
      s23 = r3.fma(v2, s23);
      DoubleVector v3 = DoubleVector.fromArray(D, w3, p);
      s30 = r0.fma(v3, s30);
      s31 = r1.fma(v3, s31);
      s32 = r2.fma(v3, s32);
      s33 = r3.fma(v3, s33);
    }
    s00.intoArray(lanes, 0);
    s01.intoArray(lanes, 8);
    s02.intoArray(lanes, 16);
    s03.intoArray(lanes, 24);
    s10.intoArray(lanes, 32);
    s11.intoArray(lanes, 40);
    s12.intoArray(lanes, 48);
    s13.intoArray(lanes, 56);
    s20.intoArray(lanes, 64);
    s21.intoArray(lanes, 72);
    s22.intoArray(lanes, 80);
    s23.intoArray(lanes, 88);
    s30.intoArray(lanes, 96);
    s31.intoArray(lanes, 104);
    s32.intoArray(lanes, 112);
    s33.intoArray(lanes, 120);
    double d00 = combine(lanes[0], lanes[1], lanes[2], lanes[3], lanes[4],
        lanes[5], lanes[6], lanes[7]);
    double d01 = combine(lanes[8], lanes[9], lanes[10], lanes[11], lanes[12],
        lanes[13], lanes[14], lanes[15]);
    double d02 = combine(lanes[16], lanes[17], lanes[18], lanes[19], lanes[20],
        lanes[21], lanes[22], lanes[23]);
    double d03 = combine(lanes[24], lanes[25], lanes[26], lanes[27], lanes[28],
        lanes[29], lanes[30], lanes[31]);
    double d10 = combine(lanes[32], lanes[33], lanes[34], lanes[35], lanes[36],
        lanes[37], lanes[38], lanes[39]);
    double d11 = combine(lanes[40], lanes[41], lanes[42], lanes[43], lanes[44],
        lanes[45], lanes[46], lanes[47]);
    double d12 = combine(lanes[48], lanes[49], lanes[50], lanes[51], lanes[52],
        lanes[53], lanes[54], lanes[55]);
    double d13 = combine(lanes[56], lanes[57], lanes[58], lanes[59], lanes[60],
        lanes[61], lanes[62], lanes[63]);
    double d20 = combine(lanes[64], lanes[65], lanes[66], lanes[67], lanes[68],
        lanes[69], lanes[70], lanes[71]);
    double d21 = combine(lanes[72], lanes[73], lanes[74], lanes[75], lanes[76],
        lanes[77], lanes[78], lanes[79]);
    double d22 = combine(lanes[80], lanes[81], lanes[82], lanes[83], lanes[84],
        lanes[85], lanes[86], lanes[87]);
    double d23 = combine(lanes[88], lanes[89], lanes[90], lanes[91], lanes[92],
        lanes[93], lanes[94], lanes[95]);
    double d30 = combine(lanes[96], lanes[97], lanes[98], lanes[99], lanes[100],
        lanes[101], lanes[102], lanes[103]);
    double d31 = combine(lanes[104], lanes[105], lanes[106], lanes[107], lanes[108],
        lanes[109], lanes[110], lanes[111]);
    double d32 = combine(lanes[112], lanes[113], lanes[114], lanes[115], lanes[116],
        lanes[117], lanes[118], lanes[119]);
    double d33 = combine(lanes[120], lanes[121], lanes[122], lanes[123], lanes[124],
        lanes[125], lanes[126], lanes[127]);
    for (; p < np; p++) {
      double x0 = w0[p];
      double x1 = w1[p];
      double x2 = w2[p];
      double x3 = w3[p];
      double a0 = a[off + p];
      double a1 = a[o1 + p];
      double a2 = a[o2 + p];
      double a3 = a[o3 + p];
      d00 = Math.fma(a0, x0, d00);
      d01 = Math.fma(a1, x0, d01);
      d02 = Math.fma(a2, x0, d02);
      d03 = Math.fma(a3, x0, d03);
      d10 = Math.fma(a0, x1, d10);
      d11 = Math.fma(a1, x1, d11);
      d12 = Math.fma(a2, x1, d12);
      d13 = Math.fma(a3, x1, d13);
      d20 = Math.fma(a0, x2, d20);
      d21 = Math.fma(a1, x2, d21);
      d22 = Math.fma(a2, x2, d22);
      d23 = Math.fma(a3, x2, d23);
      d30 = Math.fma(a0, x3, d30);
      d31 = Math.fma(a1, x3, d31);
      d32 = Math.fma(a2, x3, d32);
      d33 = Math.fma(a3, x3, d33);
    }
    out0[0] = d00;
    out0[1] = d01;
    out0[2] = d02;
    out0[3] = d03;
    out1[0] = d10;
    out1[1] = d11;
    out1[2] = d12;
    out1[3] = d13;
    out2[0] = d20;
    out2[1] = d21;
    out2[2] = d22;
    out2[3] = d23;
    out3[0] = d30;
    out3[1] = d31;
    out3[2] = d32;
    out3[3] = d33;
  }

  @Override
  void axpy4x4(double[] a, int off, int np, double[] v, double[] g0, double[] g1, double[] g2, double[] g3) {
    int o1 = off + np;
    int o2 = o1 + np;
    int o3 = o2 + np;
    DoubleVector b00 = DoubleVector.broadcast(D, v[0]);
    DoubleVector b01 = DoubleVector.broadcast(D, v[1]);
    DoubleVector b02 = DoubleVector.broadcast(D, v[2]);
    DoubleVector b03 = DoubleVector.broadcast(D, v[3]);
    DoubleVector b10 = DoubleVector.broadcast(D, v[4]);
    DoubleVector b11 = DoubleVector.broadcast(D, v[5]);
    DoubleVector b12 = DoubleVector.broadcast(D, v[6]);
    DoubleVector b13 = DoubleVector.broadcast(D, v[7]);
    DoubleVector b20 = DoubleVector.broadcast(D, v[8]);
    DoubleVector b21 = DoubleVector.broadcast(D, v[9]);
    DoubleVector b22 = DoubleVector.broadcast(D, v[10]);
    DoubleVector b23 = DoubleVector.broadcast(D, v[11]);
    DoubleVector b30 = DoubleVector.broadcast(D, v[12]);
    DoubleVector b31 = DoubleVector.broadcast(D, v[13]);
    DoubleVector b32 = DoubleVector.broadcast(D, v[14]);
    DoubleVector b33 = DoubleVector.broadcast(D, v[15]);
    int bound = D.loopBound(np);
    int p = 0;
    for (; p < bound; p += L) {
      DoubleVector r0 = DoubleVector.fromArray(D, a, off + p);
      DoubleVector r1 = DoubleVector.fromArray(D, a, o1 + p);
      DoubleVector r2 = DoubleVector.fromArray(D, a, o2 + p);
      DoubleVector r3 = DoubleVector.fromArray(D, a, o3 + p);
      DoubleVector c0 = DoubleVector.fromArray(D, g0, p);
      c0 = r0.fma(b00, c0);
      c0 = r1.fma(b01, c0);
      c0 = r2.fma(b02, c0);
      c0 = r3.fma(b03, c0);
      c0.intoArray(g0, p);
      DoubleVector c1 = DoubleVector.fromArray(D, g1, p);
      c1 = r0.fma(b10, c1);
      c1 = r1.fma(b11, c1);
      c1 = r2.fma(b12, c1);
      c1 = r3.fma(b13, c1);
      c1.intoArray(g1, p);
      DoubleVector c2 = DoubleVector.fromArray(D, g2, p);
      c2 = r0.fma(b20, c2);
      c2 = r1.fma(b21, c2);
      c2 = r2.fma(b22, c2);
      c2 = r3.fma(b23, c2);
      c2.intoArray(g2, p);
      DoubleVector c3 = DoubleVector.fromArray(D, g3, p);
      c3 = r0.fma(b30, c3);
      c3 = r1.fma(b31, c3);
      c3 = r2.fma(b32, c3);
      c3 = r3.fma(b33, c3);
      c3.intoArray(g3, p);
    }
    for (; p < np; p++) {
      double a0 = a[off + p];
      double a1 = a[o1 + p];
      double a2 = a[o2 + p];
      double a3 = a[o3 + p];
      g0[p] = Math.fma(a3, v[3], Math.fma(a2, v[2], Math.fma(a1, v[1], Math.fma(a0, v[0], g0[p]))));
      g1[p] = Math.fma(a3, v[7], Math.fma(a2, v[6], Math.fma(a1, v[5], Math.fma(a0, v[4], g1[p]))));
      g2[p] = Math.fma(a3, v[11], Math.fma(a2, v[10], Math.fma(a1, v[9], Math.fma(a0, v[8], g2[p]))));
      g3[p] = Math.fma(a3, v[15], Math.fma(a2, v[14], Math.fma(a1, v[13], Math.fma(a0, v[12], g3[p]))));
    }
  }

  @Override
  void axpy4x4(float[] a, int off, int np, double[] v, double[] g0, double[] g1, double[] g2, double[] g3) {
    int o1 = off + np;
    int o2 = o1 + np;
    int o3 = o2 + np;
    DoubleVector b00 = DoubleVector.broadcast(D, v[0]);
    DoubleVector b01 = DoubleVector.broadcast(D, v[1]);
    DoubleVector b02 = DoubleVector.broadcast(D, v[2]);
    DoubleVector b03 = DoubleVector.broadcast(D, v[3]);
    DoubleVector b10 = DoubleVector.broadcast(D, v[4]);
    DoubleVector b11 = DoubleVector.broadcast(D, v[5]);
    DoubleVector b12 = DoubleVector.broadcast(D, v[6]);
    DoubleVector b13 = DoubleVector.broadcast(D, v[7]);
    DoubleVector b20 = DoubleVector.broadcast(D, v[8]);
    DoubleVector b21 = DoubleVector.broadcast(D, v[9]);
    DoubleVector b22 = DoubleVector.broadcast(D, v[10]);
    DoubleVector b23 = DoubleVector.broadcast(D, v[11]);
    DoubleVector b30 = DoubleVector.broadcast(D, v[12]);
    DoubleVector b31 = DoubleVector.broadcast(D, v[13]);
    DoubleVector b32 = DoubleVector.broadcast(D, v[14]);
    DoubleVector b33 = DoubleVector.broadcast(D, v[15]);
    int bound = D.loopBound(np);
    int p = 0;
    for (; p < bound; p += L) {
      DoubleVector r0 = ((DoubleVector) FloatVector.fromArray(F, a, off + p).convertShape(VectorOperators.F2D, D, 0));
      DoubleVector r1 = ((DoubleVector) FloatVector.fromArray(F, a, o1 + p).convertShape(VectorOperators.F2D, D, 0));
      DoubleVector r2 = ((DoubleVector) FloatVector.fromArray(F, a, o2 + p).convertShape(VectorOperators.F2D, D, 0));
      DoubleVector r3 = ((DoubleVector) FloatVector.fromArray(F, a, o3 + p).convertShape(VectorOperators.F2D, D, 0));
      DoubleVector c0 = DoubleVector.fromArray(D, g0, p);
      c0 = r0.fma(b00, c0);
      c0 = r1.fma(b01, c0);
      c0 = r2.fma(b02, c0);
      c0 = r3.fma(b03, c0);
      c0.intoArray(g0, p);
      DoubleVector c1 = DoubleVector.fromArray(D, g1, p);
      c1 = r0.fma(b10, c1);
      c1 = r1.fma(b11, c1);
      c1 = r2.fma(b12, c1);
      c1 = r3.fma(b13, c1);
      c1.intoArray(g1, p);
      DoubleVector c2 = DoubleVector.fromArray(D, g2, p);
      c2 = r0.fma(b20, c2);
      c2 = r1.fma(b21, c2);
      c2 = r2.fma(b22, c2);
      c2 = r3.fma(b23, c2);
      c2.intoArray(g2, p);
      DoubleVector c3 = DoubleVector.fromArray(D, g3, p);
      c3 = r0.fma(b30, c3);
      c3 = r1.fma(b31, c3);
      c3 = r2.fma(b32, c3);
      c3 = r3.fma(b33, c3);
      c3.intoArray(g3, p);
    }
    for (; p < np; p++) {
      double a0 = a[off + p];
      double a1 = a[o1 + p];
      double a2 = a[o2 + p];
      double a3 = a[o3 + p];
      g0[p] = Math.fma(a3, v[3], Math.fma(a2, v[2], Math.fma(a1, v[1], Math.fma(a0, v[0], g0[p]))));
      g1[p] = Math.fma(a3, v[7], Math.fma(a2, v[6], Math.fma(a1, v[5], Math.fma(a0, v[4], g1[p]))));
      g2[p] = Math.fma(a3, v[11], Math.fma(a2, v[10], Math.fma(a1, v[9], Math.fma(a0, v[8], g2[p]))));
      g3[p] = Math.fma(a3, v[15], Math.fma(a2, v[14], Math.fma(a1, v[13], Math.fma(a0, v[12], g3[p]))));
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
