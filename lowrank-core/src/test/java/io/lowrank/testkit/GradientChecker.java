package io.lowrank.testkit;

import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Checks an analytic gradient against the function: central finite differences along a random
 * direction, and the slope of the first-order Taylor remainder (2 for a correct gradient).
 */
public final class GradientChecker {
  private GradientChecker() {}

  /**
   * Relative error between the directional derivative &lt;grad f(U), D&gt; and the central difference
   * (f(U + hD) - f(U - hD)) / 2h.
   */
  public static double directionalError(Function<Mat, Double> f, BiFunction<Mat, Mat, Double> valueAndGrad,
      Mat u, Mat direction, double h) {
    Mat grad = new Mat(u.rows(), u.cols());
    valueAndGrad.apply(u, grad);
    double analytic = Dense.dot(grad.data(), direction.data());
    double numeric = (f.apply(shift(u, direction, h)) - f.apply(shift(u, direction, -h))) / (2 * h);
    return Math.abs(analytic - numeric) / Math.max(Math.abs(analytic), 1e-300);
  }

  /**
   * The least-squares slope of log |f(U + hD) - f(U) - h &lt;grad, D&gt;| against log h over
   * h = h0, h0/2, ..., h0/2^(steps-1).
   */
  public static double taylorSlope(Function<Mat, Double> f, BiFunction<Mat, Mat, Double> valueAndGrad,
      Mat u, Mat direction, double h0, int steps) {
    Mat grad = new Mat(u.rows(), u.cols());
    double f0 = valueAndGrad.apply(u, grad);
    double slope0 = Dense.dot(grad.data(), direction.data());
    double[] x = new double[steps];
    double[] y = new double[steps];
    double h = h0;
    for (int i = 0; i < steps; i++) {
      double remainder = Math.abs(f.apply(shift(u, direction, h)) - f0 - h * slope0);
      x[i] = Math.log(h);
      y[i] = Math.log(remainder);
      h /= 2;
    }
    return slope(x, y);
  }

  private static Mat shift(Mat u, Mat d, double h) {
    Mat out = u.copy();
    Dense.axpy(h, d.data(), out.data());
    return out;
  }

  static double slope(double[] x, double[] y) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < x.length; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= x.length;
    my /= y.length;
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
    }
    return sxy / sxx;
  }
}
