package io.lowrank.experiment.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowrank.experiment.figure.Figure;
import io.lowrank.experiment.figure.Series;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CSV of a figure holds exactly its plotted series: one row per point, labelled, panels named. */
class FigureCsvTest {
  private static Figure panel(String id, String title) {
    return Figure.builder(id, title).x("t", false).y("error", true)
        .add(Series.line("α = 1e-3", new double[] {0, 1, 2}, new double[] {1, 0.5, 0.25}, Series.Color.qualitative(0)))
        .add(Series.errorBars("seeds, \"median\"", new double[] {1, 2}, new double[] {3, 4}, new double[] {2, 3},
            new double[] {5, 6}, Series.Color.qualitative(1)))
        .build();
  }

  @Test
  void oneRowPerPlottedPointWithItsSeries() {
    List<String> rows = FigureCsv.of(panel("p", "one")).lines().toList();
    assertThat(rows).containsExactly("series,x,y,lo,hi", "α = 1e-3,0.0,1.0,,", "α = 1e-3,1.0,0.5,,",
        "α = 1e-3,2.0,0.25,,", "\"seeds, \"\"median\"\"\",1.0,3.0,2.0,5.0", "\"seeds, \"\"median\"\"\",2.0,4.0,3.0,6.0");
  }

  @Test
  void gridsNameThePanelOfEveryRow() {
    Figure grid = Figure.grid("g", "both", List.of(panel("a", "left"), panel("b", "right")));
    List<String> rows = FigureCsv.of(grid).lines().toList();
    assertThat(rows.get(0)).isEqualTo("panel,series,x,y,lo,hi");
    assertThat(rows).hasSize(1 + 2 * 5);
    assertThat(rows.stream().filter(r -> r.startsWith("left,")).count()).isEqualTo(5);
    assertThat(rows.stream().filter(r -> r.startsWith("right,")).count()).isEqualTo(5);
  }
}
