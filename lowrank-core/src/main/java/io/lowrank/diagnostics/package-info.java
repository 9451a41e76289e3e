/**
 * What a run records: probes (loss, test error, signal/noise split, spectral probes, imbalance),
 * the column names, the history and its recorder, and the phase detector.
 *
 * <p>May import of lowrank: {@code io.lowrank.linalg}, {@code io.lowrank.model},
 * {@code io.lowrank.solver}.
 */
package io.lowrank.diagnostics;
