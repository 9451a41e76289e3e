package io.lowrank.cli;

import io.lowrank.experiment.completion.Completer;
import io.lowrank.experiment.formats.BadInputException;
import io.lowrank.experiment.output.CheckpointFile;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code --checkpoint}, {@code --checkpoint-every} and {@code --resume}: a long fit that survives a kill. */
final class CheckpointOptions {
  @Option(names = "--checkpoint", paramLabel = "DIR", order = 160, description = "keep the fit resumable: write "
      + "its whole state (factors, best iterate, early-stopping state, history) to DIR/fit.ckpt and DIR/refit.ckpt "
      + "every --checkpoint-every iterations, on Ctrl-C and at the end, atomically.")
  Path dir;

  @Option(names = "--checkpoint-every", paramLabel = "K", order = 161, description = "iterations between "
      + "checkpoints. Default: 100.")
  Integer every;

  @Option(names = "--resume", order = 162, description = "continue from the checkpoints in --checkpoint DIR "
      + "(bit for bit the uninterrupted fit, on any engine and thread count); without them the fit starts afresh.")
  boolean resume;

  /** Refuses --checkpoint-every or --resume without --checkpoint, and a bad cadence. */
  void check() {
    if (dir == null && (every != null || resume)) {
      throw new BadInputException((resume ? "--resume" : "--checkpoint-every") + " needs --checkpoint DIR; accepted: "
          + "add --checkpoint DIR (the directory that holds or will hold the checkpoints)");
    }
    if (every != null) {
      OptionChecks.intRange(every, 1, Integer.MAX_VALUE, "--checkpoint-every", "an integer >= 1, e.g. 100");
    }
    if (dir != null && Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new BadInputException("--checkpoint " + dir + " is a file; accepted: a directory (created if missing)");
    }
  }

  /** Refuses the options where nothing is fitted. */
  void refuseWith(String why) {
    if (dir != null || every != null || resume) {
      String given = dir != null ? "--checkpoint" : every != null ? "--checkpoint-every" : "--resume";
      throw new BadInputException(given + " has no effect with " + why + ", which does not fit; accepted: drop " + given);
    }
  }

  /** The completer's checkpoints, or null without --checkpoint. */
  Completer.Checkpoints toCheckpoints() {
    return dir == null ? null
        : new Completer.Checkpoints(dir, every == null ? Completer.Checkpoints.DEFAULT_EVERY : every, resume);
  }

  /** Says where a resumed fit continues from (or that it starts afresh). */
  void noteResume(String command, PrintWriter err) {
    if (dir == null || !resume) {
      return;
    }
    Completer.Checkpoints c = toCheckpoints();
    StringBuilder b = new StringBuilder();
    for (String phase : new String[] {"fit", "refit"}) {
      CheckpointFile.Header h = CheckpointFile.header(c.file(phase)).orElse(null);
      if (h != null) {
        b.append(b.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "the %s from iteration %d%s", phase,
            h.iteration(), h.finished() ? " (finished)" : ""));
      }
    }
    err.println("lowrank " + command + ": " + (b.length() == 0 ? "no checkpoint in " + dir + "; starting afresh"
        : "resuming " + b + " (" + dir + ")"));
    err.flush();
  }

  /** The hint after an interrupted fit. */
  String resumeHint() {
    return dir == null ? "" : "; rerun with --resume to continue from " + dir;
  }
}
