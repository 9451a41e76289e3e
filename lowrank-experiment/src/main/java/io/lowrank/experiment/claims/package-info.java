/**
 * The claims that lowrank reproduce checks: each one's runs (as specs), its PASS/FAIL criterion,
 * numbers and figures, and the reproduction that runs them together.
 *
 * <p>May import of lowrank: {@code io.lowrank.deep}, {@code io.lowrank.diagnostics}, {@code io.lowrank.experiment.figure},
 * {@code io.lowrank.experiment.run}, {@code io.lowrank.experiment.spec},
 * {@code io.lowrank.experiment.stats}, {@code io.lowrank.linalg}, {@code io.lowrank.model},
 * {@code io.lowrank.operator}, {@code io.lowrank.random}, {@code io.lowrank.solver},
 * {@code io.lowrank.validation}.
 */
package io.lowrank.experiment.claims;
