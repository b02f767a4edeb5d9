package ai.brandtune.cli;

import ai.brandtune.pipeline.ProjectScaffold;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code brandtune init DIR}: scaffolds a brand project (kit files and project.yaml). */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Create a brand project in DIR: brand.yaml, products.yaml (placeholder products), the"
          + " content types and dictionaries to edit, and project.yaml with commented defaults.",
      "Then: brandtune brand validate --kit DIR; brandtune pipeline --config DIR/project.yaml"
    })
final class InitCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "New (or empty) project directory.")
  Path dir;

  @Option(
      names = "--name",
      paramLabel = "BRAND",
      description = "The brand's name in brand.yaml. Default: the directory's name.")
  String name;

  @Override
  public Integer call() {
    String brand = name != null ? name : dir.toAbsolutePath().normalize().getFileName().toString();
    List<String> files = ProjectScaffold.write(dir, brand);
    PrintWriter out = spec.commandLine().getOut();
    out.println("created brand project " + brand + " in " + dir + ": " + String.join(", ", files));
    out.println("next: edit brand.yaml and products.yaml, then");
    out.println("  brandtune brand validate --kit " + dir);
    out.println("  brandtune pipeline --config " + dir.resolve("project.yaml"));
    out.flush();
    return CommandLine.ExitCode.OK;
  }
}
