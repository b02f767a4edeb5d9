package ai.brandtune.cli;

import ai.brandtune.data.PreferenceEncoderOptions;
import ai.brandtune.tensor.Devices;
import ai.brandtune.tensor.Torch;
import ai.brandtune.train.reward.RewardScorer;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.global.torch.ScalarType;
import picocli.CommandLine.Option;

/** Which reward model to load, where, in what precision, and how to render and batch inputs. */
final class RewardModelOptions {
  @Option(
      names = "--model",
      required = true,
      paramLabel = "DIR",
      description =
          "What brandtune train rm wrote: a *ForSequenceClassification model directory, or a"
              + " PEFT SEQ_CLS adapter directory (its base is found through"
              + " base_model_name_or_path).")
  Path dir;

  @Option(
      names = "--device",
      defaultValue = "auto",
      paramLabel = "DEVICE",
      description = "cpu, cuda, cuda:N, or auto (CUDA when available).")
  String device;

  @Option(
      names = "--dtype",
      defaultValue = "auto",
      paramLabel = "DTYPE",
      description =
          "Weight precision: float32, bfloat16, float16, or auto (float32 on CPU, bfloat16 on CUDA).")
  String dtype;

  @Option(
      names = "--batch-size",
      defaultValue = "16",
      paramLabel = "N",
      description = "Copies scored per forward pass.")
  int batchSize;

  @Option(
      names = "--max-length",
      defaultValue = "1024",
      paramLabel = "N",
      description = "Tokens per prompt + copy; longer copies are cut (as in training).")
  int maxLength;

  @Option(
      names = "--max-prompt-length",
      defaultValue = "512",
      paramLabel = "N",
      description = "Tokens kept of a prompt (its end), as in training.")
  int maxPromptLength;

  RewardScorer.Options scorerOptions() {
    return new RewardScorer.Options(
        batchSize, new PreferenceEncoderOptions(maxLength, maxPromptLength, Map.of()));
  }

  /** Loads the model and its tokenizer; the caller closes the scorer. */
  RewardScorer open() {
    Torch.init();
    Device on = Devices.parse(device);
    ScalarType precision = Dtypes.parse(dtype, on, "--dtype");
    return RewardScorer.open(dir, on, precision, scorerOptions());
  }
}
