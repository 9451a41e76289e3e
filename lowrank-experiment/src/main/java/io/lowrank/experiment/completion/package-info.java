/**
 * Rank-free completion of ratings and images: the estimator ({@link io.lowrank.experiment.completion.Completer},
 * {@link io.lowrank.experiment.completion.CompletionModel} and its saved format), the pipeline over
 * ratings specs, its statistics, and inpainting.
 *
 * <p>May import of lowrank: {@code io.lowrank.diagnostics}, {@code io.lowrank.experiment.formats},
 * {@code io.lowrank.experiment.figure}, {@code io.lowrank.experiment.output}, {@code io.lowrank.experiment.run},
 * {@code io.lowrank.experiment.spec}, {@code io.lowrank.init}, {@code io.lowrank.linalg},
 * {@code io.lowrank.model}, {@code io.lowrank.operator}, {@code io.lowrank.random},
 * {@code io.lowrank.solver}, {@code io.lowrank.validation}, {@code io.lowrank.experiment.engine}.
 */
package io.lowrank.experiment.completion;
