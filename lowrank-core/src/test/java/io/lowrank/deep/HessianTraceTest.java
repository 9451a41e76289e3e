package io.lowrank.deep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowrank.linalg.Dense;
import io.lowrank.linalg.Mat;
import io.lowrank.model.Problem;
import io.lowrank.objective.SymmetricObjective;
import io.lowrank.testkit.PlantedModels;
import io.lowrank.testkit.PlantedProblems;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exact Hessian trace against finite differences: the diagonal of the Hessian by central
 * differences of an independently computed gradient (chain rule through SymmetricObjective), and
 * by second differences of the loss.
 */
class HessianTraceTest {
  /** Relative agreement of the analytic trace with central differences (step 1e-5, truncation O(h²)). */
  private static final double FD_TOLERANCE = 1e-6;

  private static List<Mat> randomLayers(int n, int w, int depth, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<Mat> layers = new ArrayList<>();
    for (int j = 0; j < depth; j++) {
      Mat m = new Mat(j == depth - 1 ? n : w, w);
      for (int i = 0; i < m.data().length; i++) {
        m.data()[i] = 0.6 * rng.nextGaussian() / Math.sqrt(w);
      }
      layers.add(m);
    }
    return layers;
  }

  private static Mat product(List<Mat> layers, int from, int to) {
    Mat p = null;
    for (int j = from; j < to; j++) {
      if (p == null) {
        p = layers.get(j).copy();
      } else {
        Mat next = new Mat(layers.get(j).rows(), p.cols());
        Dense.multiply(layers.get(j), p, next);
        p = next;
      }
    }
    return p;
  }

