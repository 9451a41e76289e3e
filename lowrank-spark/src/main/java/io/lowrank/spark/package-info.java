/**
 * The {@code spark} engine: distributed sweeps (one task per run) and data-parallel rectangular
 * completion (the fused gradient pass over canonical row blocks, combined in block order), both
 * bit-identical to the local engine. Design and cost model: docs/spark.md. Core and experiment
 * never see Spark: they reach this package only through
 * {@link io.lowrank.experiment.engine.EngineProvider}.
 *
 * <p>May import of lowrank: {@code io.lowrank.experiment.engine}, {@code io.lowrank.experiment.formats},
 * {@code io.lowrank.experiment.output}, {@code io.lowrank.experiment.run}, {@code io.lowrank.experiment.spec},
 * {@code io.lowrank.linalg}, {@code io.lowrank.model}, {@code io.lowrank.objective}, {@code io.lowrank.operator},
 * {@code io.lowrank.solver}.
 */
package io.lowrank.spark;
