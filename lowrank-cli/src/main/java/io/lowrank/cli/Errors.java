package io.lowrank.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/**
 * Turns failures into one line on stderr, {@code lowrank <command>: error: <problem>; <fix>}, and an
 * exit status: 2 for bad input (option values, files, memory), 70 for anything unexpected, which is
 * also marked "(internal error; please report)". Stack traces only with {@code --debug} or the
 * environment variable {@code LOWRANK_DEBUG=1}.
 */
final class Errors {
  static final String DEBUG_ENV = "LOWRANK_DEBUG";

  private Errors() {}

  /** The names within edit distance 2 of {@code typed} (picocli's own suggestions miss some), closest first. */
  static List<String> closest(String typed, java.util.Collection<String> names) {
    return names.stream().filter(n -> distance(typed, n) <= 2)
        .sorted(java.util.Comparator.comparingInt((String n) -> distance(typed, n)).thenComparing(n -> n)).toList();
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** picocli parse errors: unknown options, non-numeric values, missing parameters. */
  static int onParameterException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    String name = cmd.getCommandSpec().qualifiedName();
    String message = oneLine(ex.getMessage());
    String fix = message.contains("; accepted:") ? "" : "; try '" + name + " --help'";
    if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String unmatched = u.getUnmatched().get(0);
      boolean option = unmatched.startsWith("-");
      message = (option ? "unknown option '" : "unknown command '") + shorten(unmatched) + "'";
      List<String> suggestions = u.getSuggestions();
      if (suggestions.isEmpty() && option) {
        suggestions = closest(unmatched.split("=", 2)[0],
            cmd.getCommandSpec().optionsMap().keySet().stream().filter(n -> n.startsWith("--")).toList());
      }
      fix = suggestions.isEmpty() ? "; try '" + name + " --help'"
          : "; did you mean " + String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size()))) + "?";
    }
    PrintWriter err = cmd.getErr();
    err.println(name + ": error: " + lowerFirst(message) + fix);
    if (debug(Arrays.asList(args))) {
      ex.printStackTrace(err);
    }
    err.flush();
    return Main.EXIT_BAD_INPUT;
  }

  /** Exceptions thrown by a command's {@code call()}. */
  static int onExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    return report(cmd, ex, debug(parseResult));
  }

  /** Prints the one-line message for {@code t} and returns the exit status. */
  static int report(CommandLine cmd, Throwable t, boolean debug) {
    CommandLine at = deepest(cmd);
    if (t instanceof io.lowrank.experiment.run.RunsInterruptedException ri) {
      return interrupted(at.getErr(), at.getCommandSpec().qualifiedName(), ri);
    }
    int status = Main.EXIT_BAD_INPUT;
    String problem;
    if (t instanceof IllegalArgumentException) {
      problem = t.getMessage() == null ? "invalid input" : t.getMessage();
    } else if (t instanceof IOException io) {
      problem = describe(io);
    } else if (t instanceof UncheckedIOException u) {
      problem = describe(u.getCause());
    } else if (t instanceof OutOfMemoryError) {
      problem = String.format(java.util.Locale.ROOT,
          "out of memory (the JVM heap is %s); reduce --m or --n, or raise the heap: java -Xmx8g -jar lowrank.jar ...",
          io.lowrank.linalg.Memory.human(Runtime.getRuntime().maxMemory()));
    } else {
      status = Main.EXIT_INTERNAL;
      problem = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage())
          + " (internal error; please report" + (debug ? ")" : ", with --debug for the stack trace)");
    }
    PrintWriter err = at.getErr();
    err.println(at.getCommandSpec().qualifiedName() + ": error: " + oneLine(problem));
    if (debug) {
      t.printStackTrace(err);
    }
    err.flush();
    return status;
  }

  /**
   * A job stopped by Ctrl-C: one line saying how far it got and how to go on; exit 130. Jobs that
   * store their runs (sweep, reproduce, compare) resume from them.
   */
  static int interrupted(PrintWriter err, String command, io.lowrank.experiment.run.RunsInterruptedException ri) {
    err.println(command + ": interrupted: " + ri.finished() + " of " + ri.total() + " runs finished; "
        + (ri.stored() ? "they are stored in the output directory, rerun the same command to resume"
            : "no report was written, rerun the command to start again"));
    err.flush();
    return Main.EXIT_INTERRUPTED;
  }

  /** --debug anywhere on the command line, or LOWRANK_DEBUG=1. */
  static boolean debug(List<String> args) {
    return args.contains("--debug") || debugEnv();
  }

  private static boolean debug(ParseResult pr) {
    for (ParseResult p = pr; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--debug")) {
        return true;
      }
    }
    return debugEnv();
  }

  private static boolean debugEnv() {
    String v = System.getenv(DEBUG_ENV);
    return v != null && (v.equals("1") || v.equalsIgnoreCase("true"));
  }

  /** The subcommand that was running, so that messages say "lowrank sense". */
  private static CommandLine deepest(CommandLine cmd) {
    ParseResult pr = cmd.getParseResult();
    if (pr == null) {
      return cmd;
    }
    while (pr.hasSubcommand()) {
      pr = pr.subcommand();
    }
    return pr.commandSpec().commandLine();
  }

  private static String describe(IOException e) {
    String reason = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
    if (reason != null && (reason.contains("No space left") || reason.contains("Disk quota exceeded"))) {
      String file = e instanceof FileSystemException f && f.getFile() != null ? " (writing " + f.getFile() + ")" : "";
      return "the disk is full" + file + ": " + reason.strip() + "; free some space, or give an --out on a disk with room "
          + "(no partial file was left: lowrank writes each file whole or not at all)";
    }
    String fix = "; check the path and its permissions";
    if (e instanceof NoSuchFileException f) {
      return "no such file or directory: " + f.getFile() + fix;
    }
    if (e instanceof AccessDeniedException f) {
      return "permission denied: " + f.getFile() + fix;
    }
    if (e instanceof FileSystemException f) {
      return f.getFile() + ": " + (f.getReason() == null ? "file system error" : f.getReason()) + fix;
    }
    return "I/O error: " + e.getMessage() + fix;
  }

  /** At most 80 characters of user input. */
  static String shorten(String s) {
    String one = oneLine(s);
    return one.length() > 80 ? one.substring(0, 77) + "..." : one;
  }

  /**
   * One line, with every run of more than 80 non-blank characters (a pasted value, an id, a key:
   * user input the message quotes) cut to 80, so that no message echoes more of an input than that,
   * whichever layer wrote it.
   */
  private static String oneLine(String s) {
    if (s == null) {
      return "";
    }
    String line = s.strip().replaceAll("\\s*\\R\\s*", "; ");
    return LONG_RUN.matcher(line).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group().substring(0, 77)
        + "..."));
  }

  private static final java.util.regex.Pattern LONG_RUN = java.util.regex.Pattern.compile("[^\\s;,]{81,}");

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
