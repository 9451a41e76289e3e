package io.lowrank.experiment.output;

import io.lowrank.experiment.spec.RunSpec;
import io.lowrank.experiment.spec.StopSpec;
import java.util.Collection;

/**
 * Upper estimates of what a command will write, so that a full disk is refused before the
 * computation rather than discovered after it. Deliberately generous (about twice the typical size):
 * the cost of refusing a run that would just have fitted is small, the cost of a lost hour is not.
 */
public final class OutputSize {
  /** A run's summary.json with its spec, metrics and file hashes, generously. */
  static final long SUMMARY_BYTES = 32 << 10;
  /** One number in a CSV (sign, 17 digits, exponent, separator), generously. */
  static final long CSV_NUMBER_BYTES = 26;
  /** Columns of a history.csv with every probe on. */
  static final long HISTORY_COLUMNS = 24;

  private OutputSize() {}

  /** summary.json and history.csv of one run (factor files are added by the caller who knows the shapes). */
  public static long run(RunSpec spec) {
    StopSpec stop = spec.stop();
    long iterations = stop == null || stop.iterations() == null ? StopSpec.DEFAULT_RATINGS_ITERATIONS : stop.iterations();
    long every = spec.recording() == null || spec.recording().every() == null ? 1 : spec.recording().every();
    long rows = iterations / every + 2;
    return SUMMARY_BYTES + rows * HISTORY_COLUMNS * CSV_NUMBER_BYTES;
  }

  /** The runs of a job (reproduce, sweep, compare) plus its report and figures. */
  public static long job(Collection<RunSpec> runs, long reportBytes) {
    long total = reportBytes;
    for (RunSpec r : runs) {
      total += run(r);
    }
    return total;
  }

  /** A {@code rows x cols} matrix as .npy (8 bytes a value) and as CSV text. */
  public static long matrix(long rows, long cols, boolean alsoCsv) {
    return 128 + 8 * rows * cols + (alsoCsv ? rows * (cols + 1) * CSV_NUMBER_BYTES : 0);
  }
}
