package io.lowrank.init;

import io.lowrank.linalg.Check;
import io.lowrank.linalg.Mat;
import io.lowrank.model.Problem;

/** A given starting factor (copied on use; the seed is ignored). */
public record GivenInit(Mat u0) implements Initialiser {
  public GivenInit {
    Check.finite(u0.data(), "U0");
  }

  @Override
  public Mat initialise(Problem problem, int width, long seed) {
    Check.shape(u0.rows() == problem.n() && u0.cols() == width,
        "given U0 is %d x %d but the run needs %d x %d", u0.rows(), u0.cols(), problem.n(), width);
    return u0.copy();
  }
}
