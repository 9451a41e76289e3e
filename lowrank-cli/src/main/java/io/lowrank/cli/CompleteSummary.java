package io.lowrank.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.lowrank.experiment.completion.CompletionModel;
import io.lowrank.experiment.completion.CompletionResult;
import io.lowrank.experiment.formats.TripletFiles;
import io.lowrank.experiment.spec.InitSpec;
import io.lowrank.experiment.spec.ProblemSpec;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.spec.SpecFiles;
import io.lowrank.experiment.spec.StopSpec;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What {@code lowrank complete} writes to summary.json (snake_case keys) and prints. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record CompleteSummary(String command, String lowrankVersion, Input input, Parameters parameters, Result result,
    Outputs outputs, Timings timings, JsonNode spec) {

  /** Singular values listed in the summary. */
  static final int SHOWN_SINGULAR_VALUES = 20;

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Input(String path, String format, List<String> header, int rows, int columns, int entries, long records,
      int duplicatesMerged, String duplicates, double density) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Parameters(int width, double alpha, double stepFraction, double stepSize, double holdOut, int patience,
      int iters, int validateEvery, String centring, Double biasLambda, long seed) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Result(String termination, String detail, int iterations, int chosenIteration, double validationRmse,
      double baselineValidationRmse, double trainRmse, int numericalRank, double rankThreshold,
      List<Double> singularValues, int trainEntries, int validationEntries, double globalMean, Refit refit,
      String savedModel) {}

  /** The retraining on all entries, when --refit was given. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Refit(int iterations, String termination, int entries, double trainRmse) {}

  /** Files written (null fields: not requested). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Outputs(String dir, List<String> files, Integer predictions, Integer coldStart, Integer topK) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Timings(double parseS, double fitS, double writeS, double totalS, Double medianStepMs) {}

  static CompleteSummary of(Path inputPath, TripletFiles.Data data, RunSpec spec, CompletionResult r,
      CompletionModel model, String duplicates, Outputs outputs, Path savedModel, double parseS, double writeS,
      double totalS, String version) {
    var e = data.entries();
    Input in = new Input(inputPath.toString(), data.format(), data.header(), e.rows(), e.cols(), e.size(),
        data.records(), data.duplicates(), duplicates, e.density());
    ProblemSpec.Ratings ratings = (ProblemSpec.Ratings) spec.problem();
    StopSpec.EarlyStopping es = spec.stop().validation();
    Parameters p = new Parameters(r.width(), ((InitSpec.SmallRandom) spec.init()).alpha(), spec.method().stepFraction(),
        r.stepSize(), es.holdOut(), es.patience(), spec.stop().iterations(), es.every(),
        ratings.centring().name().toLowerCase(Locale.ROOT), Double.isFinite(r.baseline().lambda()) ? r.baseline().lambda() : null, spec.seed());
    double[] all = model.singularValues();
    double[] sv = Arrays.copyOf(all, Math.min(SHOWN_SINGULAR_VALUES, all.length));
    CompletionModel.Summary ms = model.summary();
    Refit refit = ms.refit() ? new Refit(ms.iterations(), ms.termination(), ms.trainEntries(), ms.trainRmse()) : null;
    Result res = new Result(r.solve().termination().name(), r.solve().detail(), r.solve().iterations(),
        r.chosenIteration(), r.validationRmse(), r.baselineValidationRmse(), r.trainRmse(), model.numericalRank(),
        model.rankThreshold(), Arrays.stream(sv).boxed().toList(), r.trainEntries(), r.validationEntries(),
        r.baseline().mean(), refit, savedModel == null ? null : savedModel.toString());
    double median = r.solve().medianStepNanos() * 1e-6;
    Timings t = new Timings(parseS, r.fitNanos() * 1e-9, writeS, totalS, Double.isFinite(median) ? median : null);
    return new CompleteSummary("complete", version, in, p, res, outputs, t, SpecFiles.toTree(r.run().spec()));
  }

  String humanText() {
    StringBuilder s = new StringBuilder();
    Input i = input;
    line(s, "input", String.format(Locale.ROOT, "%s (%s%s): %d entries, %d rows x %d columns (density %.3g %%)%s",
        i.path(), i.format(), i.header() != null ? ", header" : "", i.entries(), i.rows(), i.columns(),
        100 * i.density(), i.duplicatesMerged() > 0 ? ", " + i.duplicatesMerged() + " duplicates merged" : ""));
    Parameters p = parameters;
    line(s, "model", String.format(Locale.ROOT, "width r' = %d, alpha = %s, mu = %.3g (%s / ||A*(y)||), centring %s",
        p.width(), OptionChecks.compact(p.alpha()), p.stepSize(), OptionChecks.compact(p.stepFraction()),
        p.centring()));
    line(s, "hold-out", String.format(Locale.ROOT, "%d of %d entries (%s), seed %d, patience %d iterations",
        result.validationEntries(), i.entries(), OptionChecks.compact(p.holdOut()), p.seed(), p.patience()));
    line(s, "termination", result.termination() + ": " + result.detail());
    line(s, "validation RMSE", String.format(Locale.ROOT, "%.4f  (bias-only baseline %.4f)", result.validationRmse(),
        result.baselineValidationRmse()));
    line(s, "chosen iteration", String.format(Locale.ROOT, "%d  (of %d run)", result.chosenIteration(),
        result.iterations()));
    line(s, "numerical rank", String.format(Locale.ROOT, "%d  (singular values of the completed matrix above %.3g; "
        + "docs/math.md §9)", result.numericalRank(), result.rankThreshold()));
    line(s, "train RMSE", String.format(Locale.ROOT, "%.4f", result.trainRmse()));
    if (result.refit() != null) {
      line(s, "refit", String.format(Locale.ROOT, "%d iterations on all %d entries, train RMSE %.4f",
          result.refit().iterations(), result.refit().entries(), result.refit().trainRmse()));
    }
    if (result.savedModel() != null) {
      line(s, "model saved", result.savedModel());
    }
    line(s, "time", String.format(Locale.ROOT, "parse %.2f s, fit %.2f s, total %.2f s", timings.parseS(),
        timings.fitS(), timings.totalS()));
    if (outputs != null) {
      line(s, "written", outputs.dir() + ": " + String.join(", ", outputs.files()));
    }
    return s.toString();
  }

  private static void line(StringBuilder s, String label, String value) {
    s.append(String.format(Locale.ROOT, "%-17s %s\n", label, value));
  }
}
