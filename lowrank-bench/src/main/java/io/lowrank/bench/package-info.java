/**
 * JMH benchmarks and the timing entry points of the side-by-side scripts.
 *
 * <p>May import of lowrank: {@code io.lowrank.experiment.output}, {@code io.lowrank.init},
 * {@code io.lowrank.linalg}, {@code io.lowrank.model}, {@code io.lowrank.operator},
 * {@code io.lowrank.parallel}, {@code io.lowrank.random}, {@code io.lowrank.report.svg},
 * {@code io.lowrank.solver}.
 */
package io.lowrank.bench;
