/**
 * Validation early stopping: hold-out splits, the validation set, the early-stopping observer and
 * the numerical rank.
 *
 * <p>May import of lowrank: {@code io.lowrank.linalg}, {@code io.lowrank.operator},
 * {@code io.lowrank.random}, {@code io.lowrank.solver}.
 */
package io.lowrank.validation;
