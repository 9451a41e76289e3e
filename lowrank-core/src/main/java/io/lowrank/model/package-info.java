/**
 * Problems: planted ground truths (PSD and rectangular), the problem (operator, data, truth) with
 * its data spectrum, and operator norms.
 *
 * <p>May import of lowrank: {@code io.lowrank.linalg}, {@code io.lowrank.operator},
 * {@code io.lowrank.parallel}, {@code io.lowrank.random}.
 */
package io.lowrank.model;
