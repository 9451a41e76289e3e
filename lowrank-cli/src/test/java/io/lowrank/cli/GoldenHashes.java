package io.lowrank.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * SHA-256 fingerprints of run outputs with the timing columns removed, and the golden values
 * recorded before the run-spec redesign ({@code golden/outputs-sha256.txt}). A history file's
 * fingerprint is the hash of its CSV text without the {@code elapsed_s} column; a directory of runs
 * is fingerprinted by the hash of the sorted list of its histories' fingerprints (so the check does
 * not depend on how run directories are named).
 */
final class GoldenHashes {
  /** Columns that measure time, excluded from every fingerprint. */
  static final List<String> TIMING_COLUMNS = List.of("elapsed_s");
  static final String RESOURCE = "/golden/outputs-sha256.txt";

  private GoldenHashes() {}

  /** The fingerprint of one history.csv. */
  static String history(Path csv) {
    List<String> lines = read(csv);
    String[] header = lines.get(0).split(",", -1);
    List<Integer> keep = new ArrayList<>();
    for (int c = 0; c < header.length; c++) {
      if (!TIMING_COLUMNS.contains(header[c])) {
        keep.add(c);
      }
    }
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      String[] f = line.split(",", -1);
      for (int k = 0; k < keep.size(); k++) {
        text.append(k == 0 ? "" : ",").append(f[keep.get(k)]);
      }
      text.append('\n');
    }
    return sha256(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The fingerprint of every {@code history.csv} below {@code dir}: hash of the sorted fingerprints. */
  static String histories(Path dir) {
    return histories(dir, p -> true);
  }

  /** {@link #histories(Path)} over the history files that {@code keep} accepts. */
  static String histories(Path dir, java.util.function.Predicate<Path> keep) {
    List<String> each = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      files.filter(p -> p.getFileName().toString().equals("history.csv")).filter(keep).forEach(p -> each.add(history(p)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Collections.sort(each);
    return each.size() + ":" + sha256(String.join("\n", each).getBytes(StandardCharsets.UTF_8));
  }

  /** The hash of a file's bytes. */
  static String file(Path file) {
    try {
      return sha256(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The hash of a text. */
  static String text(String s) {
    return sha256(s.getBytes(StandardCharsets.UTF_8));
  }

  /** The recorded golden values, by label. */
  static Map<String, String> golden() {
    Map<String, String> out = new LinkedHashMap<>();
    try (var in = GoldenHashes.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return out;
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] kv = line.strip().split("\\s+", 2);
          out.put(kv[0], kv[1]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static List<String> read(Path p) {
    try {
      return Files.readAllLines(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
