/**
 * Self-contained HTML reports of reproduce and compare, the rendering of experiment figures to
 * inline SVG, and their export as standalone SVG and CSV files ({@code FigureFiles}).
 *
 * <p>May import of lowrank: {@code io.lowrank.experiment.claims},
 * {@code io.lowrank.experiment.compare}, {@code io.lowrank.experiment.figure},
 * {@code io.lowrank.experiment.formats}, {@code io.lowrank.experiment.job}, {@code io.lowrank.experiment.output},
 * {@code io.lowrank.experiment.spec}, {@code io.lowrank.experiment.sweep},
 * {@code io.lowrank.report.svg}, {@code io.lowrank.solver}.
 */
package io.lowrank.report;
