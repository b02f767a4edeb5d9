package ai.brandtune.model;

import ai.brandtune.BrandtuneException;
import ai.brandtune.io.CheckpointDirectory;
import ai.brandtune.io.GenerationConfig;
import ai.brandtune.io.SafetensorsWeights;
import ai.brandtune.io.SafetensorsWriter;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
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
    Path file = dir.resolve(CheckpointDirectory.CONFIG);
    JsonNode json = ModelConfigJson.readTree(file);
    if (ModelConfigJson.isSequenceClassification(json)) {
      throw new BrandtuneException(
          dir
              + " is a reward model ("
              + json.path("architectures").path(0).asText()
              + "), not a language model: it scores text but cannot generate; use brandtune rm"
              + " score");
    }
    ModelConfig config = ModelConfigJson.parse(json, file.toString());
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
          writeTo(model, tmp);
          generation.writeTo(tmp);
          if (tokenizerDir != null) {
            CheckpointDirectory.copyTokenizerFiles(tokenizerDir, tmp);
          }
        });
  }

  /**
   * Writes config.json and the weights into existing directory {@code dir}, for callers that add
   * their own files (generation config, tokenizer, trainer state) inside {@link
   * CheckpointDirectory#writeAtomically}.
   */
  public static void writeTo(CausalLm model, Path dir) throws IOException {
    ModelConfig saved = model.config().withTorchDtype(dtypeName(model.dtype()));
    ModelConfigJson.write(saved, dir.resolve(CheckpointDirectory.CONFIG));
    try (PointerScope s = new PointerScope()) {
      Map<String, Tensor> params = model.parameters();
      SafetensorsWriter.writeSharded(dir, params, CheckpointDirectory.MAX_SHARD_BYTES);
    }
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
