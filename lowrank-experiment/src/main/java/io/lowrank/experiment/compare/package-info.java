/**
 * The solver family side by side: a comparison plan over a base spec, its rows, and its figures.
 *
 * <p>May import of lowrank: {@code io.lowrank.diagnostics}, {@code io.lowrank.experiment.figure},
 * {@code io.lowrank.experiment.run}, {@code io.lowrank.experiment.spec}, {@code io.lowrank.model},
 * {@code io.lowrank.operator}, {@code io.lowrank.solver}.
 */
package io.lowrank.experiment.compare;
