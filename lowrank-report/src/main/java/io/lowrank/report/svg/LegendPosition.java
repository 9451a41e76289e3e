package io.lowrank.report.svg;

/** Where a {@link Plot} places its legend. */
public enum LegendPosition {
    /**
     * Inside the plot area, in whichever corner covers the least data (ties are broken in the
     * order top-right, top-left, bottom-right, bottom-left). This is the default.
     */
    AUTO,
    /** Inside the plot area, top-right corner. */
    TOP_RIGHT,
    /** Inside the plot area, top-left corner. */
    TOP_LEFT,
    /** Inside the plot area, bottom-left corner. */
    BOTTOM_LEFT,
    /** Inside the plot area, bottom-right corner. */
    BOTTOM_RIGHT,
    /** To the right of the plot area; the plot area shrinks to make room. */
    OUTSIDE_RIGHT
}
