package io.lowrank.cli;

import io.lowrank.experiment.formats.BadInputException;
import io.lowrank.experiment.output.RunFiles;
import io.lowrank.linalg.Memory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Output directories of the commands: created when missing, refused with one line when unusable,
 * and checked for free space before a computation whose output size is known. Every command marks
 * a finished directory by writing its summary.json last (atomically); {@link #prepare} removes an
 * earlier one first, so a run that fails or is killed never leaves a directory that looks complete.
 */
final class OutputDirs {
  private OutputDirs() {}

  /** The file every command writes last into a finished output directory. */
  static final String MARKER = RunFiles.SUMMARY;
  /** Kept free beyond the estimate: file system metadata, temporary files of the atomic writes. */
  static final long MARGIN = 1L << 20;
  /** Report and figures of a job (reproduce's report.html is about 3 MiB), generously. */
  static final long REPORT_BYTES = 8L << 20;

  /**
   * Creates {@code dir} (null: nothing to do) and removes an earlier {@link #MARKER} in it;
   * {@code option} names it in messages.
   */
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
    if (!Files.isWritable(dir)) {
      throw new BadInputException(option + " " + dir + " is not writable (permission denied); accepted: a writable directory");
    }
    Files.deleteIfExists(dir.resolve(MARKER));
  }

  /**
   * Refuses, before the computation, an output of about {@code bytes} that the file system of
   * {@code dir} has no room for (null dir: nothing to check).
   */
  static void requireSpace(Path dir, long bytes, String option) throws IOException {
    if (dir == null) {
      return;
    }
    Path existing = dir.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return;
    }
    long free = Files.getFileStore(existing).getUsableSpace();
    if (free < bytes + MARGIN) {
      throw new BadInputException(String.format(java.util.Locale.ROOT,
          "%s %s: its file system has %s free but the outputs need about %s; accepted: free some space, or an --out on "
              + "a disk with room", option, dir, Memory.human(free), Memory.human(bytes + MARGIN)));
    }
  }
}
