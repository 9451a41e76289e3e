/**
 * Starting points: the small random initialisation (symmetric and for factor pairs), the spectral
 * start, and given factors. Initialisers are not solvers.
 *
 * <p>May import of lowrank: {@code io.lowrank.linalg}, {@code io.lowrank.model},
 * {@code io.lowrank.operator}, {@code io.lowrank.random}.
 */
package io.lowrank.init;
