package io.lowrank.experiment.spec;

import io.lowrank.operator.Precision;
import io.lowrank.solver.Method;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The combinations of model, method, start and options that a run can have, and the reason for
 * each refusal (docs/math.md, "What runs on what"). Checked by the {@link RunSpec} constructor,
 * before any work.
 */
public final class Combinations {
  private Combinations() {}

  /** Methods of the symmetric factor model U U^T. */
  static final Set<Method> SYMMETRIC = EnumSet.of(Method.GD, Method.SCALED_GD, Method.SCALED_GD_LAMBDA, Method.PREC_GD,
      Method.NUCLEAR, Method.DEEP);
  /** Methods of the asymmetric factor model (L, R). */
  static final Set<Method> ASYMMETRIC = EnumSet.of(Method.GD, Method.SCALED_GD, Method.SCALED_GD_LAMBDA,
      Method.PREC_GD, Method.ALS, Method.NUCLEAR);

  /** The methods that run on a model (ratings: no dense convex baseline). */
  public static Set<Method> methods(Model model, boolean symmetric) {
    if (model == Model.RATINGS) {
      return EnumSet.of(Method.GD, Method.SCALED_GD, Method.SCALED_GD_LAMBDA, Method.PREC_GD, Method.ALS);
    }
    return symmetric ? SYMMETRIC : ASYMMETRIC;
  }

  /** True when a model runs its passes on several threads. */
  public static boolean parallel(ProblemSpec p) {
    return p instanceof ProblemSpec.Goe || p instanceof ProblemSpec.Structured || p instanceof ProblemSpec.Instance
        || p instanceof ProblemSpec.Ratings
        || (p instanceof ProblemSpec.Completion c && !c.symmetricModel());
  }

