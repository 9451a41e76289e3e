/**
 * Engines: where runs execute. {@link io.lowrank.experiment.engine.Engine#local()} runs on this
 * process's threads; lowrank-spark adds a cluster engine through
 * {@link io.lowrank.experiment.engine.EngineProvider}. Results never depend on the engine.
 */
package io.lowrank.experiment.engine;
