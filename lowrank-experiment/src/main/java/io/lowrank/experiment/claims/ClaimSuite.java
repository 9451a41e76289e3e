package io.lowrank.experiment.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The claims of docs/math.md §10 in order, configured for a budget and a setting. */
public final class ClaimSuite {
  private ClaimSuite() {}

  /** The number of the last claim. */
  public static final int LAST = 12;

  /** Claims 1–12 at the paper's setting (GOE, n = 40, r = 2, κ = 2). */
  public static List<Claim> standard(Budget budget) {
    return at(budget, Setting.standard());
  }

  /**
   * The claims at {@code setting}: a claim that cannot run there is a {@link NotAvailableClaim}
   * that says why (a model the claims are not stated for; noise, for the noiseless claims 1–7 and 9–12).
   */
  public static List<Claim> at(Budget budget, Setting setting) {
    Optional<String> unsupported = setting.unsupported();
    List<Claim> claims = new ArrayList<>();
    if (unsupported.isPresent()) {
      for (int k = 1; k <= LAST; k++) {
        claims.add(NotAvailableClaim.of(k, unsupported.get()));
      }
      return claims;
    }
    Optional<String> noisy = setting.noisy();
    ErrorVsAlphaClaim.Config sweep = ErrorVsAlphaClaim.Config.of(budget, setting);
    claims.add(noisy.isPresent() ? NotAvailableClaim.of(1, noisy.get()) : new ErrorVsAlphaClaim(sweep));
    claims.add(noisy.isPresent() ? NotAvailableClaim.of(2, noisy.get())
        : new IterationsVsAlphaClaim(IterationsVsAlphaClaim.Config.of(budget, setting)));
    Optional<String> spectral = noisy.isPresent() ? noisy : SpectralPhaseClaim.unavailable(setting);
    claims.add(spectral.isPresent() ? NotAvailableClaim.of(3, spectral.get())
        : new SpectralPhaseClaim(SpectralPhaseClaim.Config.of(budget, setting)));
    claims.add(noisy.isPresent() ? NotAvailableClaim.of(4, noisy.get())
        : new ThreePhasesClaim(ThreePhasesClaim.Config.of(budget, setting)));
    claims.add(noisy.isPresent() ? NotAvailableClaim.of(5, noisy.get())
        : new WidthRobustnessClaim(WidthRobustnessClaim.Config.of(budget, setting)));
    claims.add(noisy.isPresent() ? NotAvailableClaim.of(6, noisy.get()) : new TraceBiasClaim(sweep, 1e-3));
    claims.add(noisy.isPresent() ? NotAvailableClaim.of(7, noisy.get())
        : new OverparameterisationPriceClaim(OverparameterisationPriceClaim.Config.of(budget, setting)));
    claims.add(new ValidationEarlyStoppingClaim(ValidationEarlyStoppingClaim.Config.of(budget, setting)));
    claims.add(noisy.isPresent() ? NotAvailableClaim.of(9, noisy.get())
        : new IncrementalLearningClaim(IncrementalLearningClaim.Config.of(budget, setting)));
    claims.add(noisy.isPresent() ? NotAvailableClaim.of(10, noisy.get())
        : new ImplicitBalancingClaim(ImplicitBalancingClaim.Config.of(budget, setting)));
    claims.add(noisy.isPresent() ? NotAvailableClaim.of(11, noisy.get())
        : new ReluSamplingClaim(ReluSamplingClaim.Config.of(budget, setting)));
    claims.add(noisy.isPresent() ? NotAvailableClaim.of(12, noisy.get())
        : new FlatnessClaim(FlatnessClaim.Config.of(budget, setting)));
    return claims;
  }
}
