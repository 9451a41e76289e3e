package io.lowrank.experiment.claims;

import io.lowrank.experiment.figure.Figure;
import io.lowrank.experiment.spec.RunSpec;
import java.util.List;
import java.util.Map;

/**
 * A checked claim: what it says, how it was tested, what was measured and the verdict.
 *
 * @param number claim number in docs/math.md §10
 * @param title short title
 * @param statement the claim in one sentence
 * @param reference where it comes from
 * @param criterion the PASS criterion, in words with its thresholds
 * @param verdict PASS, FAIL or NOT_AVAILABLE
 * @param parameters the run parameters (for the report)
 * @param numbers every measured number, by name (sorted when written)
 * @param headline the key numbers in one line for the terminal table
 * @param figures figures for the report
 * @param runs the runs behind it (their histories are written out)
 */
public record ClaimResult(int number, String title, String statement, String reference, String criterion,
    Verdict verdict, Map<String, Object> parameters, Map<String, Double> numbers, String headline,
    List<Figure> figures, List<RunSpec> runs) {}
