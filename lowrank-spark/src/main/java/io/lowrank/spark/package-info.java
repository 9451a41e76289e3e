/**
 * The {@code spark} engine: distributed sweeps (one task per run) and data-parallel rectangular
 * completion (the fused gradient pass over canonical row blocks, combined in block order), both
 * bit-identical to the local engine. Design and cost model: docs/spark.md. Core and experiment
 * never see Spark: they reach this package only through
 * {@link io.lowrank.experiment.engine.EngineProvider}.
 */
package io.lowrank.spark;
