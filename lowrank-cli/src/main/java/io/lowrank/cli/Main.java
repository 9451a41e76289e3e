package io.lowrank.cli;

import io.lowrank.experiment.formats.TextFiles;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The {@code lowrank} command line. Subcommands are listed in the {@code subcommands} attribute
 * below (adding one is adding its class there); {@link #commandLine} wires the error handling that
 * turns every bad input into one line on stderr and exit status 2 (see {@link Errors}).
 */
@Command(name = "lowrank", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Low-rank matrix reconstruction by gradient descent from a small random initialisation.",
    subcommands = {RunCommand.class, SenseCommand.class, SweepCommand.class, ReproduceCommand.class, CompleteCommand.class, InpaintCommand.class,
        CompareCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
  public static final int EXIT_OK = 0;
  public static final int EXIT_DIVERGED = 1;
  public static final int EXIT_BAD_INPUT = 2;
  public static final int EXIT_INTERNAL = 70;
  /** Ctrl-C (SIGINT) or SIGTERM: what was computed so far is written, then the JVM exits with 128 + 2. */
  public static final int EXIT_INTERRUPTED = 130;

  /** Counted down when {@link #main}'s command has returned (its outputs are written). */
  private static final java.util.concurrent.CountDownLatch FINISHED = new java.util.concurrent.CountDownLatch(1);

  /** How long the shutdown hook waits for the command to write what it has. */
  static final long INTERRUPT_GRACE_SECONDS = 60;

  @Spec
  CommandSpec spec;

  @Option(names = "--debug", scope = ScopeType.INHERIT,
      description = "print stack traces of errors (also: environment LOWRANK_DEBUG=1).")
  boolean debug;

  @Option(names = "--no-color", scope = ScopeType.INHERIT,
      description = "no colour in the output (also: environment NO_COLOR set to anything).")
  boolean noColor;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(),
        "no command given; accepted: one of " + String.join(", ", spec.subcommands().keySet()));
  }

  /** The lowrank version from the jar manifest (Implementation-Version), or "dev" when run from classes. */
  public static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null || v.isBlank() ? "dev" : v;
  }

  /** Supplies {@code --version}. */
  public static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"lowrank " + version(), io.lowrank.operator.Kernels.describe(),
          "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }
  }

  /** A configured command line writing to the given streams. */
  public static CommandLine commandLine(PrintStream out, PrintStream err) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
    cl.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setColorScheme(CommandLine.Help.defaultColorScheme(Terminal.color() ? CommandLine.Help.Ansi.ON
        : CommandLine.Help.Ansi.OFF));
    cl.registerConverter(Double.class, Main::decimal);
    cl.registerConverter(Double.TYPE, Main::decimal);
    cl.setParameterExceptionHandler(Errors::onParameterException);
    cl.setExecutionExceptionHandler(Errors::onExecutionException);
    return cl;
  }

  /**
   * Option values of type double: the strict decimal grammar of the input files (no hex, no
   * {@code f}/{@code d} suffixes); the words NaN and Infinity are read so that the option's own
   * check can say what it accepts.
   */
  static double decimal(String s) {
    String t = s.strip();
    if (t.equals("NaN") || t.equals("Infinity") || t.equals("-Infinity") || t.equals("+Infinity")) {
      return Double.parseDouble(t);
    }
    if (!TextFiles.isDecimal(t)) {
      throw new CommandLine.TypeConversionException("'" + Errors.shorten(s) + "' is not a decimal number (e.g. 0.5 or "
          + "1e-3; no hex, no f/d suffixes)");
    }
    return Double.parseDouble(t);
  }

  /** Runs {@code lowrank args} and returns the exit status (0 ok, 1 diverged, 2 bad input, 70 internal). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Terminal.configure(args);
    CommandLine cl = commandLine(out, err);
    try {
      return cl.execute(args);
    } catch (Throwable t) { // errors picocli does not route to the handlers (OutOfMemoryError, ...)
      return Errors.report(cl, t, Errors.debug(Arrays.asList(args)));
    } finally {
      cl.getOut().flush();
      cl.getErr().flush();
    }
  }

  public static void main(String[] args) {
    Runtime.getRuntime().addShutdownHook(new Thread(Main::onShutdown, "lowrank-interrupt"));
    int status = run(args, System.out, System.err);
    FINISHED.countDown();
    System.exit(status); // during a Ctrl-C shutdown this blocks, and onShutdown ends the JVM with 130
  }

  /**
   * The shutdown hook: on Ctrl-C or SIGTERM while a command runs, asks every solve to stop at its
   * next iteration ({@link io.lowrank.solver.StopRequest}), waits for the command to write the
   * history and a summary with termination INTERRUPTED, then halts with exit status 130. After a
   * normal end it does nothing.
   */
  private static void onShutdown() {
    if (FINISHED.getCount() == 0) {
      return;
    }
    io.lowrank.solver.StopRequest.request();
    try {
      FINISHED.await(INTERRUPT_GRACE_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    System.out.flush();
    System.err.flush();
    Runtime.getRuntime().halt(EXIT_INTERRUPTED);
  }
}
