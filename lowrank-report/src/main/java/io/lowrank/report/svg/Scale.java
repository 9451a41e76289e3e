package io.lowrank.report.svg;

/** Axis scale of a {@link Plot}. */
public enum Scale {
    /** Linear axis with "nice" ticks at 1, 2 or 5 times a power of ten. */
    LINEAR,
    /**
     * Base-10 logarithmic axis. Major ticks sit at decades and are labelled as powers of ten;
     * non-positive values cannot be shown and are skipped.
     */
    LOG
}
