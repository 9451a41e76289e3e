/**
 * Engines: where runs execute. {@link io.lowrank.experiment.engine.Engine#local()} runs on this
 * process's threads; lowrank-spark adds a cluster engine through
 * {@link io.lowrank.experiment.engine.EngineProvider}. Results never depend on the engine.
 *
 * <p>May import of lowrank: {@code io.lowrank.experiment.formats}, {@code io.lowrank.experiment.output},
 * {@code io.lowrank.experiment.run}, {@code io.lowrank.experiment.spec}, {@code io.lowrank.solver}.
 */
package io.lowrank.experiment.engine;
