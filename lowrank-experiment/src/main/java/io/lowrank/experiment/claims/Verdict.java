package io.lowrank.experiment.claims;

/** The outcome of a claim check. */
public enum Verdict {
  PASS, FAIL, NOT_AVAILABLE
}
