package io.lowrank.spark;

import io.lowrank.linalg.Mat;
import io.lowrank.operator.EntrySampling;
import io.lowrank.operator.MeasurementOperator;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/**
 * Rectangular completion whose fused gradient pass runs on a Spark cluster (docs/spark.md). The
 * observed entries are cut into the canonical row blocks of the local operator's fused pass
 * ({@link EntrySampling#fusedBlockRow}, fixed by the data) and cached, one block per partition.
 * Each {@link #residualAndGradients} broadcasts L and R, runs one job over the blocks (each task
 * evaluates its block with {@link io.lowrank.operator.FusedKernel}, exactly the local arithmetic),
 * collects the parts in block order with {@code collect} and combines them on the driver in that
 * order: grad_L row by row, grad_R = p_0 + p_1 + ... + p_{B-1} and the loss summed in block order,
 * as {@code FusedPass} does. The trajectory is therefore the local one bit for bit, for any
 * number of executors or cores. Each iteration is a fresh job over the cached blocks, so the
 * lineage has constant depth however many iterations run.
 *
 * <p>Every other method (forward, adjoints, subsets, used once per run for step sizes and
 * diagnostics) runs on the driver's copy of the operator. {@code residualOut} is not written by
 * the distributed pass: the residual stays on the executors (no caller of the fused pass reads
 * it; see {@link io.lowrank.objective.AsymmetricObjective}).
 */
final class DistributedSampling implements MeasurementOperator, AutoCloseable {
  private final JavaSparkContext sc;
  private final EntrySampling local;
  private final double[] y;
  private final double scale;
  private final JavaRDD<EntryBlock> blocks;
  private final int[] blockRow;
  private final int n2;
  private long passes;

  /** The entries of {@code local} with data {@code y}, cut into blocks and cached on the cluster of {@code sc}. */
  DistributedSampling(JavaSparkContext sc, EntrySampling local, double[] y) {
    if (local.symmetric()) {
      throw new IllegalArgumentException("the distributed pass serves rectangular completion");
    }
    this.sc = sc;
    this.local = local;
    this.y = y;
    this.scale = local.measure(1.0);
    this.n2 = local.cols();
    int b = local.fusedBlocks();
    this.blockRow = new int[b + 1];
    List<EntryBlock> parts = new ArrayList<>(b);
    for (int i = 0; i < b; i++) {
      parts.add(EntryBlock.of(local, y, i));
      blockRow[i] = local.fusedBlockRow(i);
    }
    blockRow[b] = local.rows();
    this.blocks = sc.parallelize(parts, b).persist(StorageLevel.MEMORY_ONLY());
    blocks.setName("lowrank entry blocks");
    blocks.count(); // materialise the cache before the first iteration
  }

  /** The number of blocks (= partitions) of the distributed pass. */
  int blocks() {
    return blockRow.length - 1;
  }

  /** The number of distributed passes run so far. */
  long passes() {
    return passes;
  }

  /** Drops the cached blocks. */
  @Override
  public void close() {
    blocks.unpersist(false);
  }

  @Override
  public int size() {
    return local.size();
  }

  @Override
  public int rows() {
    return local.rows();
  }

  @Override
  public int cols() {
    return local.cols();
  }

  @Override
  public boolean symmetric() {
    return false;
  }

  @Override
  public Workspace workspace(int width) {
    return new Scratch(width, local.workspace(width));
  }

  @Override
  public void forward(Mat left, Mat right, double[] out, Workspace ws) {
    local.forward(left, right, out, localOf(ws));
  }

  @Override
  public void adjointTimes(double[] v, Mat right, Mat out, Workspace ws) {
    local.adjointTimes(v, right, out, localOf(ws));
  }

  @Override
  public void adjointTransposeTimes(double[] v, Mat left, Mat out, Workspace ws) {
    local.adjointTransposeTimes(v, left, out, localOf(ws));
  }

  @Override
  public MeasurementOperator subset(int[] indices) {
    return local.subset(indices);
  }

  @Override
  public void forwardDense(Mat z, double[] out) {
    local.forwardDense(z, out);
  }

  @Override
  public void adjointDense(double[] v, Mat out) {
    local.adjointDense(v, out);
  }

  /**
   * One distributed fused pass (class comment): overwrites gradL and gradR, returns ||res||^2.
   * Data other than this operator's own y, or a workspace it did not make, is evaluated on the driver.
   */
  @Override
  public double residualAndGradients(Mat left, Mat right, double[] data, double[] residualOut, Mat gradL, Mat gradR,
      Workspace ws) {
    if (data != y || !(ws instanceof Scratch s) || left.cols() != s.width || right.cols() != s.width
        || left.rows() != local.rows() || right.rows() != n2 || !gradL.sameShape(left) || !gradR.sameShape(right)) {
      return local.residualAndGradients(left, right, data, residualOut, gradL, gradR, localOf(ws));
    }
    int k = s.width;
    passes++;
    // the driver does not touch L and R until the job is done, so they are broadcast without a copy
    Broadcast<double[][]> factors = sc.broadcast(new double[][] {left.data(), right.data()});
    List<EntryBlock.Part> parts;
    try {
      double sc0 = scale;
      parts = blocks.map(b -> b.evaluate(k, sc0, factors.value()[0], factors.value()[1])).collect();
    } finally {
      factors.destroy();
    }
    double[] gl = gradL.data();
    double[] gr = gradR.data();
    double loss = 0.0;
    for (int b = 0; b < parts.size(); b++) {
      EntryBlock.Part p = parts.get(b);
      if (p.index != b) {
        throw new IllegalStateException("block " + p.index + " came back in place " + b);
      }
      System.arraycopy(p.gradL, 0, gl, blockRow[b] * k, p.gradL.length);
      if (b == 0) {
        System.arraycopy(p.gradR, 0, gr, 0, gr.length);
      } else {
        double[] part = p.gradR;
        for (int x = 0; x < gr.length; x++) {
          gr[x] += part[x];
        }
      }
      loss += p.loss;
    }
    return loss;
  }

  private static Workspace localOf(Workspace ws) {
    return ws instanceof Scratch s ? s.local : ws;
  }

  /** The workspace of one trajectory: its width and the driver operator's own workspace. */
  private static final class Scratch implements Workspace {
    final int width;
    final Workspace local;

    Scratch(int width, Workspace local) {
      this.width = width;
      this.local = local;
    }
  }
}
