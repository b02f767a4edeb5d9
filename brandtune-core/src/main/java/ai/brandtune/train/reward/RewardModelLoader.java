package ai.brandtune.train.reward;

import ai.brandtune.BrandtuneException;
import ai.brandtune.io.CheckpointDirectory;
import ai.brandtune.io.PeftAdapterConfig;
import ai.brandtune.io.PeftAdapterFiles;
import ai.brandtune.model.RewardModel;
import ai.brandtune.model.RewardModelCheckpoint;
import ai.brandtune.model.lora.RewardLoraModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Opens what {@code brandtune train rm} writes, whichever kind it is: a full {@code
 * *ForSequenceClassification} checkpoint, or a PEFT SEQ_CLS adapter whose base (its {@code
 * base_model_name_or_path}, a causal LM or a SequenceClassification model) is loaded first and the
 * adapter and head merged in, so scoring runs at base speed.
 */
public final class RewardModelLoader {
  private RewardModelLoader() {}

  /**
   * A reward model ready to score.
   *
   * @param tokenizerDir where its tokenizer files are: the given directory when it has them, else
   *     the adapter's base
   */
  public record Loaded(RewardModel model, Path tokenizerDir) {}

  public static Loaded load(Path dir, Device device, ScalarType dtype) {
    if (!Files.isDirectory(dir)) {
      throw new BrandtuneException(dir + ": no such reward model directory");
    }
    boolean full = Files.isRegularFile(dir.resolve(CheckpointDirectory.CONFIG));
    if (full || !PeftAdapterFiles.isAdapterDir(dir)) {
      RewardModel model = RewardModelCheckpoint.load(dir, device, dtype);
      return new Loaded(model, dir);
    }
    Path base = baseOf(dir);
    RewardModel model = RewardModelCheckpoint.fromPretrained(base, device, dtype, 0, null);
    RewardLoraModel.load(model, dir).merge();
    boolean ownTokenizer = Files.isRegularFile(dir.resolve(CheckpointDirectory.TOKENIZER));
    return new Loaded(model, ownTokenizer ? dir : base);
  }

  /**
   * The base an adapter names: a path as given (relative to the working directory, as PEFT reads
   * it) or, failing that, relative to the adapter.
   */
  static Path baseOf(Path adapterDir) {
    PeftAdapterConfig config = PeftAdapterFiles.readConfig(adapterDir);
    Path configFile = adapterDir.resolve(PeftAdapterFiles.CONFIG);
    String name = config.baseModelNameOrPath();
    if (name == null || name.isBlank()) {
      throw new BrandtuneException(
          configFile + ": base_model_name_or_path is not set, so the base model is unknown");
    }
    Path asGiven = Path.of(name);
    if (Files.isRegularFile(asGiven.resolve(CheckpointDirectory.CONFIG))) {
      return asGiven;
    }
    Path besideAdapter = adapterDir.resolve(name).normalize();
    if (!asGiven.isAbsolute()
        && Files.isRegularFile(besideAdapter.resolve(CheckpointDirectory.CONFIG))) {
      return besideAdapter;
    }
    throw new BrandtuneException(
        configFile
            + ": base model '"
            + name
            + "' (base_model_name_or_path) is not a local model directory"
            + (asGiven.isAbsolute()
                ? ""
                : " (looked in the working directory and beside the adapter)"));
  }
}
