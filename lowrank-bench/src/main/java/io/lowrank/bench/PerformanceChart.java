package io.lowrank.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.lowrank.experiment.output.Json;
import io.lowrank.report.svg.LegendPosition;
import io.lowrank.report.svg.Plot;
import io.lowrank.report.svg.Scale;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The chart of docs/performance.md from the medians that {@code scripts/bench-vs-peers.sh} writes:
 * milliseconds per GD iteration against megabytes of measurements streamed per iteration (log-log),
 * one point per configuration, with the lines time = bytes / (read bandwidth): the best rate
 * measured in the same run (1 or 2 threads) on arrays of the float64 (101 MB) and float32 (50 MB)
 * operator sizes (the smaller one partly fits the last-level cache, hence its higher rate). Points
 * on a line run at that memory-bandwidth limit.
 *
 * <pre>java -cp lowrank-bench/target/benchmarks.jar io.lowrank.bench.PerformanceChart medians.json chart.svg</pre>
 */
public final class PerformanceChart {
  private PerformanceChart() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: PerformanceChart MEDIANS.json OUT.svg");
    }
    JsonNode root = Json.mapper().readTree(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8));
    Plot.Builder plot = Plot.builder()
        .title("One GD iteration, dense sensing n = 100, m = 2500, r' = 5 (medians)")
        .xLabel("MB of measurements streamed per iteration (per trajectory)")
        .yLabel("ms per iteration (per trajectory)")
        .xScale(Scale.LOG)
        .yScale(Scale.LOG)
        .legendPosition(LegendPosition.TOP_LEFT);
    series(plot, root, "lowrank", 1, "lowrank, 1 trajectory (f64/f32/bf16/int8, 1/2 threads)", "#1f77b4");
    series(plot, root, "lowrank", 8, "lowrank, K = 8 batched, per trajectory", "#2ca02c");
    series(plot, root, "numpy", 1, "numpy + OpenBLAS, best BLAS threads", "#d62728");
    series(plot, root, "torch", 1, "PyTorch, best variant and threads", "#ff7f0e");
    series(plot, root, "jax", 1, "JAX (jit), best variant and threads", "#9467bd");
    double[] mb = {5, 1000};
    String[] colors = {"#7f7f7f", "#bcbd22"};
    int i = 0;
    for (String dtype : new String[] {"float32", "float64"}) {
      double best = 0;
      int threads = 0;
      for (JsonNode b : root.at("/bandwidth")) {
        if (b.at("/dtype").asText().equals(dtype) && b.at("/GBps").asDouble() > best) {
          best = b.at("/GBps").asDouble();
          threads = b.at("/threads").asInt();
        }
      }
      if (best > 0) {
        String size = dtype.equals("float64") ? "101 MB" : "50 MB";
        plot.dashedLine(String.format(java.util.Locale.ROOT, "read bandwidth, %s array: %.0f GB/s (%d thread%s)", size,
            best, threads, threads == 1 ? "" : "s"), mb, new double[] {mb[0] / best, mb[1] / best}, colors[i++]);
      }
    }
    Files.writeString(Path.of(args[1]), plot.build().toSvg(820, 520), StandardCharsets.UTF_8);
  }

  private static void series(Plot.Builder plot, JsonNode root, String kind, int batch, String label, String color) {
    List<double[]> pts = new ArrayList<>();
    for (JsonNode c : root.at("/configs")) {
      if (c.at("/kind").asText().equals(kind) && c.at("/batch").asInt(1) == batch && c.at("/rprime").asInt() == 5) {
        pts.add(new double[] {c.at("/streamed_MB").asDouble() / batch, c.at("/ms").asDouble() / batch});
      }
    }
    double[] x = pts.stream().mapToDouble(p -> p[0]).toArray();
    double[] y = pts.stream().mapToDouble(p -> p[1]).toArray();
    if (x.length > 0) {
      plot.points(label, x, y, color);
    }
  }
}
