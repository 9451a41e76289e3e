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

  @Spec
  CommandSpec spec;

  @Option(names = "--debug", scope = ScopeType.INHERIT,
      description = "print stack traces of errors (also: environment LOWRANK_DEBUG=1).")
  boolean debug;

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
      return new String[] {"lowrank " + version()};
    }
  }

  /** A configured command line writing to the given streams. */
  public static CommandLine commandLine(PrintStream out, PrintStream err) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
    cl.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
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
    System.exit(run(args, System.out, System.err));
  }
}
