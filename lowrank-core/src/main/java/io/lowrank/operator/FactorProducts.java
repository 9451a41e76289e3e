package io.lowrank.operator;

import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.parallel.Parallelism;
import java.util.function.IntConsumer;

/**
 * The factor products of the square symmetric sensing operators, split into row ranges that run on
 * a {@link Parallelism}: the packed weighted form of U Uᵀ (n(n+1)/2 entries, {@link
 * PackedSymmetric#weightedProduct}) and the product S R of an n x n matrix with an n x k factor
 * ({@link Dense#multiply}). Each entry is computed by exactly the operations of the sequential
 * products, so results are bit-identical for every thread count. One instance per workspace: its
 * task objects are made once, so calls allocate nothing. Not thread-safe (one caller at a time).
 */
final class FactorProducts {
  /** Row tasks per product (fixed, so the split never depends on the thread count). */
  static final int ROW_TASKS = 16;

  private final int n;
  private final int[] productBounds;
  private final IntConsumer productTask = this::productRows;
  private final IntConsumer multiplyTask = this::multiplyRows;
  // operands of the call in progress
  private Mat factor;
  private double[] packedOut;
  private Mat left;
  private Mat target;

  FactorProducts(int n) {
    this.n = n;
    this.productBounds = productBounds(n);
  }

  /** packedOut (length n(n+1)/2) = the packed weighted form of u uᵀ (u is n x k; overwritten). */
  void symmetricProduct(Mat u, double[] packedOut, Parallelism parallelism) {
    this.factor = u;
    this.packedOut = packedOut;
    parallelism.forEach(productBounds.length - 1, productTask);
    this.factor = null;
    this.packedOut = null;
  }

  /** out = s r (s is n x n, r is n x k, out is n x k; out overwritten). */
  void multiply(Mat s, Mat r, Mat out, Parallelism parallelism) {
    this.left = s;
    this.factor = r;
    this.target = out;
    parallelism.forEach(ROW_TASKS, multiplyTask);
    this.left = null;
    this.factor = null;
    this.target = null;
  }

  private void productRows(int t) {
    PackedSymmetric.symmetricProductRows(n, factor.cols(), factor.data(), packedOut, productBounds[t],
        productBounds[t + 1]);
  }

  private void multiplyRows(int t) {
    int from = (int) ((long) n * t / ROW_TASKS);
    int to = (int) ((long) n * (t + 1) / ROW_TASKS);
    Dense.multiplyRows(left, factor, target, from, to);
  }

  /** Row boundaries that split the packed product into tasks of about equal work. */
  private static int[] productBounds(int n) {
    int tasks = Math.min(ROW_TASKS, n);
    int[] bounds = new int[tasks + 1];
    long total = PackedSymmetric.size(n);
    int j = 0;
    for (int t = 1; t < tasks; t++) {
      long target = total * t / tasks;
      while (j < n && PackedSymmetric.offset(n, j) < target) {
        j++;
      }
      bounds[t] = j;
    }
    bounds[tasks] = n;
    return bounds;
  }
}
