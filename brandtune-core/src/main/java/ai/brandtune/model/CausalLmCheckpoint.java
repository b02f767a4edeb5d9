package ai.brandtune.model;

import ai.brandtune.io.CheckpointDirectory;
import ai.brandtune.io.GenerationConfig;
import ai.brandtune.io.SafetensorsWeights;
import ai.brandtune.io.SafetensorsWriter;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

/** Loads and saves a {@link CausalLm} as a Hugging Face checkpoint directory. */
public final class CausalLmCheckpoint {
  private CausalLmCheckpoint() {}

  public static CausalLm load(Path dir, Device device, ScalarType dtype) {
    CheckpointDirectory.requireModelDir(dir);
    ModelConfig config = ModelConfigJson.read(dir.resolve(CheckpointDirectory.CONFIG));
    try (SafetensorsWeights weights = SafetensorsWeights.open(dir)) {
      CheckpointSource source = new CheckpointSource(weights, device, dtype);
      CausalLm model = new CausalLm(config, source, device, dtype);
      source.rejectUnread();
      return model;
    }
  }

  /**
   * Writes config.json, generation_config.json, the weights (sharded past 5 GB, as transformers
   * does) and the tokenizer files from {@code tokenizerDir}, atomically replacing {@code dir}.
   */
  public static void save(
      CausalLm model, GenerationConfig generation, Path tokenizerDir, Path dir) {
    CheckpointDirectory.writeAtomically(
        dir,
        tmp -> {
          ModelConfig saved = model.config().withTorchDtype(dtypeName(model.dtype()));
          ModelConfigJson.write(saved, tmp.resolve(CheckpointDirectory.CONFIG));
          generation.writeTo(tmp);
          try (PointerScope s = new PointerScope()) {
            Map<String, Tensor> params = model.parameters();
            SafetensorsWriter.writeSharded(tmp, params, CheckpointDirectory.MAX_SHARD_BYTES);
          }
          if (tokenizerDir != null) {
            CheckpointDirectory.copyTokenizerFiles(tokenizerDir, tmp);
          }
        });
  }

  /** transformers' torch_dtype name. */
  static String dtypeName(ScalarType dtype) {
    return switch (dtype) {
      case BFloat16 -> "bfloat16";
      case Half -> "float16";
      default -> "float32";
    };
  }
}
