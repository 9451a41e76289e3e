package io.lowrank.experiment.completion;

/**
 * One recommended column for a row.
 *
 * @param colId the column (item) id
 * @param score the predicted value mu + b_i + c_j + L_i . R_j
 */
public record Recommendation(String colId, double score) {}
