/**
 * The lowrank command line: picocli commands that parse options into specs, call the library and
 * print; error handling and progress.
 *
 * <p>May import of lowrank: {@code io.lowrank.diagnostics}, {@code io.lowrank.experiment.claims},
 * {@code io.lowrank.experiment.compare}, {@code io.lowrank.experiment.completion},
 * {@code io.lowrank.experiment.figure}, {@code io.lowrank.experiment.formats},
 * {@code io.lowrank.experiment.job}, {@code io.lowrank.experiment.output},
 * {@code io.lowrank.experiment.run}, {@code io.lowrank.experiment.spec}, {@code io.lowrank.linalg},
 * {@code io.lowrank.model}, {@code io.lowrank.operator}, {@code io.lowrank.report},
 * {@code io.lowrank.solver}, {@code io.lowrank.experiment.sweep}, {@code io.lowrank.experiment.engine}.
 */
package io.lowrank.cli;
