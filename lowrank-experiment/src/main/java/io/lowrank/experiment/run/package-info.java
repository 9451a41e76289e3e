/**
 * The Runner, the one place that assembles runs from specs: workloads (problems made once and
 * shared), starts, solvers, recordings, batching, and results.
 *
 * <p>May import of lowrank: {@code io.lowrank.als}, {@code io.lowrank.convex},
 * {@code io.lowrank.deep}, {@code io.lowrank.diagnostics}, {@code io.lowrank.experiment.formats},
 * {@code io.lowrank.experiment.spec}, {@code io.lowrank.init}, {@code io.lowrank.linalg},
 * {@code io.lowrank.model}, {@code io.lowrank.operator}, {@code io.lowrank.parallel},
 * {@code io.lowrank.random}, {@code io.lowrank.solver}, {@code io.lowrank.validation}.
 */
package io.lowrank.experiment.run;
