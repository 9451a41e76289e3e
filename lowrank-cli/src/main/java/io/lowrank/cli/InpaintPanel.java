package io.lowrank.cli;

import io.lowrank.experiment.formats.Images;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The figure {@code panel.png} of {@code lowrank inpaint}: equally sized tiles side by side on a
 * white background, each image drawn at an integer zoom (small images) or shrunk by an integer box
 * filter (large ones), with two lines of text under it (its name, and its PSNR or another caption).
 * Text is drawn with java.awt (the command runs it headless).
 *
 * <p>Layout, in pixels: tiles are {@code tileWidth x tileHeight} (w z / s by h z / s for zoom z and
 * shrink s, rounded up), each in a cell of width max(tileWidth, {@link #MIN_CELL}); cells are
 * separated and framed by {@link #GAP}; the labels take {@link #LABEL_HEIGHT} under the tiles. The
 * panel is GAP + n (cell + GAP) wide and GAP + tileHeight + LABEL_HEIGHT + GAP high.
 */
final class InpaintPanel {
  /** Margin around and between cells. */
  static final int GAP = 8;
  /** Height of the two label lines. */
  static final int LABEL_HEIGHT = 40;
  /** Narrowest cell (room for the labels). */
  static final int MIN_CELL = 132;
  /** Small images are zoomed until their longer side is at least this. */
  static final int MIN_SIDE = 128;
  /** Large images are shrunk until their longer side is at most this. */
  static final int MAX_SIDE = 640;
  /**
   * Where a pixel was not observed, the observed-pixels tile shows this colour (a muted blue-grey,
   * told apart from the grey levels of the image).
   */
  static final Color MISSING = new Color(96, 120, 160);

  private InpaintPanel() {}

  /**
   * One tile.
   *
   * @param name first label line
   * @param caption second label line (e.g. "PSNR 23.84 dB")
   * @param image the image, at its own size
   */
  record Tile(String name, String caption, BufferedImage image) {}

  /**
   * Integer zoom z and shrink s for a w x h image, with tile sides ceil(w z / s) and ceil(h z / s).
   */
  record Layout(int zoom, int shrink, int tileWidth, int tileHeight, int cellWidth) {
    static Layout of(int w, int h) {
      int side = Math.max(w, h);
      int zoom = Math.max(1, MIN_SIDE / side);
      int shrink = Math.max(1, (side + MAX_SIDE - 1) / MAX_SIDE);
      int tw = (w * zoom + shrink - 1) / shrink;
      int th = (h * zoom + shrink - 1) / shrink;
      return new Layout(zoom, shrink, tw, th, Math.max(tw, MIN_CELL));
    }

    /** Panel width for n tiles. */
    int width(int n) {
      return GAP + n * (cellWidth + GAP);
    }

    /** Panel height. */
    int height() {
      return GAP + tileHeight + LABEL_HEIGHT + GAP;
    }

    /** Left edge of tile k. */
    int tileX(int k) {
      return GAP + k * (cellWidth + GAP) + (cellWidth - tileWidth) / 2;
    }

    /** Top edge of the tiles. */
    int tileY() {
      return GAP;
    }
  }

  /**
   * The observed pixels of a picture in colour: observed pixels as they are (grey kept grey),
   * missing ones in {@link #MISSING}.
   */
  static BufferedImage observed(Images.Picture picture, boolean[] mask) {
    BufferedImage src = Images.toImage(picture);
    BufferedImage out = new BufferedImage(picture.width(), picture.height(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < picture.height(); y++) {
      for (int x = 0; x < picture.width(); x++) {
        out.setRGB(x, y, mask[y * picture.width() + x] ? src.getRGB(x, y) : MISSING.getRGB());
      }
    }
    return out;
  }

  /** The panel of {@code tiles} (all of the same size); labels are skipped if the platform cannot draw text. */
  static BufferedImage render(List<Tile> tiles) {
    int w = tiles.get(0).image().getWidth();
    int h = tiles.get(0).image().getHeight();
    for (Tile t : tiles) {
      if (t.image().getWidth() != w || t.image().getHeight() != h) {
        throw new IllegalArgumentException("panel tiles differ in size: " + t.name());
      }
    }
    Layout l = Layout.of(w, h);
    BufferedImage panel = new BufferedImage(l.width(tiles.size()), l.height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = panel.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, panel.getWidth(), panel.getHeight());
      for (int k = 0; k < tiles.size(); k++) {
        panel.setRGB(l.tileX(k), l.tileY(), l.tileWidth(), l.tileHeight(), scaled(tiles.get(k).image(), l), 0,
            l.tileWidth());
      }
      labels(g, tiles, l);
    } finally {
      g.dispose();
    }
    return panel;
  }

  private static void labels(Graphics2D g, List<Tile> tiles, Layout l) {
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
      FontMetrics fm = g.getFontMetrics();
      int base = l.tileY() + l.tileHeight() + 4 + fm.getAscent();
      for (int k = 0; k < tiles.size(); k++) {
        int centre = GAP + k * (l.cellWidth() + GAP) + l.cellWidth() / 2;
        String[] lines = {tiles.get(k).name(), tiles.get(k).caption()};
        for (int i = 0; i < lines.length; i++) {
          g.drawString(lines[i], centre - fm.stringWidth(lines[i]) / 2, base + i * (fm.getHeight() + 1));
        }
      }
    } catch (RuntimeException | InternalError | LinkageError e) {
      // no usable font on this platform: the panel keeps its images, psnr.csv has the numbers
    }
  }

  /** The image at the layout's zoom (pixel replication) and shrink (box average). */
  static int[] scaled(BufferedImage img, Layout l) {
    int w = img.getWidth();
    int h = img.getHeight();
    int[] out = new int[l.tileWidth() * l.tileHeight()];
    int s = l.shrink();
    int z = l.zoom();
    for (int ty = 0; ty < l.tileHeight(); ty++) {
      for (int tx = 0; tx < l.tileWidth(); tx++) {
        int r = 0;
        int gr = 0;
        int b = 0;
        int n = 0;
        for (int dy = 0; dy < s; dy++) {
          for (int dx = 0; dx < s; dx++) {
            int x = (tx * s + dx) / z;
            int y = (ty * s + dy) / z;
            if (x < w && y < h) {
              int rgb = img.getRGB(x, y);
              r += (rgb >> 16) & 0xff;
              gr += (rgb >> 8) & 0xff;
              b += rgb & 0xff;
              n++;
            }
          }
        }
        out[ty * l.tileWidth() + tx] = Math.round((float) r / n) << 16 | Math.round((float) gr / n) << 8
            | Math.round((float) b / n);
      }
    }
    return out;
  }
}
