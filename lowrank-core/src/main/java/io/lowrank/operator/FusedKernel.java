package io.lowrank.operator;

import java.util.Arrays;

/**
 * The arithmetic of one block of the fused completion pass ({@link EntrySampling#residualAndGradients}),
 * public so that an engine which runs the blocks elsewhere (lowrank-spark) performs exactly the same
 * floating-point operations in the same order, and so reproduces the single-machine trajectory bit
 * for bit. The block is a run of whole rows {@code from .. to - 1} of an n1 x n2 matrix with CSR row
 * pointers; factors are row-major with {@code k} columns.
 */
public final class FusedKernel {
  private FusedKernel() {}

  /**
   * For every entry e of rows {@code from .. to - 1}: res[e] = scale (L_i . R_j) - y[e]; the rows
   * i of grad_L get g_i = sum_e scale res[e] R_j (overwritten, in entry order); acc_j += scale
   * res[e] L_i is added into {@code acc} (which the caller zeroes); returns sum_e res[e]^2 summed in
   * entry order. Four entries of a row are processed at a time, each sum keeping the order of the
   * one-entry loop (and so of {@link EntrySampling#forward} and {@link EntrySampling#adjointTimes}).
   *
   * @param k the factor width
   * @param scale the operator's 1/sqrt(p)
   * @param from first row (an index into {@code rowStart})
   * @param to one past the last row
   * @param rowStart CSR pointers: the entries of row i are rowStart[i] .. rowStart[i + 1] - 1, indices
   *     into {@code cols}, {@code y} and {@code res}
   * @param cols column of each entry
   * @param y measured value of each entry
   * @param res written: the residual of each entry of the block
   * @param l the rows of L, row i at (i - from + lFirst) k
   * @param lFirst the row of {@code l} that holds row {@code from}
   * @param g written: the rows of grad_L, row i at (i - from + gFirst) k
   * @param gFirst the row of {@code g} that receives row {@code from}
   * @param r R (n2 x k)
   * @param acc added to: the block's contribution to grad_R (n2 x k)
   */
  public static double rows(int k, double scale, int from, int to, int[] rowStart, int[] cols, double[] y,
      double[] res, double[] l, int lFirst, double[] g, int gFirst, double[] r, double[] acc) {
    double loss = 0.0;
    for (int i = from; i < to; i++) {
      int li = (i - from + lFirst) * k;
      int gi = (i - from + gFirst) * k;
      Arrays.fill(g, gi, gi + k, 0.0);
      int e = rowStart[i];
      int stop = rowStart[i + 1];
      for (; e + 3 < stop; e += 4) {
        int r0 = cols[e] * k;
        int r1 = cols[e + 1] * k;
        int r2 = cols[e + 2] * k;
        int r3 = cols[e + 3] * k;
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        for (int t = 0; t < k; t++) {
          double lt = l[li + t];
          s0 += lt * r[r0 + t];
          s1 += lt * r[r1 + t];
          s2 += lt * r[r2 + t];
          s3 += lt * r[r3 + t];
        }
        double v0 = scale * s0 - y[e];
        double v1 = scale * s1 - y[e + 1];
        double v2 = scale * s2 - y[e + 2];
        double v3 = scale * s3 - y[e + 3];
        res[e] = v0;
        res[e + 1] = v1;
        res[e + 2] = v2;
        res[e + 3] = v3;
        loss += v0 * v0;
        loss += v1 * v1;
        loss += v2 * v2;
        loss += v3 * v3;
        double w0 = scale * v0;
        double w1 = scale * v1;
        double w2 = scale * v2;
        double w3 = scale * v3;
        for (int t = 0; t < k; t++) {
          double lt = l[li + t];
          double gt = g[gi + t];
          gt += w0 * r[r0 + t];
          gt += w1 * r[r1 + t];
          gt += w2 * r[r2 + t];
          gt += w3 * r[r3 + t];
          g[gi + t] = gt;
          acc[r0 + t] += w0 * lt;
          acc[r1 + t] += w1 * lt;
          acc[r2 + t] += w2 * lt;
          acc[r3 + t] += w3 * lt;
        }
      }
      for (; e < stop; e++) {
        int rj = cols[e] * k;
        double s = 0.0;
        for (int t = 0; t < k; t++) {
          s += l[li + t] * r[rj + t];
        }
        double v = scale * s - y[e];
        res[e] = v;
        loss += v * v;
        double w = scale * v;
        for (int t = 0; t < k; t++) {
          g[gi + t] += w * r[rj + t];
          acc[rj + t] += w * l[li + t];
        }
      }
    }
    return loss;
  }
}