  /** grad_{W_j} f = S_j^T (A*(ρ) U) P_j^T, with A*(ρ) U from SymmetricObjective. */
  private static double[] gradient(Problem p, List<Mat> layers) {
    int depth = layers.size();
    Mat u = product(layers, 0, depth);
    Mat g = new Mat(u.rows(), u.cols());
    new SymmetricObjective(p, u.cols()).valueAndGradient(u, g);
    List<Double> out = new ArrayList<>();
    for (int j = 0; j < depth; j++) {
      Mat left = j + 1 < depth ? product(layers, j + 1, depth) : null;
      Mat right = j > 0 ? product(layers, 0, j) : null;
      Mat a = g;
      if (left != null) {
        Mat t = new Mat(left.cols(), a.cols());
        Dense.multiplyTransA(left, a, t);
        a = t;
      }
      if (right != null) {
        Mat t = new Mat(a.rows(), right.rows());
        Dense.multiplyTransB(a, right, t);
        a = t;
      }
      for (double v : a.data()) {
        out.add(v);
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double loss(Problem p, List<Mat> layers) {
    Mat u = product(layers, 0, layers.size());
    return new SymmetricObjective(p, u.cols()).value(u);
  }

  /** Σ_k (∂_k grad f)(θ) by central differences of {@link #gradient}, step h. */
  private static double traceFromGradient(Problem p, List<Mat> layers, double h) {
    double sum = 0;
    int k = 0;
    for (Mat layer : layers) {
      for (int i = 0; i < layer.data().length; i++, k++) {
        double keep = layer.data()[i];
        layer.data()[i] = keep + h;
        double gPlus = gradient(p, layers)[k];
        layer.data()[i] = keep - h;
        double gMinus = gradient(p, layers)[k];
        layer.data()[i] = keep;
        sum += (gPlus - gMinus) / (2 * h);
      }
    }
    return sum;
  }

  /** Σ_k (f(θ + h e_k) - 2 f(θ) + f(θ - h e_k)) / h². */
  private static double traceFromLoss(Problem p, List<Mat> layers, double h) {
    double f0 = loss(p, layers);
    double sum = 0;
    for (Mat layer : layers) {
      for (int i = 0; i < layer.data().length; i++) {
        double keep = layer.data()[i];
        layer.data()[i] = keep + h;
        double fPlus = loss(p, layers);
        layer.data()[i] = keep - h;
        double fMinus = loss(p, layers);
        layer.data()[i] = keep;
        sum += (fPlus - 2 * f0 + fMinus) / (h * h);
      }
    }
    return sum;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void traceMatchesFiniteDifferencesOfTheGradientAndOfTheLoss(int depth) {
    Problem p = PlantedProblems.sensing(5, 2, 2.0, 12, 0.0, 3);
    List<Mat> layers = randomLayers(5, 3, depth, 11 + depth);
    double fromGradient = traceFromGradient(p, layers, 1e-5);
    double fromLoss = traceFromLoss(p, layers, 1e-5);
    long k = layers.stream().mapToLong(m -> m.data().length).sum();
    HessianTrace.Result r = HessianTrace.of(p, layers);
    assertThat(r.parameters()).isEqualTo(k);
    assertThat(Math.abs(r.residualPart())).as("a non-interpolating point has a residual part").isGreaterThan(1e-3);
    assertThat(r.total()).isCloseTo(fromGradient, org.assertj.core.data.Offset.offset(FD_TOLERANCE * Math.abs(fromGradient)
        + 1e-8));
    assertThat(r.total()).isCloseTo(fromLoss, org.assertj.core.data.Offset.offset(1e-4 * Math.abs(fromLoss)));
  }

  @Test
  void atTheTruthOnlyTheGaussNewtonPartRemainsAndTheTraceIsInvariantUnderRotations() {
    Problem p = PlantedProblems.sensing(6, 2, 2.0, 30, 0.0, 5);
    Mat x = p.truth().orElseThrow().factor();
    HessianTrace.Result r = HessianTrace.of(p, List.of(x));
    assertThat(Math.abs(r.residualPart())).isLessThan(1e-12);
    assertThat(r.total()).isEqualTo(r.gaussNewton());
    // U Q for an orthogonal Q is the same M: the trace of the plain factorisation depends on U only through M
    double c = Math.cos(0.7);
    double s = Math.sin(0.7);
    Mat q = new Mat(2, 2);
    q.set(0, 0, c);
    q.set(0, 1, -s);
    q.set(1, 0, s);
    q.set(1, 1, c);
    Mat xq = new Mat(6, 2);
    Dense.multiply(x, q, xq);
    assertThat(HessianTrace.of(p, List.of(xq)).total()).isCloseTo(r.total(),
        org.assertj.core.data.Offset.offset(1e-10 * r.total()));
  }

  @Test
  void completionOperatorsWorkToo() {
    Problem p = PlantedModels.symmetricCompletion(6, 2, 2.0, 0.6, 4);
    List<Mat> layers = randomLayers(6, 3, 2, 9);
    double fromGradient = traceFromGradient(p, layers, 1e-5);
    assertThat(HessianTrace.of(p, layers).total()).isCloseTo(fromGradient,
        org.assertj.core.data.Offset.offset(FD_TOLERANCE * Math.abs(fromGradient) + 1e-8));
  }

  @Test
  void theUnfactorisedTraceIsTheSecondDifferenceOfTheLeastSquaresLoss() {
    Problem p = PlantedProblems.sensing(4, 1, 1.0, 7, 0.0, 2);
    var op = p.operator();
    int n = 4;
    double sum = 0;
    double[] out = new double[op.size()];
    // g(M) = 1/4 ||A(M) - y||² is quadratic: its second difference along E_k is exact, 1/2 ||A(E_k)||²
    for (int a = 0; a < n; a++) {
      for (int b = a; b < n; b++) {
        Mat e = new Mat(n, n);
        e.set(a, b, 1);
        e.set(b, a, 1);
        Mat zero = new Mat(n, n);
        sum += 2 * (g(op, p.y(), e, out) - g(op, p.y(), zero, out) - linear(op, p.y(), e, out));
      }
    }
    assertThat(HessianTrace.unfactorised(op)).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-10 * sum));
  }

  private static double g(io.lowrank.operator.MeasurementOperator op, double[] y, Mat m, double[] out) {
    op.forwardDense(m, out);
    double s = 0;
    for (int i = 0; i < out.length; i++) {
      s += (out[i] - y[i]) * (out[i] - y[i]);
    }
    return 0.25 * s;
  }

  /** The linear part of g(E) - g(0): -1/2 <A(E), y>. */
  private static double linear(io.lowrank.operator.MeasurementOperator op, double[] y, Mat e, double[] out) {
    op.forwardDense(e, out);
    return -0.5 * Dense.dot(out, y);
  }

  @Test
  void refusesLayersThatDoNotChain() {
    Problem p = PlantedProblems.sensing(5, 2, 2.0, 12, 0.0, 3);
    assertThatThrownBy(() -> HessianTrace.of(p, List.of(new Mat(3, 3), new Mat(4, 3))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n = 5");
  }
}
