/**
 * Rank-free completion of ratings and images: the pipeline over ratings specs, its statistics, and
 * inpainting.
 *
 * <p>May import of lowrank: {@code io.lowrank.diagnostics}, {@code io.lowrank.experiment.formats},
 * {@code io.lowrank.experiment.run}, {@code io.lowrank.experiment.spec}, {@code io.lowrank.linalg},
 * {@code io.lowrank.model}, {@code io.lowrank.operator}, {@code io.lowrank.random},
 * {@code io.lowrank.solver}, {@code io.lowrank.validation}.
 */
package io.lowrank.experiment.completion;
