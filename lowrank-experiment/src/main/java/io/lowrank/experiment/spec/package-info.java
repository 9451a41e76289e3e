/**
 * The run spec: one validated, immutable description of a run (problem, start, method, stop rules,
 * recording, width, seed, threads, precision), its names, the combinations it refuses, and its
 * YAML/JSON files.
 *
 * <p>May import of lowrank: {@code io.lowrank.deep}, {@code io.lowrank.experiment.formats},
 * {@code io.lowrank.model}, {@code io.lowrank.operator}, {@code io.lowrank.solver}.
 */
package io.lowrank.experiment.spec;
