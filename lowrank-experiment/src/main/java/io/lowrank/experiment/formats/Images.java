package io.lowrank.experiment.formats;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Images as planes of doubles in [0, 1] (row-major, one plane per channel), read and written with
 * {@link ImageIO} (PNG, JPEG, GIF, BMP read; PNG written). Alpha channels are ignored.
 */
public final class Images {
  /** ITU-R BT.601 luma weights for colour to grey. */
  static final double WR = 0.299;
  static final double WG = 0.587;
  static final double WB = 0.114;

  private Images() {}

  /**
   * A decoded image.
   *
   * @param width w
   * @param height h
   * @param planes one plane per channel (1 for grey, 3 for RGB), values in [0, 1]
   */
  public record Picture(int width, int height, double[][] planes) {
    /** True for a single grey channel. */
    public boolean grey() {
      return planes.length == 1;
    }

    /** The luma (BT.601) of a colour picture, or the picture itself when grey. */
    public Picture toGrey() {
      if (grey()) {
        return this;
      }
      double[] g = new double[width * height];
      for (int p = 0; p < g.length; p++) {
        g[p] = WR * planes[0][p] + WG * planes[1][p] + WB * planes[2][p];
      }
      return new Picture(width, height, new double[][] {g});
    }
  }

  /** Reads an image; an unreadable or unsupported file is a {@link BadInputException}. */
  public static Picture read(Path file) throws IOException {
    InputFiles.requireRegular(file, "an image file (PNG, JPEG, GIF or BMP)");
    BufferedImage img;
    try {
      img = ImageIO.read(file.toFile());
    } catch (IOException e) {
      throw new BadInputException(file + " cannot be decoded as an image (" + e.getMessage()
          + "); accepted: PNG, JPEG, GIF or BMP", e);
    }
    if (img == null) {
      throw new BadInputException(file + " is not an image Java can read; accepted: PNG, JPEG, GIF or BMP");
    }
    int w = img.getWidth();
    int h = img.getHeight();
    ColorModel cm = img.getColorModel();
    Raster raster = img.getRaster();
    boolean greyRaster = !(cm instanceof IndexColorModel) && cm.getNumColorComponents() == 1;
    if (greyRaster) {
      double max = (1 << cm.getComponentSize(0)) - 1.0;
      double[] g = new double[w * h];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          g[y * w + x] = raster.getSample(x, y, 0) / max;
        }
      }
      return new Picture(w, h, new double[][] {g});
    }
    double[] r = new double[w * h];
    double[] gr = new double[w * h];
    double[] b = new double[w * h];
    boolean isGrey = true;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int argb = img.getRGB(x, y);
        int rr = (argb >> 16) & 0xff;
        int gg = (argb >> 8) & 0xff;
        int bb = argb & 0xff;
        isGrey &= rr == gg && gg == bb;
        r[y * w + x] = rr / 255.0;
        gr[y * w + x] = gg / 255.0;
        b[y * w + x] = bb / 255.0;
      }
    }
    return isGrey ? new Picture(w, h, new double[][] {r}) : new Picture(w, h, new double[][] {r, gr, b});
  }

  /**
   * Writes 8-bit PNG: grey for one plane, RGB for three; values are clipped to [0, 1] and rounded
   * ({@link #quantise}).
   */
  public static void writePng(Path file, Picture picture) throws IOException {
    writePng(file, toImage(picture));
  }

  /** Writes {@code image} as PNG, atomically ({@link AtomicFiles}). */
  public static void writePng(Path file, BufferedImage image) throws IOException {
    AtomicFiles.write(file, out -> {
      if (!ImageIO.write(image, "png", out)) {
        throw new IOException("no PNG writer available for " + file);
      }
    });
  }

  /**
   * The 8-bit image of a picture (TYPE_BYTE_GRAY for one plane, TYPE_INT_RGB for three), each value
   * v stored as round(255 clip(v, 0, 1)).
   */
  public static BufferedImage toImage(Picture picture) {
    int w = picture.width();
    int h = picture.height();
    int planes = picture.planes().length;
    if (planes != 1 && planes != 3) {
      throw new IllegalArgumentException("a picture has 1 (grey) or 3 (RGB) planes, not " + planes);
    }
    for (double[] plane : picture.planes()) {
      if (plane.length != w * h) {
        throw new IllegalArgumentException("a plane of a " + w + " x " + h + " picture has " + plane.length
            + " values, expected " + w * h);
      }
    }
    boolean grey = picture.grey();
    BufferedImage img = new BufferedImage(w, h, grey ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = y * w + x;
        if (grey) {
          img.getRaster().setSample(x, y, 0, byteOf(picture.planes()[0][p]));
        } else {
          img.setRGB(x, y, byteOf(picture.planes()[0][p]) << 16 | byteOf(picture.planes()[1][p]) << 8
              | byteOf(picture.planes()[2][p]));
        }
      }
    }
    return img;
  }

  /**
   * The value an 8-bit PNG written by {@link #writePng} stores for v, read back in [0, 1]:
   * round(255 clip(v, 0, 1)) / 255 (NaN is stored as 0).
   */
  public static double quantise(double v) {
    return byteOf(v) / 255.0;
  }

  private static int byteOf(double v) {
    return (int) Math.round(255.0 * Math.max(0.0, Math.min(1.0, v)));
  }
}
