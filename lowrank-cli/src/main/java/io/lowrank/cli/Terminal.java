package io.lowrank.cli;

import java.util.ArrayList;
import java.util.List;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * What the terminal gets: progress bars when stdin and stdout are a terminal ({@code System.console()
 * != null}), plain progress lines otherwise; colour only on a terminal and never when the
 * {@code NO_COLOR} environment variable is set to a non-empty value (no-color.org), when
 * {@code --no-color} is given, or when {@code TERM=dumb}. Without colour no escape sequence is
 * written at all (the bars are drawn with {@code \r} and block characters).
 */
final class Terminal {
  private static final String GREEN = "\u001b[32m";
  private static final String RED = "\u001b[31m";
  private static final String YELLOW = "\u001b[33m";
  private static final String BOLD = "\u001b[1m";
  private static final String RESET = "\u001b[0m";

  /** The width, in columns, that the tables printed on stdout fit (the claims and compare tables). */
  static final int TABLE_WIDTH = 100;

  /** Set by {@code --no-color} (any command). */
  private static volatile boolean noColorOption;

  private Terminal() {}

  /** Records {@code --no-color} from the arguments (before picocli parses them, so it holds for errors too). */
  static void configure(String[] args) {
    noColorOption = false;
    for (String a : args) {
      if (a.equals("--")) {
        break;
      }
      if (a.equals("--no-color")) {
        noColorOption = true;
      }
    }
  }

  /** True when progress is drawn as a bar (stdin and stdout are a terminal). */
  static boolean interactive() {
    return System.console() != null;
  }

  /** True when escape sequences for colour may be written. */
  static boolean color() {
    String noColor = System.getenv("NO_COLOR");
    return interactive() && !noColorOption && (noColor == null || noColor.isEmpty())
        && !"dumb".equals(System.getenv("TERM"));
  }

  /** A progress bar builder on stderr, {@code width} columns, coloured only when {@link #color()}. */
  static ProgressBarBuilder bar(String task, long max, int width) {
    return new ProgressBarBuilder().setTaskName(task).setInitialMax(max)
        .setStyle(color() ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.UNICODE_BLOCK)
        .setConsumer(new ConsoleProgressBarConsumer(System.err, width)).setUpdateIntervalMillis(250);
  }

  /** {@code text} padded to {@code width} columns, then coloured green / red / yellow by verdict when colour is on. */
  static String verdict(String text, int width, boolean pass, boolean fail) {
    String padded = String.format("%-" + width + "s", text);
    if (!color()) {
      return padded;
    }
    String c = pass ? GREEN : fail ? RED : YELLOW;
    return BOLD + c + text + RESET + padded.substring(text.length());
  }

  /** {@code text} broken at spaces into lines of at most {@code width} characters (a longer word stays whole). */
  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.strip().split("\\s+")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() > 0 ? " " : "").append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }
}
