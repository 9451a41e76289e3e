/**
 * Small statistics for summaries: medians, quantiles, least-squares lines.
 *
 * <p>May import of lowrank: nothing.
 */
package io.lowrank.experiment.stats;
