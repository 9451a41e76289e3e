package io.lowrank.experiment.claims;

import java.util.List;

/** The claims of docs/math.md §10 in order, configured for a budget. */
public final class ClaimSuite {
  private ClaimSuite() {}

  /** Claims 1–8 of docs/math.md §10 ({@link NotAvailableClaim} stands in for a claim whose machinery has not landed). */
  public static List<Claim> standard(Budget budget) {
    ErrorVsAlphaClaim.Config sweep = ErrorVsAlphaClaim.Config.of(budget);
    return List.of(
        new ErrorVsAlphaClaim(sweep),
        new IterationsVsAlphaClaim(IterationsVsAlphaClaim.Config.of(budget)),
        new SpectralPhaseClaim(SpectralPhaseClaim.Config.of(budget)),
        new ThreePhasesClaim(ThreePhasesClaim.Config.of(budget)),
        new WidthRobustnessClaim(WidthRobustnessClaim.Config.of(budget)),
        new TraceBiasClaim(sweep, 1e-3),
        new OverparameterisationPriceClaim(OverparameterisationPriceClaim.Config.of(budget)),
        new ValidationEarlyStoppingClaim(ValidationEarlyStoppingClaim.Config.of(budget)));
  }
}
