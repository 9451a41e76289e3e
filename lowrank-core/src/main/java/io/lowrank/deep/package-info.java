/**
 * Deep factorisation U = W_L ... W_1 of the symmetric model, by gradient descent on all layers, and
 * the exact trace of its loss's Hessian ({@link io.lowrank.deep.HessianTrace}).
 *
 * <p>May import of lowrank: {@code io.lowrank.linalg}, {@code io.lowrank.model},
 * {@code io.lowrank.objective}, {@code io.lowrank.operator}, {@code io.lowrank.solver}.
 */
package io.lowrank.deep;
