package ai.brandtune.cli;

import ai.brandtune.brand.BrandKit;
import ai.brandtune.data.PreferenceEncoderOptions;
import ai.brandtune.serve.OpenAiServer;
import ai.brandtune.serve.ServeConfig;
import ai.brandtune.serve.ServedModel;
import ai.brandtune.tensor.Devices;
import ai.brandtune.train.reward.RewardScorer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.Device;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code brandtune serve}: the OpenAI-compatible API and the web copy studio for a chat model, in
 * the foreground until Ctrl-C. See docs/serving.md.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    showDefaultValues = true,
    description = {
      "Serve a model: OpenAI-compatible /v1/chat/completions and /v1/models, /health, and the"
          + " brand copy studio at / (with its /api endpoints)."
    })
final class ServeCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin ModelOptions model;

  @Mixin ServeOptions serve;

  @Option(
      names = "--reward-model",
      paramLabel = "DIR",
      description =
          "A reward model (what brandtune train rm wrote) to score the studio's variants.")
  Path rewardModel;

  @Option(
      names = "--brand",
      paramLabel = "DIR",
      description = "Brand kit directory for the studio. Default: the built-in kit.")
  Path brand;

  /** Replaced by tests, which cannot set environment variables. */
  UnaryOperator<String> env = System::getenv;

  @Override
  public Integer call() throws InterruptedException {
    Running running = start();
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "brandtune serve: http://"
            + running.server().config().host()
            + ":"
            + running.server().port()
            + "/ (model "
            + running.server().config().modelId()
            + "; Ctrl-C stops)");
    out.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(running::close, "brandtune-serve-stop"));
    running.server().join();
    return CommandLine.ExitCode.OK;
  }

  /** A started server and what it holds open. */
  record Running(OpenAiServer server, LoadedModel loaded, RewardScorer scorer)
      implements AutoCloseable {
    @Override
    public void close() {
      server.close();
      if (scorer != null) {
        scorer.close();
      }
      loaded.close();
    }
  }

  /** Loads everything and starts listening; returns once the port is bound. */
  Running start() {
    BrandKit kit = brand == null ? BrandKit.builtIn() : BrandKit.load(brand);
    LoadedModel loaded = LoadedModel.load(model);
    RewardScorer scorer = null;
    try {
      ServeConfig config =
          serve.config(
              String.valueOf(loaded.dir().toAbsolutePath().normalize().getFileName()), env);
      ServedModel served =
          new ServedModel(loaded.model(), loaded.tokenizer(), loaded.eosIds(), loaded.padId());
      if (rewardModel != null) {
        Device on = Devices.parse(model.device);
        scorer =
            RewardScorer.open(
                rewardModel,
                on,
                Dtypes.parse(model.dtype, on, "--dtype"),
                new RewardScorer.Options(16, new PreferenceEncoderOptions(1024, 512, Map.of())));
      }
      return new Running(OpenAiServer.start(config, served, kit, scorer), loaded, scorer);
    } catch (RuntimeException e) {
      if (scorer != null) {
        scorer.close();
      }
      loaded.close();
      throw e;
    }
  }
}
