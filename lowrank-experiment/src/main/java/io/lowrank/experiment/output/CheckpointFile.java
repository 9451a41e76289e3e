package io.lowrank.experiment.output;

import io.lowrank.experiment.formats.AtomicFiles;
import io.lowrank.experiment.formats.BadInputException;
import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.spec.SpecFiles;
import io.lowrank.solver.Checkpointer;
import io.lowrank.solver.Snapshot;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * A {@link Checkpointer} that keeps one run's latest {@link Snapshot} in one file, rewritten
 * atomically (temp + rename) every {@code every} iterations, on interrupt and at the end: a killed
 * process leaves the previous complete checkpoint. The file names the run it belongs to by the
 * hash of its spec (the thread count excluded: results do not depend on it), so a checkpoint is
 * never continued by another run, and ends with a CRC-32 so a damaged file is refused, not read.
 *
 * <p>Format (big-endian): the magic {@code LOWRANK-CHECKPOINT}, format version 1, the spec hash and
 * id (UTF), the iteration (int), finished (boolean), the number of arrays, then per array its key
 * (UTF), length (int) and doubles; last the CRC-32 of everything before it (long).
 */
public final class CheckpointFile implements Checkpointer {
  /** The file name suffix. */
  public static final String SUFFIX = ".ckpt";

  private static final byte[] MAGIC = "LOWRANK-CHECKPOINT".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;

  private final Path file;
  private final String hash;
  private final String runId;
  private final int every;
  private final Snapshot resumed;

  private CheckpointFile(Path file, String hash, String runId, int every, Snapshot resumed) {
    this.file = file;
    this.hash = hash;
    this.runId = runId;
    this.every = every;
    this.resumed = resumed;
  }

  /**
   * Refuses a cadence below one iteration (the one check of it, for the file and the completer).
   *
   * @throws BadInputException when {@code every < 1}
   */
  public static int requireCadence(int every) {
    if (every < 1) {
      throw new BadInputException("the checkpoint cadence must be >= 1 iteration, got " + every
          + "; accepted: an integer >= 1, e.g. 100");
    }
    return every;
  }

  /**
   * The checkpoint of {@code spec} in {@code file}.
   *
   * @param every snapshot cadence in iterations, >= 1
   * @param resume continue from {@code file} when it exists (start afresh when it does not); when
   *     false, an existing {@code file} is refused rather than overwritten
   * @throws BadInputException when {@code file} belongs to another run, is damaged, or exists
   *     without {@code resume}
   */
  public static CheckpointFile open(Path file, RunSpec spec, int every, boolean resume) {
    return open(file, spec, null, every, resume);
  }

  /**
   * The checkpoint of {@code spec} on the data whose digest is {@code data} (e.g.
   * {@code Ratings.digest()}; null when the spec alone names the data): a checkpoint written on other
   * data under the same spec, such as an edited file of the same name, is refused like one of
   * another run.
   *
   * @param every snapshot cadence in iterations, >= 1
   * @param resume as in {@link #open(Path, RunSpec, int, boolean)}
   * @throws BadInputException when {@code file} belongs to another run or other data, is damaged, or
   *     exists without {@code resume}
   */
  public static CheckpointFile open(Path file, RunSpec spec, String data, int every, boolean resume) {
    requireCadence(every);
    String hash = data == null ? fingerprint(spec) : sha256(fingerprint(spec) + "\n" + data);
    if (!Files.exists(file)) {
      return new CheckpointFile(file, hash, spec.id(), every, null);
    }
    Read r = read(file, true);
    if (!resume) {
      throw new BadInputException(file + " already holds a checkpoint (iteration " + r.iteration + " of run "
          + r.runId + "); pass --resume to continue it, or use another checkpoint directory");
    }
    if (!r.hash.equals(hash)) {
      throw new BadInputException(file + " is the checkpoint of another run (" + r.runId + "; this run is "
          + spec.id() + (data == null ? "" : ", or the same run on other data") + "); resume with the input and "
          + "options it was written with, or use another checkpoint directory");
    }
    return new CheckpointFile(file, hash, spec.id(), every, r.snapshot);
  }

  /** What a checkpoint file says of itself. */
  public record Header(String runId, int iteration, boolean finished) {}

