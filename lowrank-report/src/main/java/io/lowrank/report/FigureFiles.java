package io.lowrank.report;

import io.lowrank.experiment.figure.Figure;
import io.lowrank.experiment.figure.Heatmap;
import io.lowrank.experiment.formats.AtomicFiles;
import io.lowrank.experiment.output.FigureCsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every figure of a report also as files of its own: {@code figures/<id>.svg}, a standalone SVG
 * document (the same drawing as in report.html), and {@code figures/<id>.csv}, the plotted data
 * ({@link FigureCsv}). Each file is written atomically. Used by every command that writes a report.
 */
public final class FigureFiles {
  /** The directory, relative to the output directory. */
  public static final String DIR = "figures";

  private FigureFiles() {}

  /**
   * Writes the SVG and CSV of every figure and heatmap into {@code out/figures/}.
   *
   * @return the relative paths written, SVG then CSV per figure, in order
   * @throws IllegalArgumentException when two figures share an id (they would overwrite each other)
   */
  public static List<String> write(Path out, List<Figure> figures, List<Heatmap> heatmaps) throws IOException {
    Path dir = out.resolve(DIR);
    Files.createDirectories(dir);
    Set<String> ids = new LinkedHashSet<>();
    List<String> written = new ArrayList<>();
    for (Heatmap h : heatmaps) {
      one(dir, ids, written, h.id(), SweepReport.svg(h), FigureCsv.of(h));
    }
    for (Figure f : figures) {
      one(dir, ids, written, f.id(), FigureRenderer.svg(f), FigureCsv.of(f));
    }
    return written;
  }

  /** {@link #write(Path, List, List)} without heatmaps. */
  public static List<String> write(Path out, List<Figure> figures) throws IOException {
    return write(out, figures, List.of());
  }

  /** Writes one figure's SVG document and CSV, after checking that its id is new. */
  private static void one(Path dir, Set<String> ids, List<String> written, String id, String svg, String csv)
      throws IOException {
    if (!ids.add(id)) {
      throw new IllegalArgumentException("two figures have the id " + id + "; their files would collide");
    }
    AtomicFiles.writeString(dir.resolve(id + ".svg"), xml(svg));
    AtomicFiles.writeString(dir.resolve(id + ".csv"), csv);
    written.add(DIR + "/" + id + ".svg");
    written.add(DIR + "/" + id + ".csv");
  }

  /** A standalone SVG document: the XML declaration, then the svg element. */
  static String xml(String svg) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg;
  }
}
