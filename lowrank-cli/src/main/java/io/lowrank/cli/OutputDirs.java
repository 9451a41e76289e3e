package io.lowrank.cli;

import io.lowrank.experiment.formats.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Output directories of the commands: created when missing, refused with one line when unusable. */
final class OutputDirs {
  private OutputDirs() {}

  /** Creates {@code dir} (null: nothing to do); {@code option} names it in messages. */
  static void prepare(Path dir, String option) throws IOException {
    if (dir == null) {
      return;
    }
    if (dir.toString().isBlank()) {
      throw new BadInputException(option + " '' is invalid; accepted: a directory path");
    }
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new BadInputException(option + " " + dir + " is a file; accepted: a directory (created if missing)");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      String why = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
          : e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
          : "the file system refused";
      throw new BadInputException(option + " " + dir + " cannot be created (" + why + "); accepted: a writable directory",
          e);
    }
  }
}
