package io.lowrank.bench.ratings;

/** A fitted model of ratings: the predicted rating of user {@code u} for item {@code i}. */
interface RatingModel {
  double predict(int u, int i);
}
