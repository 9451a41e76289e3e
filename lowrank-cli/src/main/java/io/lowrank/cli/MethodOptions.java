package io.lowrank.cli;

import io.lowrank.experiment.spec.InitSpec;
import io.lowrank.experiment.spec.SpecFiles;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options of the method and the start (docs/math.md, "Methods", "Initialisation"). */
final class MethodOptions {
  @Option(names = "--method", paramLabel = "METHOD", order = 20,
      description = "gd, scaledgd, scaledgd-lambda, precgd, als, nuclear or deep. Default: gd.")
  String method;

  @Option(names = "--step", paramLabel = "MU", order = 21,
      description = "absolute step size mu. Default: the method's (GD: 0.25 / lambda_1(A*(y)); ScaledGD family: 0.5).")
  Double step;

  @Option(names = "--step-fraction", paramLabel = "C", order = 22,
      description = "step mu = C / lambda_1(A*(y)) (for asymmetric models ||A*(y)||). Default: 0.25 for gd.")
  Double stepFraction;

  @Option(names = "--lambda", paramLabel = "L", order = 23,
      description = "damping of scaledgd-lambda. Default: 0.1 lambda_r(A*(y)).")
  Double lambda;

  @Option(names = "--depth", paramLabel = "L", order = 24, description = "depth of deep factorisation. Default: 3.")
  Integer depth;

  @Option(names = "--ridge", paramLabel = "C", order = 25, description = "ridge rho = C ||A*(y)|| of als. Default: 1e-12.")
  Double ridge;

  @Option(names = "--init", paramLabel = "START", order = 26,
      description = "small-random, spectral, relu-spectral (ReLU-sampled completion), or U0.npy (asymmetric: L0.npy,R0.npy). Default: small-random.")
  String init;

  @Option(names = "--alpha", paramLabel = "A", order = 27,
      description = "scale of the small random start U_0 = A G / sqrt(r'). Default: 1e-6 (1e-3 for ratings).")
  Double alpha;

  @Option(names = "--beta", paramLabel = "B", order = 28,
      description = "scale of R_0 in asymmetric models. Default: alpha.")
  Double beta;

  /** Sets the method keys of every option given. */
  void applyTo(SpecFiles.Source source) {
    source.option("method.name", method, "--method");
    source.option("method.step", step, "--step");
    source.option("method.step_fraction", stepFraction, "--step-fraction");
    source.option("method.lambda", lambda, "--lambda");
    source.option("method.depth", depth, "--depth");
    source.option("method.ridge", ridge, "--ridge");
  }

  /** Sets the start keys of every option given. */
  void applyInit(SpecFiles.Source source) {
    if (init != null) {
      String t = init.strip();
      String key = t.toLowerCase(Locale.ROOT);
      Map<String, Object> node = new LinkedHashMap<>();
      if (key.equals(InitSpec.SMALL_RANDOM) || key.equals(InitSpec.SPECTRAL) || key.equals(InitSpec.RELU_SPECTRAL)) {
        node.put("kind", key);
      } else {
        node.put("kind", InitSpec.GIVEN);
        int comma = t.indexOf(',');
        node.put("path", comma < 0 ? t : t.substring(0, comma).strip());
        if (comma >= 0) {
          node.put("right", t.substring(comma + 1).strip());
        }
      }
      source.option("init", node, "--init");
    }
    source.option("init.alpha", alpha, "--alpha");
    source.option("init.beta", beta, "--beta");
  }
}