  static void check(ProblemSpec problem, InitSpec init, MethodSpec method, StopSpec stop, RecordSpec record,
      Integer width, int threads, Precision precision) {
    Model model = problem.model();
    Method m = method.method();
    Set<Method> ok = methods(model, problem.symmetricModel());
    if (!ok.contains(m)) {
      String why = switch (m) {
        case ALS -> "als alternates between the factors L and R of the asymmetric model, but " + model.id()
            + " is symmetric (one factor U)";
        case DEEP -> "deep factorises the symmetric U U^T, but " + model.id() + " uses the asymmetric pair (L, R)";
        case NUCLEAR -> "nuclear needs dense n1 x n2 matrices and their SVDs, which ratings data is too large for";
        default -> m.id() + " does not run on " + model.id();
      };
      throw new SpecException("method.name", why + "; accepted for " + model.id() + ": " + names(ok));
    }
    Integer r = problem.rank();
    if (m == Method.SCALED_GD && r != null && width != null && width > r) {
      throw new SpecException("width", "scaledgd is exact-rank ScaledGD: its preconditioner (U^T U)^{-1} becomes "
          + "singular when width r' = " + width + " exceeds the rank r = " + r + "; accepted: width <= " + r
          + ", or method scaledgd-lambda or precgd for an overparameterised run");
    }
    if (m == Method.NUCLEAR && !(init instanceof InitSpec.SmallRandom)) {
      throw new SpecException("init.kind", "the nuclear-norm path starts at Z = 0, so init " + init.kind()
          + " would be ignored; accepted: drop init (or small-random)");
    }
    if (method instanceof MethodSpec.Deep d && d.alpha() != null && !(init instanceof InitSpec.SmallRandom)) {
      throw new SpecException("method.alpha", "method.alpha is the scale of deep's small random start, but init is "
          + init.kind() + "; accepted: drop method.alpha");
    }
    if (init instanceof InitSpec.Spectral s && s.rank() != null && problem.rows() != null) {
      int limit = Math.min(problem.rows(), problem.cols());
      Valid.intRange(s.rank(), 1, limit, "init.rank", "1 <= init.rank <= " + limit);
    }
    if (init instanceof InitSpec.ReluSpectral s) {
      boolean relu = problem instanceof ProblemSpec.Completion c && c.symmetricModel()
          && c.sampling() instanceof Sampling.Relu t && t.tau() == 0.0;
      Valid.require(relu, "init.kind", "relu-spectral debiases ReLU-sampled entries (tau = 0) of a symmetric "
          + "completion problem, but the problem is " + describe(problem) + "; accepted: init spectral, or problem "
          + "{model: completion, sampling: {kind: relu}}");
      if (s.rank() != null && problem.rows() != null) {
        Valid.intRange(s.rank(), 1, problem.rows(), "init.rank", "1 <= init.rank <= " + problem.rows());
      }
    }
    if (precision != Precision.FLOAT64 && !(problem instanceof ProblemSpec.Goe || problem instanceof ProblemSpec.Asymmetric
        || problem instanceof ProblemSpec.RankOne)) {
      String why = problem instanceof ProblemSpec.Structured
          ? " stores no operator (its measurements are computed by a transform)"
          : problem instanceof ProblemSpec.Instance
              ? " reads its operator from your files, and storing it in " + precision.label() + " would round your data"
              : " observes entries directly and stores no operator";
      throw new SpecException("precision", precision.label() + " storage is for generated goe, asymmetric and rank-one "
          + "operators; " + model.id() + why + "; accepted: float64");
    }
    if (threads > 1 && !parallel(problem)) {
      throw new SpecException("threads", model.id() + (problem instanceof ProblemSpec.Completion ? " (symmetric)" : "")
          + " has no multi-threaded pass, so threads = " + threads + " would have no effect; accepted: threads 1");
    }
    if (stop.targetError() != null && problem instanceof ProblemSpec.Ratings) {
      throw new SpecException("stop.target_error", "ratings data has no ground truth, so no test error to stop at; "
          + "accepted: drop stop.target_error (early stopping is on by default)");
    }
    RecordSpec.Probes probes = record.probes();
    if (probes.spectral() && !problem.symmetricModel()) {
      throw new SpecException("record.probes", probes.id() + " records the spectral probes of the symmetric A*(y), "
          + "but " + model.id() + " is asymmetric; accepted: basic or standard");
    }
    if (probes.signalNoise() && problem instanceof ProblemSpec.Ratings) {
      throw new SpecException("record.probes", probes.id() + " needs a ground truth; accepted: basic or standard");
    }
    if (m == Method.NUCLEAR && probes != RecordSpec.Probes.BASIC && probes != RecordSpec.Probes.STANDARD) {
      throw new SpecException("record.probes", "the phase probes follow a factor from its small start, which the "
          + "nuclear-norm path does not have; accepted: basic or standard");
    }
    StopSpec.EarlyStopping es = stop.validation();
    if (es != null && es.every() % record.every() != 0) {
      throw new SpecException("stop.early_stopping.every", "validation every " + es.every()
          + " iterations must be a multiple of record.every = " + record.every()
          + "; accepted: a multiple of " + record.every());
    }
    if (es != null && m == Method.NUCLEAR) {
      throw new SpecException("stop.early_stopping", "early stopping keeps the best iterate of a factored path; the "
          + "nuclear-norm path is chosen by its lambda instead; accepted: drop stop.early_stopping");
    }
  }

  private static String names(Set<Method> methods) {
    List<String> out = new ArrayList<>();
    for (Method m : methods) {
      out.add(m.id());
    }
    return String.join(", ", out);
  }

  /** "completion (uniform sampling)", "goe", ... for messages. */
  private static String describe(ProblemSpec problem) {
    if (problem instanceof ProblemSpec.Completion c) {
      String how = c.sampling() instanceof Sampling.Relu t ? "relu sampling, tau = " + SpecException.show(t.tau())
          : "uniform sampling";
      return (c.symmetricModel() ? "symmetric" : "rectangular") + " completion (" + how + ")";
    }
    return problem.model().id();
  }
}
