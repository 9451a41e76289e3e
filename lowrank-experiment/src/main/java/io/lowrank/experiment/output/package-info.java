/**
 * What runs write: history.csv, summary.json (with the resolved spec), factors, the run store of
 * resumable jobs, and the files of reproduce, compare and sweeps; deterministic JSON.
 *
 * <p>May import of lowrank: {@code io.lowrank.diagnostics}, {@code io.lowrank.experiment.claims},
 * {@code io.lowrank.experiment.compare}, {@code io.lowrank.experiment.figure},
 * {@code io.lowrank.experiment.formats},
 * {@code io.lowrank.experiment.run}, {@code io.lowrank.experiment.spec},
 * {@code io.lowrank.experiment.sweep}, {@code io.lowrank.linalg}, {@code io.lowrank.solver}.
 */
package io.lowrank.experiment.output;
