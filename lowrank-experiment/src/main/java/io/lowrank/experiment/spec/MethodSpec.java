package io.lowrank.experiment.spec;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.lowrank.solver.Method;

/**
 * The method of a run (docs/math.md, "Methods"). The type property {@code name} is the
 * {@link Method#id()} and defaults to {@code gd}.
 *
 * <p><b>Step rules, one meaning everywhere.</b> {@code step} is an absolute step size mu;
 * {@code step_fraction} is c in mu = c / lambda_1(A*(y)), where lambda_1 is the largest eigenvalue
 * of A*(y) for symmetric models and of its symmetric dilation, i.e. ||A*(y)||, for asymmetric ones
 * (both estimate ||M*|| from data alone). Give at most one. Defaults: GD c = 0.25; ScaledGD,
 * ScaledGD(lambda) and PrecGD mu = 0.5; deep c = 0.5 / depth.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "name")
public sealed interface MethodSpec {

  /** The method. */
  Method method();

  /** This method with its defaults filled in. */
  MethodSpec resolved();

  /** The absolute step, or null. */
  Double step();

  /** The step fraction c, or null. */
  Double stepFraction();

  private static void checkStep(Double step, Double stepFraction) {
    if (step != null) {
      Valid.positive(step, "step", "0.01 (an absolute step size mu)");
    }
    if (stepFraction != null) {
      Valid.positive(stepFraction, "step_fraction", "0.25 (c in mu = c / lambda_1(A*(y)))");
    }
    Valid.require(step == null || stepFraction == null, "step", "step and step_fraction were both given; accepted: "
        + "one of them (step is absolute, step_fraction is c in c / lambda_1(A*(y)))");
  }

  /** Plain gradient descent (default c = 0.25). */
  record Gd(Double step, Double stepFraction) implements MethodSpec {
    public static final double DEFAULT_FRACTION = 0.25;

    public Gd {
      checkStep(step, stepFraction);
    }

    @Override
    public Method method() {
      return Method.GD;
    }

    @Override
    public Gd resolved() {
      return step != null ? this : new Gd(null, Valid.or(stepFraction, DEFAULT_FRACTION));
    }
  }

  /** ScaledGD, exact rank r' = r (default mu = 0.5). */
  record ScaledGd(Double step, Double stepFraction) implements MethodSpec {
    public ScaledGd {
      checkStep(step, stepFraction);
    }

    @Override
    public Method method() {
      return Method.SCALED_GD;
    }

    @Override
    public ScaledGd resolved() {
      return stepFraction != null ? this : new ScaledGd(Valid.or(step, DEFAULT_SCALED_STEP), null);
    }
  }

  /** The default absolute step of the ScaledGD family. */
  double DEFAULT_SCALED_STEP = 0.5;

  /**
   * ScaledGD(lambda) (default mu = 0.5): damping {@code lambda} given absolutely, or as
   * {@code lambda_fraction} x lambda_r(A*(y)) (default 0.1; r the planted rank, or the largest
   * eigen-gap of A*(y) on data).
   */
  record ScaledGdLambda(Double step, Double stepFraction, Double lambda, Double lambdaFraction) implements MethodSpec {
    public static final double DEFAULT_LAMBDA_FRACTION = 0.1;

    public ScaledGdLambda {
      checkStep(step, stepFraction);
      if (lambda != null) {
        Valid.positive(lambda, "lambda", "0.01 (an absolute damping)");
      }
      if (lambdaFraction != null) {
        Valid.positive(lambdaFraction, "lambda_fraction", "0.1 (lambda = 0.1 lambda_r(A*(y)))");
      }
      Valid.require(lambda == null || lambdaFraction == null, "lambda", "lambda and lambda_fraction were both given; "
          + "accepted: one of them");
    }

    @Override
    public Method method() {
      return Method.SCALED_GD_LAMBDA;
    }

    @Override
    public ScaledGdLambda resolved() {
      Double s = stepFraction != null ? null : Valid.or(step, DEFAULT_SCALED_STEP);
      Double lf = lambda != null ? null : Valid.or(lambdaFraction, DEFAULT_LAMBDA_FRACTION);
      return new ScaledGdLambda(s, stepFraction, lambda, lf);
    }
  }

  /** PrecGD (default mu = 0.5), damping lambda_t = sqrt(f(U_t)). */
  record PrecGd(Double step, Double stepFraction) implements MethodSpec {
    public PrecGd {
      checkStep(step, stepFraction);
    }

    @Override
    public Method method() {
      return Method.PREC_GD;
    }

    @Override
    public PrecGd resolved() {
      return stepFraction != null ? this : new PrecGd(Valid.or(step, DEFAULT_SCALED_STEP), null);
    }
  }

  /**
   * Alternating least squares with a ridge rho = ridge x ||A*(y)|| (default 1e-12), asymmetric
   * models only. {@code step} is the relaxation omega (default 1, plain ALS).
   */
  record Als(Double step, Double ridge) implements MethodSpec {
    public static final double DEFAULT_RIDGE = 1e-12;

    public Als {
      if (step != null) {
        Valid.range(step, 1e-6, 2.0, "step", "a relaxation 0 < omega <= 2 (1 is plain ALS)");
      }
      if (ridge != null) {
        Valid.nonNegative(ridge, "ridge", "1e-12 (rho = ridge x ||A*(y)||)");
      }
    }

    @Override
    public Method method() {
      return Method.ALS;
    }

    @Override
    public Double stepFraction() {
      return null;
    }

    @Override
    public Als resolved() {
      return new Als(Valid.or(step, 1.0), Valid.or(ridge, DEFAULT_RIDGE));
    }
  }

  /**
   * The nuclear-norm baseline: FISTA on 1/2 ||A(Z) - y||^2 + lambda ||Z||_* (PSD cone for
   * symmetric models) along lambda_k = lambda_max q^k, k = 1..stages, warm-started, each stage
   * with its share of the iteration budget. The path ends at {@code final_lambda} when given,
   * else at noise x sqrt(n1 + n2) on noisy data and at final_fraction x lambda_max (default 1e-8)
   * on noise-free data.
   */
  record Nuclear(Integer stages, Double finalFraction, Double finalLambda, Double stageTolerance)
      implements MethodSpec {
    public static final int DEFAULT_STAGES = 8;
    public static final double DEFAULT_FINAL_FRACTION = 1e-8;
    public static final double DEFAULT_STAGE_TOLERANCE = 1e-12;

    public Nuclear {
      if (stages != null) {
        Valid.intRange(stages, 1, 10_000, "stages", "1 <= stages <= 10000");
      }
      if (finalFraction != null) {
        Valid.range(finalFraction, Double.MIN_NORMAL, 1.0, "final_fraction", "0 < final_fraction <= 1, e.g. 1e-8");
      }
      if (finalLambda != null) {
        Valid.nonNegative(finalLambda, "final_lambda", "0.01");
      }
      if (stageTolerance != null) {
        Valid.range(stageTolerance, 0.0, 1.0, "stage_tolerance", "0 <= stage_tolerance <= 1, e.g. 1e-12");
      }
    }

    @Override
    public Method method() {
      return Method.NUCLEAR;
    }

    @Override
    public Double step() {
      return null;
    }

    @Override
    public Double stepFraction() {
      return null;
    }

    @Override
    public Nuclear resolved() {
      return new Nuclear(Valid.or(stages, DEFAULT_STAGES), Valid.or(finalFraction, DEFAULT_FINAL_FRACTION), finalLambda,
          Valid.or(stageTolerance, DEFAULT_STAGE_TOLERANCE));
    }
  }

  /**
   * Deep factorisation U = W_L ... W_1 of depth L (default 3; symmetric models), default step
   * c = 0.5 / L. {@code alpha}, when given, is the scale of the small random start of this method
   * (a deep factorisation escapes a tiny start very slowly; 0.1 is typical) and overrides
   * {@code init.alpha}.
   */
  record Deep(Integer depth, Double step, Double stepFraction, Double alpha) implements MethodSpec {
    public static final int DEFAULT_DEPTH = 3;

    public Deep {
      if (depth != null) {
        Valid.intRange(depth, 1, 64, "depth", "1 <= depth <= 64");
      }
      checkStep(step, stepFraction);
      if (alpha != null) {
        Valid.positive(alpha, "alpha", "0.1 (the scale of the deep factorisation's small start)");
      }
    }

    @Override
    public Method method() {
      return Method.DEEP;
    }

    @Override
    public Deep resolved() {
      int l = Valid.or(depth, DEFAULT_DEPTH);
      return step != null ? new Deep(l, step, null, alpha)
          : new Deep(l, null, Valid.or(stepFraction, io.lowrank.deep.DeepFactorisation.DEFAULT_C / l), alpha);
    }
  }
}
