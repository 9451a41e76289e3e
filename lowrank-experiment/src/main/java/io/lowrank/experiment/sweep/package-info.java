/**
 * Sweeps: a base run spec and axes over any spec key (lists or ranges, grid or zipped), seeds that
 * aggregate, a success criterion; their expansion into runs and their aggregation into grid points.
 *
 * <p>May import of lowrank: {@code io.lowrank.diagnostics}, {@code io.lowrank.experiment.figure},
 * {@code io.lowrank.experiment.formats},
 * {@code io.lowrank.experiment.run}, {@code io.lowrank.experiment.spec},
 * {@code io.lowrank.experiment.stats}.
 */
package io.lowrank.experiment.sweep;
