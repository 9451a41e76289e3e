package io.lowrank.diagnostics;

import io.lowrank.linalg.Check;

/**
 * Thresholds of the phase detector (docs/math.md §7), with the documented defaults of
 * {@link #defaults()}.
 *
 * @param powerDeviation Phase I ends at the first t with ||U_t - U~_t||_F / ||U~_t||_F above this (0.05)
 * @param signalFraction Phase II ends at the first t with sigma^2 >= this x the target eigenvalue (0.5)
 * @param floorWindow the error floor is the median error over this final fraction of the trace (0.1)
 * @param fitAboveFloor the Phase III rate is fitted on errors at least this multiple of the floor (10)
 * @param floorFlatness a floor is reported only once the error has flattened: over the final window
 *     it falls by at most this factor (1.25); else the floor is "not reached" (NaN)
 */
public record PhaseThresholds(double powerDeviation, double signalFraction, double floorWindow, double fitAboveFloor,
    double floorFlatness) {
  public PhaseThresholds {
    Check.inRange(powerDeviation, 1e-12, 1.0, "power deviation threshold");
    Check.inRange(signalFraction, 1e-12, 1.0, "signal fraction threshold");
    Check.inRange(floorWindow, 1e-6, 1.0, "floor window fraction");
    Check.inRange(fitAboveFloor, 1.0, 1e12, "fit-above-floor factor");
    Check.inRange(floorFlatness, 1.0, 1e12, "floor flatness factor");
  }

  /** The first four thresholds with the default flatness 1.25. */
  public PhaseThresholds(double powerDeviation, double signalFraction, double floorWindow, double fitAboveFloor) {
    this(powerDeviation, signalFraction, floorWindow, fitAboveFloor, 1.25);
  }

  /** 0.05, 0.5, 0.1, 10, 1.25 (docs/math.md §7). */
  public static PhaseThresholds defaults() {
    return new PhaseThresholds(0.05, 0.5, 0.1, 10.0, 1.25);
  }
}
