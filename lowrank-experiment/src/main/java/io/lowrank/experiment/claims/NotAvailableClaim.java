package io.lowrank.experiment.claims;

import io.lowrank.experiment.run.RunResult;
import io.lowrank.experiment.spec.RunSpec;
import java.util.List;
import java.util.Map;

/** A claim whose solvers or data handling have not landed yet: never PASS, always explained. */
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

  /** Claim 7: needs ScaledGD(lambda) and PrecGD. */
  public static NotAvailableClaim claim7() {
    return new NotAvailableClaim(7, "The price of overparameterisation and its cure",
        "With r' = r plain GD converges linearly to machine precision; with r' > r its end game turns sublinear, "
            + "while ScaledGD(λ) and PrecGD converge linearly and barely depend on κ.",
        "needs the ScaledGD(λ) and PrecGD solvers (solver-family issue)");
  }

  /** Claim 8: needs validation early stopping. */
  public static NotAvailableClaim claim8() {
    return new NotAvailableClaim(8, "Validation early stopping",
        "On noisy data with r' = n, validation early stopping picks an iterate within 1.5x of the best test error "
            + "along the path and far below the final overfit iterate's.",
        "needs hold-out splitting and validation early stopping (measurement-models issue)");
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
