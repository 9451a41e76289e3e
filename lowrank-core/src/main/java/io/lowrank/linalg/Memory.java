package io.lowrank.linalg;

import java.util.Locale;

/** Refuses allocations that would not fit in the JVM heap, before attempting them. */
public final class Memory {
  private Memory() {}

  /** Bytes the JVM can still allocate (max heap minus what is in use). */
  public static long available() {
    Runtime rt = Runtime.getRuntime();
    return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
  }

  /**
   * Throws {@link IllegalArgumentException} when {@code bytes} exceed 90 % of {@link #available()}
   * or one Java array; the message gives both numbers, what needed them and how to fix it.
   */
  public static void require(long bytes, long elements, String what, String suggestion) {
    long avail = available();
    if (elements > Integer.MAX_VALUE - 8 || bytes > 0.9 * avail) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s needs %s but the JVM can allocate about %s; %s (or give Java more heap, e.g. JAVA_OPTS=-Xmx16g ./lowrank ...)",
          what, human(bytes), human(avail), suggestion));
    }
  }

  /** 1536 -> "1.5 KiB". */
  public static String human(long bytes) {
    double b = bytes;
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    int u = 0;
    while (b >= 1024 && u < units.length - 1) {
      b /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, u == 0 ? "%.0f %s" : "%.1f %s", b, units[u]);
  }
}
