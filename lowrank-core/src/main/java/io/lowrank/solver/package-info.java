/**
 * The one iteration loop (Driver), its stop rules and results, the method names, step rules, and
 * the gradient methods: GD with a direction strategy (gradient, ScaledGD family), asymmetric GD,
 * and batched GD.
 *
 * <p>May import of lowrank: {@code io.lowrank.linalg}, {@code io.lowrank.model},
 * {@code io.lowrank.objective}, {@code io.lowrank.operator}.
 */
package io.lowrank.solver;
