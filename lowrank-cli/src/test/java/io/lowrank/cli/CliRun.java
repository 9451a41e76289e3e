package io.lowrank.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import picocli.CommandLine;

/** Runs the CLI in-process and captures stdout, stderr and the exit status. */
record CliRun(int status, String out, String err) {

  static CliRun of(String... args) {
    return with(null, args);
  }

  /** Like {@link #of} with a hook to adjust the command line (e.g. add a test subcommand). */
  static CliRun with(Consumer<CommandLine> adjust, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    int status;
    if (adjust == null) {
      status = Main.run(args, o, e);
    } else {
      CommandLine cl = Main.commandLine(o, e);
      adjust.accept(cl);
      cl.setOut(cl.getOut()); // propagate the captured streams to subcommands added by the hook
      cl.setErr(cl.getErr());
      status = cl.execute(args);
      cl.getOut().flush();
      cl.getErr().flush();
    }
    return new CliRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
