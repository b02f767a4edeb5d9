package ai.brandtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

class HelpTest {

  @Test
  void topLevelHelpListsEveryCommand() {
    CliRun run = CliRun.of("--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains(
            "init-model", "merge", "generate", "chat", "score", "doctor", "bench", "--verbose");
  }

  @Test
  void benchHelpListsItsSubcommands() {
    CliRun run = CliRun.of("bench", "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("generate", "forward", "sft");
  }

  @Test
  void everyOptionOfEveryCommandIsDescribedInItsHelp() {
    List<CommandLine> commands = new ArrayList<>();
    collect(BrandtuneCli.commandLine(), commands);
    assertThat(commands).hasSizeGreaterThanOrEqualTo(9);
    for (CommandLine command : commands) {
      CommandSpec spec = command.getCommandSpec();
      String help = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
      for (OptionSpec option : spec.options()) {
        String description = String.join(" ", option.description()).strip();
        assertThat(description)
            .as("description of %s in '%s'", option.longestName(), spec.qualifiedName())
            .isNotEmpty();
        assertThat(help)
            .as("help of '%s' mentions %s", spec.qualifiedName(), option.longestName())
            .contains(option.longestName());
      }
    }
  }

  @Test
  void defaultsAreShownInHelp() {
    CliRun run = CliRun.of("bench", "generate", "--help");
    assertThat(run.out()).contains("Default: 1,8", "Default: 64");
  }

  @Test
  void versionNamesBrandtuneAndLibtorch() {
    CliRun run = CliRun.of("--version");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("brandtune", "libtorch");
  }

  private static void collect(CommandLine command, List<CommandLine> into) {
    into.add(command);
    for (CommandLine sub : command.getSubcommands().values()) {
      if (!into.contains(sub)) {
        collect(sub, into);
      }
    }
  }
}
