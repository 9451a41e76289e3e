package io.lowrank.experiment.claims;

import io.lowrank.experiment.run.RunResult;
import io.lowrank.experiment.spec.RunSpec;
import java.util.List;
import java.util.Map;

/** A claim that cannot be checked here (its model or machinery is missing): never PASS, always explained. */
public final class NotAvailableClaim implements Claim {
  private final int number;
  private final String title;
  private final String statement;
  private final String missing;

  public NotAvailableClaim(int number, String title, String statement, String missing) {
    this.number = number;
    this.title = title;
    this.statement = statement;
    this.missing = missing;
  }

  /** The titles and statements of the claims of docs/math.md §10, by number (1-based). */
  private static final String[][] CLAIMS = {
      {"Error shrinks polynomially with α", "The final test error falls as a power of α; α = 1 interpolates "
          + "without generalising."},
      {"Iterations grow like log(1/α)", "The iterations to reach test error 1e-2 grow like a + b log(1/α)."},
      {"Phase I is spectral; overparameterisation sharpens it", "Until T1 GD tracks the power iterate and ends "
          + "aligned with the top-r eigenspace of A*(y)."},
      {"Three phases are visible and detected", "T1 < T2 < end: spectral phase, signal growth, local convergence "
          + "to an α-dependent floor."},
      {"Overparameterisation makes the start robust", "Iterations to 1e-2 do not grow with r' from r to n."},
      {"Implicit bias to minimum trace", "The trace excess falls towards 0 as α falls."},
      {"The price of overparameterisation and its cure", "GD with r' > r turns sublinear; ScaledGD(λ) and PrecGD "
          + "converge linearly and barely depend on κ."},
      {"Validation early stopping", "On noisy data validation early stopping picks an iterate near the best."},
      {"Saddle-to-saddle: components are learned one at a time", "With κ ≥ 100 the eigenvalues of M* are learned "
          + "one by one, with plateaus between them."},
      {"Implicit balancing in asymmetric sensing", "Plain GD on (L, R) from a small start keeps ‖LᵀL − RᵀR‖ small "
          + "and its error falls as a power of α, balanced or unbalanced."},
      {"ReLU sampling: completion from positive entries", "From the entries M*_ij > 0 alone, GD from a tailored "
          + "start recovers a random PSD low-rank M*."},
      {"Flatness: min Hessian trace ≈ min nuclear norm", "Among interpolating deep "
          + "factorisations the Hessian trace orders solutions as ‖M‖_* does."}};

  /** Claim {@code number} (1–12) not available here, for {@code reason}. */
  public static NotAvailableClaim of(int number, String reason) {
    String[] c = CLAIMS[number - 1];
    return new NotAvailableClaim(number, c[0], c[1], reason);
  }

  @Override
  public int number() {
    return number;
  }

  @Override
  public List<RunSpec> runs() {
    return List.of();
  }

  @Override
  public ClaimResult evaluate(Map<RunSpec, RunResult> results) {
    return new ClaimResult(number, title, statement, "docs/math.md §10 claim " + number, "not available: " + missing,
        Verdict.NOT_AVAILABLE, Map.of(), Map.of(), "not available: " + missing, List.of(), List.of());
  }
}
