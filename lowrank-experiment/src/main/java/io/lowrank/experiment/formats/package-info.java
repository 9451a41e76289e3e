/**
 * File formats read and written: NumPy .npy, GOE instances, CSV/TSV and MatrixMarket triples,
 * prediction pairs, images, the one-line bad-input error, and atomic file writes.
 *
 * <p>May import of lowrank: {@code io.lowrank.linalg}, {@code io.lowrank.model},
 * {@code io.lowrank.operator}.
 */
package io.lowrank.experiment.formats;
