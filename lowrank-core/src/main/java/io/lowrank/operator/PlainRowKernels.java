package io.lowrank.operator;

/** {@link RowKernels} in plain Java (scalar fused multiply-adds, eight independent lane sums). */
final class PlainRowKernels extends RowKernels {
  static final PlainRowKernels INSTANCE = new PlainRowKernels();

  private PlainRowKernels() {}

  @Override
  String name() {
    return "plain";
  }

  @Override
  void dot4(double[] a, int off, int np, double[] w, double[] out) {
    out[0] = dot1(a, off, np, w);
    out[1] = dot1(a, off + np, np, w);
    out[2] = dot1(a, off + 2 * np, np, w);
    out[3] = dot1(a, off + 3 * np, np, w);
  }

  @Override
  void dot4(float[] a, int off, int np, double[] w, double[] out) {
    out[0] = dot1(a, off, np, w);
    out[1] = dot1(a, off + np, np, w);
    out[2] = dot1(a, off + 2 * np, np, w);
    out[3] = dot1(a, off + 3 * np, np, w);
  }

  @Override
  double dot1(double[] a, int off, int np, double[] w) {
    double l0 = 0;
    double l1 = 0;
    double l2 = 0;
    double l3 = 0;
    double l4 = 0;
    double l5 = 0;
    double l6 = 0;
    double l7 = 0;
    int np8 = np - np % LANES;
    int p = 0;
    for (; p < np8; p += LANES) {
      int q = off + p;
      l0 = Math.fma(a[q], w[p], l0);
      l1 = Math.fma(a[q + 1], w[p + 1], l1);
      l2 = Math.fma(a[q + 2], w[p + 2], l2);
      l3 = Math.fma(a[q + 3], w[p + 3], l3);
      l4 = Math.fma(a[q + 4], w[p + 4], l4);
      l5 = Math.fma(a[q + 5], w[p + 5], l5);
      l6 = Math.fma(a[q + 6], w[p + 6], l6);
      l7 = Math.fma(a[q + 7], w[p + 7], l7);
    }
    double d = combine(l0, l1, l2, l3, l4, l5, l6, l7);
    for (; p < np; p++) {
      d = Math.fma(a[off + p], w[p], d);
    }
    return d;
  }

  @Override
  double dot1(float[] a, int off, int np, double[] w) {
    double l0 = 0;
    double l1 = 0;
    double l2 = 0;
    double l3 = 0;
    double l4 = 0;
    double l5 = 0;
    double l6 = 0;
    double l7 = 0;
    int np8 = np - np % LANES;
    int p = 0;
    for (; p < np8; p += LANES) {
      int q = off + p;
      l0 = Math.fma(a[q], w[p], l0);
      l1 = Math.fma(a[q + 1], w[p + 1], l1);
      l2 = Math.fma(a[q + 2], w[p + 2], l2);
      l3 = Math.fma(a[q + 3], w[p + 3], l3);
      l4 = Math.fma(a[q + 4], w[p + 4], l4);
      l5 = Math.fma(a[q + 5], w[p + 5], l5);
      l6 = Math.fma(a[q + 6], w[p + 6], l6);
      l7 = Math.fma(a[q + 7], w[p + 7], l7);
    }
    double d = combine(l0, l1, l2, l3, l4, l5, l6, l7);
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
    for (int p = 0; p < np; p++) {
      g[p] = Math.fma(a[o3 + p], v3, Math.fma(a[o2 + p], v2, Math.fma(a[o1 + p], v1, Math.fma(a[off + p], v0, g[p]))));
    }
  }

  @Override
  void axpy4(float[] a, int off, int np, double v0, double v1, double v2, double v3, double[] g) {
    int o1 = off + np;
    int o2 = o1 + np;
    int o3 = o2 + np;
    for (int p = 0; p < np; p++) {
      g[p] = Math.fma(a[o3 + p], v3, Math.fma(a[o2 + p], v2, Math.fma(a[o1 + p], v1, Math.fma(a[off + p], v0, g[p]))));
    }
  }

  @Override
  void axpy1(double[] a, int off, int np, double v, double[] g) {
    for (int p = 0; p < np; p++) {
      g[p] = Math.fma(a[off + p], v, g[p]);
    }
  }

  @Override
  void axpy1(float[] a, int off, int np, double v, double[] g) {
    for (int p = 0; p < np; p++) {
      g[p] = Math.fma(a[off + p], v, g[p]);
    }
  }
}