  /**
   * The header of the checkpoint in {@code file}, or empty when there is none. Reads the header
   * only; {@link #open} checks the rest.
   *
   * @throws BadInputException when the file is not a checkpoint or ends within its header
   */
  public static Optional<Header> header(Path file) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Read r = read(file, false);
    return Optional.of(new Header(r.runId, r.iteration, r.finished));
  }

  /** The hash that names {@code spec}'s checkpoints (its spec with one thread). */
  static String fingerprint(RunSpec spec) {
    return SpecFiles.hash(spec.withThreads(1));
  }

  /** The SHA-256 of {@code text} (UTF-8) in hexadecimal. */
  static String sha256(String text) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /** The file. */
  public Path file() {
    return file;
  }

  @Override
  public int every() {
    return every;
  }

  @Override
  public Optional<Snapshot> resume() {
    return Optional.ofNullable(resumed);
  }

  @Override
  public void save(Snapshot state, int iteration, boolean finished) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      AtomicFiles.write(file, raw -> {
        CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(raw, 1 << 16), new CRC32());
        DataOutputStream out = new DataOutputStream(checked);
        out.write(MAGIC);
        out.writeInt(VERSION);
        out.writeUTF(hash);
        out.writeUTF(runId);
        out.writeInt(iteration);
        out.writeBoolean(finished);
        out.writeInt(state.entries().size());
        for (var e : state.entries().entrySet()) {
          out.writeUTF(e.getKey());
          out.writeInt(e.getValue().length);
          for (double v : e.getValue()) {
            out.writeDouble(v);
          }
        }
        out.flush();
        long crc = checked.getChecksum().getValue();
        out.writeLong(crc);
        out.flush();
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the checkpoint " + file + ": " + e.getMessage(), e);
    }
  }

  private record Read(String hash, String runId, int iteration, boolean finished, Snapshot snapshot) {}

  /** Reads the file; with {@code whole} false only up to its header (the snapshot is then null). */
  private static Read read(Path file, boolean whole) {
    long length;
    try {
      length = Files.size(file);
    } catch (IOException e) {
      throw new BadInputException("cannot read the checkpoint " + file + ": " + e.getMessage()
          + "; check its permissions, or delete it to start the run afresh");
    }
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      CheckedInputStream checked = new CheckedInputStream(raw, new CRC32());
      DataInputStream in = new DataInputStream(checked);
      byte[] magic = in.readNBytes(MAGIC.length);
      if (!Arrays.equals(magic, MAGIC)) {
        throw damaged(file, "it is not a lowrank checkpoint");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw damaged(file, "its format version is " + version + ", this lowrank reads " + VERSION);
      }
      String hash = in.readUTF();
      String runId = in.readUTF();
      int iteration = in.readInt();
      boolean finished = in.readBoolean();
      if (iteration < 0) {
        throw damaged(file, "its iteration is " + iteration);
      }
      if (!whole) {
        return new Read(hash, runId, iteration, finished, null);
      }
      int count = in.readInt();
      if (count < 0 || count > length / 6) {
        throw damaged(file, "it claims " + count + " arrays");
      }
      Snapshot s = new Snapshot();
      for (int i = 0; i < count; i++) {
        String key = in.readUTF();
        int n = in.readInt();
        if (n < 0 || 8L * n > length) {
          throw damaged(file, "its array '" + key + "' claims " + n + " values");
        }
        double[] v = new double[n];
        for (int j = 0; j < n; j++) {
          v[j] = in.readDouble();
        }
        s.put(key, v);
      }
      long expected = checked.getChecksum().getValue();
      long stored = in.readLong();
      if (stored != expected || in.read() != -1) {
        throw damaged(file, "its checksum does not match its contents");
      }
      return new Read(hash, runId, iteration, finished, s);
    } catch (EOFException e) {
      throw damaged(file, "it ends early (" + length + " bytes)");
    } catch (java.io.UTFDataFormatException e) {
      throw damaged(file, "a name in it is not valid text");
    } catch (IOException e) {
      throw new BadInputException("cannot read the checkpoint " + file + ": " + e.getMessage()
          + "; check its permissions, or delete it to start the run afresh");
    }
  }

  private static BadInputException damaged(Path file, String why) {
    return new BadInputException("the checkpoint " + file + " is damaged: " + why
        + "; delete it to start the run afresh");
  }
}
