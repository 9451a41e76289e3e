package io.lowrank.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The help texts are complete sentences without hard line breaks: picocli wraps them to the
 * terminal, and the top-level {@code --help} shows each command's first paragraph, which must
 * therefore be a whole description, not the first line of one.
 */
class HelpTextTest {
  private static List<CommandLine> commands() {
    List<CommandLine> all = new ArrayList<>();
    CommandLine root = Main.commandLine(System.out, System.err);
    all.add(root);
    root.getSubcommands().forEach((name, c) -> {
      if (!(c.getCommand() instanceof CommandLine.HelpCommand)) { // picocli's own
        all.add(c);
      }
    });
    return all;
  }

  @Test
  void everyDescriptionAndOptionTextIsWholeSentences() {
    List<String> bad = new ArrayList<>();
    for (CommandLine cl : commands()) {
      CommandSpec s = cl.getCommandSpec();
      for (String d : s.usageMessage().description()) {
        if (!d.strip().matches("(?s).*[.)]$") || d.contains("\n") || d.contains("%n")) {
          bad.add(s.qualifiedName() + " description: " + d);
        }
      }
      List<ArgSpec> args = new ArrayList<>(s.options());
      args.addAll(s.positionalParameters());
      for (ArgSpec a : args) {
        String text = String.join(" ", a.description()).strip();
        if (!text.endsWith(".") || text.contains("\n") || a.description().length > 1) {
          bad.add(s.qualifiedName() + " " + a + ": " + text);
        }
      }
    }
    assertThat(bad).isEmpty();
  }

  @Test
  void topLevelHelpShowsEachCommandsWholeFirstParagraph() {
    CliRun help = CliRun.of("--help", "--no-color");
    assertThat(help.status()).isZero();
    String flat = help.out().replaceAll("\\s+", ""); // picocli may wrap after any '.' (history. csv)
    for (CommandLine cl : commands().subList(1, commands().size())) {
      String first = cl.getCommandSpec().usageMessage().description()[0].replaceAll("\\s+", "");
      assertThat(flat).as(cl.getCommandName()).contains(first);
    }
    assertThat(help.out()).doesNotContain("\u001b[");
  }
}
