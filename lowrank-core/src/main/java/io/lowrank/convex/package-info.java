/**
 * The convex baseline: nuclear-norm regularised least squares by FISTA (eigenvalue or singular
 * value thresholding), its penalty and its warm-started lambda path.
 *
 * <p>May import of lowrank: {@code io.lowrank.linalg}, {@code io.lowrank.model},
 * {@code io.lowrank.operator}, {@code io.lowrank.solver}.
 */
package io.lowrank.convex;
