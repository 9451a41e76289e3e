/**
 * An explicit number of threads for data-parallel kernels, with no global pool.
 *
 * <p>May import of lowrank: nothing.
 */
package io.lowrank.parallel;
