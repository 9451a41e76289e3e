package io.lowrank.experiment.figure;

/**
 * One data series of a figure, as plain data: the one series type of lowrank, used by the
 * experiments' figures and by the SVG plotting package of lowrank-report, which renders it.
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
  public enum Style {
    LINE, DASHED, POINTS, LINE_POINTS, ERROR_BARS,
    /** A line with markers through y and a translucent band from lo to hi (e.g. median and IQR). */
    LINE_BAND,
    /**
     * Cross markers for runs that did not reach a target, drawn where they stopped (e.g. at the
     * iteration budget): a run that failed is shown, never silently absent.
     */
    MISSED;

    /** True when the series is drawn as a polyline. */
    public boolean line() {
      return this == LINE || this == DASHED || this == LINE_POINTS || this == LINE_BAND;
    }

    /** True when the series is drawn with markers (points, error bars). */
    public boolean markers() {
      return this == POINTS || this == LINE_POINTS || this == ERROR_BARS || this == LINE_BAND || this == MISSED;
    }

    /** True when the series has lo and hi. */
    public boolean ranged() {
      return this == ERROR_BARS || this == LINE_BAND;
    }
  }

  /**
   * A colour: {@code sequential} picks position {@code index} of {@code count} on an ordered ramp
   * (used for ordered parameters such as alpha, so that one alpha has one colour in every figure);
   * otherwise {@code index} picks from a qualitative palette; {@code literal}, when not null, is an
   * explicit CSS colour (e.g. {@code #1f77b4}) and wins.
   */
  public record Color(int index, int count, boolean sequential, String literal) {
    public static Color qualitative(int index) {
      return new Color(index, 0, false, null);
    }

    public static Color sequential(int index, int count) {
      return new Color(index, count, true, null);
    }

    /** A neutral grey for reference lines and markers. */
    public static Color neutral() {
      return new Color(-1, 0, false, null);
    }

    /** An explicit CSS colour; null gives the plot's next automatic palette colour. */
    public static Color of(String css) {
      return css == null ? null : new Color(0, 0, false, css);
    }

    /** True for {@link #neutral()}. */
    public boolean isNeutral() {
      return literal == null && index < 0;
    }
  }

  public Series {
    String what = style.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " series"
        + (label == null ? "" : " '" + label + "'");
    require(x, "x", what);
    require(y, "y", what);
    sameLength(x, y, "y", what);
    if (style.ranged()) {
      require(lo, "lo", what);
      require(hi, "hi", what);
      sameLength(x, lo, "lo", what);
      sameLength(x, hi, "hi", what);
    }
  }

  private static void require(double[] a, String name, String what) {
    if (a == null) {
      throw new IllegalArgumentException(what + ": " + name + " must not be null");
    }
  }

  private static void sameLength(double[] x, double[] other, String name, String what) {
    if (x.length != other.length) {
      throw new IllegalArgumentException(what + ": x has " + x.length + " values but " + name + " has " + other.length);
    }
  }

  public static Series line(String label, double[] x, double[] y, Color c) {
    return new Series(label, Style.LINE, x, y, null, null, c);
  }

  public static Series dashed(String label, double[] x, double[] y, Color c) {
    return new Series(label, Style.DASHED, x, y, null, null, c);
  }

  public static Series linePoints(String label, double[] x, double[] y, Color c) {
    return new Series(label, Style.LINE_POINTS, x, y, null, null, c);
  }

  public static Series points(String label, double[] x, double[] y, Color c) {
    return new Series(label, Style.POINTS, x, y, null, null, c);
  }

  /** Cross markers for runs that did not reach a target, at (x, y) where they stopped ({@link Style#MISSED}). */
  public static Series missed(String label, double[] x, double[] y, Color c) {
    return new Series(label, Style.MISSED, x, y, null, null, c);
  }

  public static Series errorBars(String label, double[] x, double[] mid, double[] lo, double[] hi, Color c) {
    return new Series(label, Style.ERROR_BARS, x, mid, lo, hi, c);
  }

  /** A line with markers through {@code mid} over a translucent band from {@code lo} to {@code hi}. */
  public static Series lineBand(String label, double[] x, double[] mid, double[] lo, double[] hi, Color c) {
    return new Series(label, Style.LINE_BAND, x, mid, lo, hi, c);
  }
}
