package ai.brandtune.pipeline;

import ai.brandtune.BrandtuneException;
import ai.brandtune.train.StopSignal;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * One execution of a stage.
 *
 * @param stage the stage's name
 * @param context the run's context
 * @param dir the stage's directory (exists; holds config.yaml)
 * @param config the stage's resolved config, as written to {@code dir/config.yaml}
 * @param inputs the stages whose outputs this stage may read
 * @param stop Ctrl-C turned into a request training stages honour between steps
 * @param log progress lines for the user
 */
public record StageRun(
    String stage,
    PipelineContext context,
    Path dir,
    ObjectNode config,
    List<String> inputs,
    StopSignal stop,
    Consumer<String> log) {

  /** The config file the runner wrote. */
  public Path configFile() {
    return dir.resolve(Pipeline.CONFIG_FILE);
  }

  /** The directory of {@code stage}, one of this stage's inputs, which completed in this run. */
  public Path output(String stage) {
    if (!inputs.contains(stage)) {
      throw new IllegalArgumentException(
          this.stage + " reads " + stage + " but does not list it in inputs()");
    }
    Path dir = context.stageDir(stage);
    if (!Files.isDirectory(dir)) {
      throw new BrandtuneException(
          this.stage + ": needs the outputs of stage " + stage + " in " + dir + "; run it first");
    }
    return dir;
  }
}
