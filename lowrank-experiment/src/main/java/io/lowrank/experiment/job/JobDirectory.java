package io.lowrank.experiment.job;

import io.lowrank.experiment.formats.AtomicFiles;
import io.lowrank.experiment.formats.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The output directory of a resumable job (a sweep, a reproduction). It holds a manifest (the
 * resolved job, e.g. {@code sweep.yaml}) and {@code <manifest>.sha256}, its hash. Opening it:
 * <ul>
 *   <li>a missing or empty directory is created and the manifest written: a fresh start;
 *   <li>a directory whose manifest hash equals this job's is resumed: its complete runs are kept;
 *   <li>a directory of another job is refused with one line, unless {@code force}, which clears it;
 *   <li>a non-empty directory that lowrank did not write is refused even with {@code force} (it is
 *       never cleared).
 * </ul>
 * Either way the job's final artefacts (its report, tables, top-level summary) are deleted before
 * any run, and written again only at the end: a killed job never leaves a report that disagrees
 * with its runs. Temporary files left by a killed writer are removed.
 */
public final class JobDirectory {
  private final Path dir;
  private final boolean resumed;

  private JobDirectory(Path dir, boolean resumed) {
    this.dir = dir;
    this.resumed = resumed;
  }

  /** The directory. */
  public Path dir() {
    return dir;
  }

  /** True when an earlier run of the same job was found (its complete runs are reused). */
  public boolean resumed() {
    return resumed;
  }

  /**
   * Opens {@code dir} for a job.
   *
   * @param dir the directory
   * @param option the option that chose it, for messages (e.g. {@code --out})
   * @param manifest the manifest's file name, e.g. {@code sweep.yaml}
   * @param text the manifest text (deterministic for equal jobs)
   * @param describe a few words on what the manifest is, for messages (e.g. "a sweep")
   * @param artefacts the job's final files and directories, relative to {@code dir}
   * @param lowrankNames every top-level name a lowrank job may write (besides the manifest): a
   *     directory holding only such names may be cleared by {@code force}
   * @param force clear a directory of another job
   */
  public static JobDirectory open(Path dir, String option, String manifest, String text, String describe,
      List<String> artefacts, Set<String> lowrankNames, boolean force) throws IOException {
    String hash = sha256(text);
    Path manifestFile = dir.resolve(manifest);
    Path hashFile = dir.resolve(manifest + ".sha256");
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new BadInputException(option + " " + dir + " is a file, not a directory; accepted: a directory (created "
          + "if missing)");
    }
    boolean resumed = false;
    if (Files.isDirectory(dir) && !empty(dir)) {
      String stored = Files.isRegularFile(hashFile) ? Files.readString(hashFile, StandardCharsets.UTF_8).strip() : null;
      if (stored != null && stored.equals(hash) && Files.isRegularFile(manifestFile)) {
        resumed = true;
      } else if (!force) {
        throw new BadInputException(option + " " + dir + (stored != null
            ? " holds " + describe + " with other settings (" + manifest + " differs)"
            : " is not empty and holds no " + manifest) + "; accepted: the same command to resume it, --force to "
            + "clear it and start over, or another " + option);
      } else {
        clear(dir, option, manifest, lowrankNames);
      }
    }
    Files.createDirectories(dir);
    for (String a : artefacts) {
      delete(dir.resolve(a));
    }
    removeTemporaries(dir);
    if (!resumed) {
      AtomicFiles.writeString(manifestFile, text);
      AtomicFiles.writeString(hashFile, hash + "\n");
    }
    return new JobDirectory(dir, resumed);
  }

  /** SHA-256 (hex) of UTF-8 text. */
  public static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean empty(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }

  /** Deletes what a lowrank job wrote in {@code dir}; refuses a directory holding anything else. */
  private static void clear(Path dir, String option, String manifest, Set<String> lowrankNames) throws IOException {
    List<Path> entries;
    try (Stream<Path> s = Files.list(dir)) {
      entries = s.toList();
    }
    for (Path p : entries) {
      String name = p.getFileName().toString();
      boolean ours = name.equals(manifest) || name.equals(manifest + ".sha256") || lowrankNames.contains(name)
          || name.startsWith(AtomicFiles.TEMP_PREFIX);
      if (!ours) {
        throw new BadInputException(option + " " + dir + " holds '" + name + "', which lowrank did not write, so "
            + "--force will not clear it; accepted: another " + option + " or an empty directory");
      }
    }
    for (Path p : entries) {
      delete(p);
    }
  }

  private static void delete(Path p) throws IOException {
    if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> s = Files.walk(p)) {
        for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(q);
        }
      }
    } else {
      Files.deleteIfExists(p);
    }
  }

  private static void removeTemporaries(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir, 3)) {
      for (Path p : s.filter(q -> q.getFileName().toString().startsWith(AtomicFiles.TEMP_PREFIX)).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
