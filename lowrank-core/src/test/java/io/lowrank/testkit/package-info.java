/**
 * The testkit: named tolerances, adjoint and gradient checkers, planted problems, allocation
 * measurement, and the contract suites every solver's test subclasses. Published as lowrank-core's
 * test-jar for the other modules' tests.
 *
 * <p>May import of lowrank: {@code io.lowrank.diagnostics}, {@code io.lowrank.init},
 * {@code io.lowrank.linalg}, {@code io.lowrank.model}, {@code io.lowrank.operator},
 * {@code io.lowrank.random}, {@code io.lowrank.solver}.
 */
package io.lowrank.testkit;
