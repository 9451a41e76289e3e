/**
 * A small SVG plotting package: axes (linear and log), ticks, series, bands, reference lines,
 * legends and grids of panels.
 *
 * <p>May import of lowrank: {@code io.lowrank.experiment.figure}.
 */
package io.lowrank.report.svg;
