/**
 * Self-contained HTML reports of reproduce and compare, and the rendering of experiment figures to
 * inline SVG.
 *
 * <p>May import of lowrank: {@code io.lowrank.experiment.claims},
 * {@code io.lowrank.experiment.compare}, {@code io.lowrank.experiment.figure},
 * {@code io.lowrank.experiment.job}, {@code io.lowrank.experiment.spec}, {@code io.lowrank.experiment.sweep},
 * {@code io.lowrank.report.svg}, {@code io.lowrank.solver}.
 */
package io.lowrank.report;
