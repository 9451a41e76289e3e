package io.lowrank.experiment.figure;

import java.util.List;

/**
 * A heatmap as plain data: a value for every cell of a grid of two (ordered) axes, drawn as coloured
 * cells on a sequential scale, with an optional contour where the value crosses a level (the
 * boundary of a phase transition). The report module renders it.
 *
 * @param id stable identifier (file names, anchors)
 * @param title caption title
 * @param xLabel the horizontal axis
 * @param yLabel the vertical axis
 * @param x the column labels, left to right
 * @param y the row labels, bottom to top
 * @param z the values, {@code z[row][column]} (row index along y); NaN for an empty cell
 * @param zLabel what the value is (the colour bar's label)
 * @param zMin the value of the lightest colour
 * @param zMax the value of the darkest colour
 * @param contour the level of the boundary contour, or NaN for none
 */
public record Heatmap(String id, String title, String xLabel, String yLabel, List<String> x, List<String> y,
    double[][] z, String zLabel, double zMin, double zMax, double contour) {

  public Heatmap {
    x = List.copyOf(x);
    y = List.copyOf(y);
    if (z.length != y.size()) {
      throw new IllegalArgumentException("z has " + z.length + " rows for " + y.size() + " y labels");
    }
    for (double[] row : z) {
      if (row.length != x.size()) {
        throw new IllegalArgumentException("a z row has " + row.length + " cells for " + x.size() + " x labels");
      }
    }
  }
}
