/**
 * Dense linear algebra on row-major double[] matrices with explicit shapes: Mat, the small kernels,
 * Cholesky, the EJML-backed decompositions, the allocation-free symmetric eigen-solver, argument
 * checks and memory estimates.
 *
 * <p>May import of lowrank: nothing.
 */
package io.lowrank.linalg;
