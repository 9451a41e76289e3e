package io.lowrank.init;

import io.lowrank.linalg.Check;
import io.lowrank.random.Seeds;

/**
 * The small random start of the asymmetric model (docs/math.md §3): L_0 = alpha G_L / sqrt(r'),
 * R_0 = beta G_R / sqrt(r') with G_L, G_R independent N(0, 1) matrices. Balanced by default
 * (beta = alpha); Xiong et al. use the imbalanced beta = alpha / 3 ({@link #imbalanced}).
 *
 * @param alpha scale of L_0, > 0
 * @param beta scale of R_0, > 0
 */
public record SmallRandomPairInit(double alpha, double beta) {
  public SmallRandomPairInit {
    Check.positive(alpha, "alpha");
    Check.positive(beta, "beta");
  }

  /** beta = alpha. */
  public static SmallRandomPairInit balanced(double alpha) {
    return new SmallRandomPairInit(alpha, alpha);
  }

  /** beta = alpha / 3. */
  public static SmallRandomPairInit imbalanced(double alpha) {
    return new SmallRandomPairInit(alpha, alpha / 3);
  }

  /** (L_0, R_0) for an n1 x n2 model of width r'; G_L and G_R come from two streams of {@code seed}. */
  public FactorPair initialise(int n1, int n2, int width, long seed) {
    return new FactorPair(SmallRandomInit.draw(n1, width, alpha, Seeds.mix(seed, 0)),
        SmallRandomInit.draw(n2, width, beta, Seeds.mix(seed, 1)));
  }
}
