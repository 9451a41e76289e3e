/**
 * Explicit, splittable seeds: one master seed, one derived stream per concern.
 *
 * <p>May import of lowrank: nothing.
 */
package io.lowrank.random;
