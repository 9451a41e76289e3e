/**
 * The least-squares objectives of the factor models and their gradients, evaluated from one
 * residual into caller-owned buffers.
 *
 * <p>May import of lowrank: {@code io.lowrank.linalg}, {@code io.lowrank.model},
 * {@code io.lowrank.operator}.
 */
package io.lowrank.objective;
