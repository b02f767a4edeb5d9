package ai.brandtune.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code brandtune brand}: the brand kit's commands. */
@Command(
    name = "brand",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Brand kit: show it, build prompts, check copy, validate the kit and its corpora.",
    subcommands = {
      BrandShowCommand.class,
      BrandPromptCommand.class,
      BrandCheckCommand.class,
      BrandValidateCommand.class,
      BrandFillPromptsCommand.class
    })
final class BrandCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return CommandLine.ExitCode.USAGE;
  }
}
