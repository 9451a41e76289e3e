package io.lowrank.experiment.formats;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The check every reader of a user's file makes first, so that the refusal says what the path
 * really is: missing, a directory, a device or a pipe (e.g. /dev/null, a FIFO: lowrank reads its
 * inputs more than once and sizes them before reading), or unreadable.
 */
public final class InputFiles {
  private InputFiles() {}

  /**
   * Returns {@code file} when it is a readable regular file (symbolic links followed).
   *
   * @param accepted what the caller accepts, e.g. "a CSV/TSV or .mtx file"; ends the message
   * @throws BadInputException naming the path and what it is otherwise
   */
  public static Path requireRegular(Path file, String accepted) {
    if (file.toString().isBlank()) {
      throw new BadInputException("the file name is empty; accepted: " + accepted);
    }
    String problem = null;
    if (!Files.exists(file)) {
      problem = Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? " is a broken symbolic link" : " does not exist";
    } else if (Files.isDirectory(file)) {
      problem = " is a directory";
    } else if (!Files.isRegularFile(file)) {
      problem = " is not a regular file (a device, pipe or socket)";
    } else if (!Files.isReadable(file)) {
      problem = " cannot be read (permission denied)";
    }
    if (problem != null) {
      throw new BadInputException(file + problem + "; accepted: " + accepted);
    }
    return file;
  }

  /** Returns {@code dir} when it is a directory; otherwise says whether it is missing or what it is. */
  public static Path requireDirectory(Path dir, String accepted) {
    if (dir.toString().isBlank()) {
      throw new BadInputException("the directory name is empty; accepted: " + accepted);
    }
    String problem = null;
    if (!Files.exists(dir)) {
      problem = " does not exist";
    } else if (Files.isRegularFile(dir)) {
      problem = " is a file, not a directory";
    } else if (!Files.isDirectory(dir)) {
      problem = " is not a directory (a device, pipe or socket)";
    }
    if (problem != null) {
      throw new BadInputException(dir + problem + "; accepted: " + accepted);
    }
    return dir;
  }
}
