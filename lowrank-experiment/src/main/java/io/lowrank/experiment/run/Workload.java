package io.lowrank.experiment.run;

import io.lowrank.experiment.formats.TripletFiles;
import io.lowrank.model.AsymmetricGroundTruth;
import io.lowrank.model.GroundTruth;
import io.lowrank.model.Problem;
import io.lowrank.operator.MeasurementOperator;
import java.util.Map;
import java.util.Optional;

/**
 * A run's problem made ready: the training problem, the held-out validation data when the run
 * stops early, and for ratings the parsed data and its centring baseline. Built once per distinct
 * problem by {@link Workloads} and shared (read-only) by every run on it.
 *
 * @param problem the problem the method sees (without the held-out part)
 * @param validationOperator the held-out measurements (sensing: normalised by their own count;
 *     completion and ratings: p = 1, so errors are in the units of the data), or null
 * @param validationY the held-out data, or null
 * @param data the parsed ratings (ids, entries), or null for other models
 * @param baseline the centring baseline of ratings (fitted on the training entries), or null
 * @param sources the files read and their SHA-256, by path (instances and ratings), else empty
 * @param noise the noise level of a synthetic problem (0 when unknown)
 */
public record Workload(Problem problem, MeasurementOperator validationOperator, double[] validationY,
    TripletFiles.Data data, Baseline baseline, Map<String, String> sources, double noise) {

  public Workload {
    sources = Map.copyOf(sources);
  }

  /** The planted PSD truth of a symmetric problem, if known. */
  public Optional<GroundTruth> truth() {
    return problem.truth();
  }

  /** The planted truth of an asymmetric problem, if known. */
  public Optional<AsymmetricGroundTruth> asymmetricTruth() {
    return problem.asymmetricTruth();
  }

  /** True when any ground truth is known. */
  public boolean hasTruth() {
    return truth().isPresent() || asymmetricTruth().isPresent();
  }

  /** The planted rank, if known. */
  public Optional<Integer> rank() {
    return truth().map(GroundTruth::rank).or(() -> asymmetricTruth().map(AsymmetricGroundTruth::rank));
  }

  /** n1. */
  public int rows() {
    return problem.operator().rows();
  }

  /** n2. */
  public int cols() {
    return problem.operator().cols();
  }

  /** True when there is held-out data. */
  public boolean hasValidation() {
    return validationOperator != null;
  }
}
