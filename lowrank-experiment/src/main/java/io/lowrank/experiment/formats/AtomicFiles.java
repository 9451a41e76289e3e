package io.lowrank.experiment.formats;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The one way lowrank writes a file: into a temporary file beside the target, flushed to disk
 * (fsync), then renamed over the target in one step. A reader (or a later run) therefore sees the
 * old file or the complete new one, never a truncated one, and a failure (a full disk, a kill)
 * leaves the target as it was and no temporary file behind (when the process lives to clean up).
 */
public final class AtomicFiles {
  /** Prefix of temporary files; a directory holding such files was being written when a process died. */
  public static final String TEMP_PREFIX = ".lowrank-tmp-";

  private AtomicFiles() {}

  /** Writes what {@code body} writes to the stream. */
  public static void write(Path target, StreamBody body) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, TEMP_PREFIX + target.getFileName() + "-", ".tmp");
    boolean done = false;
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
          OutputStream out = Channels.newOutputStream(ch)) {
        body.write(out);
        out.flush();
        ch.force(true);
      }
      permissions(tmp, target);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      done = true;
    } catch (java.nio.file.FileSystemException e) {
      throw e;
    } catch (IOException e) { // e.g. "No space left on device" from a write: name the file it was for
      java.nio.file.FileSystemException named = new java.nio.file.FileSystemException(target.toString(), null,
          e.getMessage());
      named.initCause(e);
      throw named;
    } finally {
      if (!done) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /**
   * Gives the temporary file the target's permissions, or rw-r--r-- for a new file (temporary
   * files are created private), where the file system has POSIX permissions.
   */
  private static void permissions(Path tmp, Path target) throws IOException {
    if (!Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
      return;
    }
    Set<PosixFilePermission> perms = Files.exists(target) ? Files.getPosixFilePermissions(target)
        : PosixFilePermissions.fromString("rw-r--r--");
    Files.setPosixFilePermissions(tmp, perms);
  }

  /** Writes UTF-8 text produced by {@code body}. */
  public static void writeText(Path target, TextBody body) throws IOException {
    write(target, out -> {
      Writer w = new java.io.BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
      body.write(w);
      w.flush();
    });
  }

  /** Writes a string as UTF-8. */
  public static void writeString(Path target, String text) throws IOException {
    write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Writes bytes to a stream (not closed by the body). */
  @FunctionalInterface
  public interface StreamBody {
    void write(OutputStream out) throws IOException;
  }

  /** Writes text to a writer (not closed by the body). */
  @FunctionalInterface
  public interface TextBody {
    void write(Writer out) throws IOException;
  }
}
