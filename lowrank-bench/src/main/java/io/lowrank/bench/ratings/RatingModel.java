package io.lowrank.bench.ratings;

/** A fitted model of ratings: the predicted rating of user {@code u} for item {@code i}. */
interface RatingModel {
  double predict(int u, int i);

  /**
   * The biased matrix-factorisation prediction mu + b_u + c_i + p_u . q_i, with p and q row-major
   * (users x rank, items x rank): shared by the models that fit it (Funk-SVD, ALS with biases).
   */
  static double biased(double mu, double[] userBias, double[] itemBias, double[] p, double[] q, int rank, int u,
      int i) {
    double dot = 0;
    int pu = u * rank;
    int qi = i * rank;
    for (int f = 0; f < rank; f++) {
      dot += p[pu + f] * q[qi + f];
    }
    return mu + userBias[u] + itemBias[i] + dot;
  }
}
