package io.lowrank.init;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Mat;
import io.lowrank.model.Problem;
import io.lowrank.random.Seeds;

/**
 * The small random initialisation of docs/math.md §3: U_0 = alpha G / sqrt(r'), G with i.i.d. N(0, 1)
 * entries, so the entries of U_0 are N(0, alpha^2 / r').
 *
 * @param alpha the scale, > 0
 */
public record SmallRandomInit(double alpha) implements Initialiser {
  public SmallRandomInit {
    Check.positive(alpha, "alpha");
  }

  @Override
  public Mat initialise(Problem problem, int width, long seed) {
    return draw(problem.n(), width, alpha, seed);
  }

  /** alpha G / sqrt(width) for an n x width Gaussian G drawn from seed. */
  public static Mat draw(int n, int width, double alpha, long seed) {
    Check.positive(n, "n");
    Check.positive(width, "width");
    Mat u = new Mat(n, width);
    Seeds.gaussian(Seeds.rng(seed), alpha / Math.sqrt(width), u.data(), 0, n * width);
    return u;
  }
}
