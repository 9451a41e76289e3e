/**
 * The ratings accuracy benchmark of {@code scripts/bench-ratings.sh} (docs/ratings-benchmark.md):
 * a fixed seeded train/test split of a ratings CSV ({@link RatingsSplit}),
 * three classical baselines in plain Java (bias-only, Funk-SVD by SGD, ALS with biases), each tuned
 * by a small grid on an inner validation split of the training set, and the RMSE scorer that ranks
 * them against the predictions of {@code lowrank complete}. Not a timing benchmark: it measures
 * accuracy; the wall times it prints are indicative.
 *
 * <p>May import of lowrank: none (it reads the command's output files, never its classes).
 */
package io.lowrank.bench.ratings;
