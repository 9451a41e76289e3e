/**
 * Figures as plain data: series, bands, markers and panels, rendered elsewhere.
 *
 * <p>May import of lowrank: nothing.
 */
package io.lowrank.experiment.figure;
