/**
 * Alternating least squares with a ridge on the asymmetric factor model, solved matrix-free by
 * conjugate gradients.
 *
 * <p>May import of lowrank: {@code io.lowrank.linalg}, {@code io.lowrank.model},
 * {@code io.lowrank.objective}, {@code io.lowrank.operator}, {@code io.lowrank.solver}.
 */
package io.lowrank.als;
