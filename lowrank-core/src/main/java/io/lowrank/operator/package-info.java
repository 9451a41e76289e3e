/**
 * Measurement operators: GOE, asymmetric and rank-one sensing, completion (entry sampling, its
 * fused parallel pass, uniform and ReLU sampling patterns), their storage precisions and row
 * kernels (plain Java and jdk.incubator.vector).
 *
 * <p>May import of lowrank: {@code io.lowrank.linalg}, {@code io.lowrank.parallel},
 * {@code io.lowrank.random}.
 */
package io.lowrank.operator;
