/**
 * Jobs that survive being killed: a job directory records what it holds (its manifest and hash),
 * refuses another job's files, and removes its final artefacts before any run, so that a killed job
 * never leaves a directory that looks complete; runs already on disk are loaded instead of rerun.
 * Sweeps and reproductions run here.
 *
 * <p>May import of lowrank: {@code io.lowrank.diagnostics}, {@code io.lowrank.experiment.claims},
 * {@code io.lowrank.experiment.formats}, {@code io.lowrank.experiment.output},
 * {@code io.lowrank.experiment.run}, {@code io.lowrank.experiment.spec},
 * {@code io.lowrank.experiment.sweep}, {@code io.lowrank.experiment.engine}, {@code io.lowrank.solver}.
 */
package io.lowrank.experiment.job;
