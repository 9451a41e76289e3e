package io.lowrank.experiment.figure;

/**
 * One data series of a figure, as plain data (rendering lives in lowrank-report).
 *
 * @param label legend text
 * @param style how it is drawn
 * @param x abscissae
 * @param y ordinates (for ERROR_BARS the middle value)
 * @param lo lower ends of error bars (ERROR_BARS only, else null)
 * @param hi upper ends of error bars (ERROR_BARS only, else null)
 * @param color a colour key: see {@link Color}
 */
public record Series(String label, Style style, double[] x, double[] y, double[] lo, double[] hi, Color color) {

  /** Drawing styles. */
  public enum Style { LINE, DASHED, POINTS, ERROR_BARS }

  /**
   * A colour: {@code sequential} picks position {@code index} of {@code count} on an ordered ramp
   * (used for ordered parameters such as alpha, so that one alpha has one colour in every figure);
   * otherwise {@code index} picks from a qualitative palette.
   */
  public record Color(int index, int count, boolean sequential) {
    public static Color qualitative(int index) {
      return new Color(index, 0, false);
    }

    public static Color sequential(int index, int count) {
      return new Color(index, count, true);
    }

    /** A neutral grey for reference lines and markers. */
    public static Color neutral() {
      return new Color(-1, 0, false);
    }

    /** True for {@link #neutral()}. */
    public boolean isNeutral() {
      return index < 0;
    }
  }

  public Series {
    if (x.length != y.length) {
      throw new IllegalArgumentException("series '" + label + "': x has " + x.length + " values, y has " + y.length);
    }
  }

  public static Series line(String label, double[] x, double[] y, Color c) {
    return new Series(label, Style.LINE, x, y, null, null, c);
  }

  public static Series dashed(String label, double[] x, double[] y, Color c) {
    return new Series(label, Style.DASHED, x, y, null, null, c);
  }

  public static Series points(String label, double[] x, double[] y, Color c) {
    return new Series(label, Style.POINTS, x, y, null, null, c);
  }

  public static Series errorBars(String label, double[] x, double[] mid, double[] lo, double[] hi, Color c) {
    return new Series(label, Style.ERROR_BARS, x, mid, lo, hi, c);
  }
}
