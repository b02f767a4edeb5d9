package ai.brandtune.model;

import ai.brandtune.BrandtuneException;
import ai.brandtune.io.CheckpointDirectory;
import ai.brandtune.io.SafetensorsWeights;
import ai.brandtune.io.SafetensorsWriter;
import ai.brandtune.tensor.Devices;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Loads and saves a {@link RewardModel} as a Hugging Face {@code *ForSequenceClassification}
 * checkpoint with {@code num_labels: 1} (config {@code architectures}, {@code id2label}, the
 * decoder's tensors and {@code score.weight}, no {@code lm_head}), which transformers, TRL, vLLM
 * and verl load as a reward model.
 */
public final class RewardModelCheckpoint {
  private RewardModelCheckpoint() {}

  /** Whether {@code dir}'s config.json declares a SequenceClassification model. */
  public static boolean isRewardModel(Path dir) {
    CheckpointDirectory.requireModelDir(dir);
    return ModelConfigJson.isSequenceClassification(
        ModelConfigJson.readTree(dir.resolve(CheckpointDirectory.CONFIG)));
  }

  /**
   * Loads a reward model saved as a SequenceClassification checkpoint with one label; a causal LM
   * is refused (its scores would come from an untrained head).
   */
  public static RewardModel load(Path dir, Device device, ScalarType dtype) {
    CheckpointDirectory.requireModelDir(dir);
    Path file = dir.resolve(CheckpointDirectory.CONFIG);
    JsonNode json = ModelConfigJson.readTree(file);
    if (!ModelConfigJson.isSequenceClassification(json)) {
      throw new BrandtuneException(
          dir
              + " is not a reward model: "
              + file.getFileName()
              + " declares "
              + json.path("architectures").path(0).asText("a causal LM")
              + ", not a *ForSequenceClassification model; train one with brandtune train rm");
    }
    return open(dir, json, device, dtype, 0, null);
  }

  /**
   * The starting point of reward-model training: a SequenceClassification checkpoint as saved, or a
   * causal LM's decoder with a fresh head drawn as transformers' {@code _init_weights} draws it,
   * normal(0, initializer_range), from {@code headSeed} (its {@code lm_head} is dropped).
   *
   * @param padTokenId recorded in the config when the checkpoint has none (transformers needs it to
   *     find the last token of padded rows); null leaves it unset
   */
  public static RewardModel fromPretrained(
      Path dir, Device device, ScalarType dtype, long headSeed, Integer padTokenId) {
    CheckpointDirectory.requireModelDir(dir);
    JsonNode json = ModelConfigJson.readTree(dir.resolve(CheckpointDirectory.CONFIG));
    return open(dir, json, device, dtype, headSeed, padTokenId);
  }

  private static RewardModel open(
      Path dir, JsonNode json, Device device, ScalarType dtype, long headSeed, Integer pad) {
    Path file = dir.resolve(CheckpointDirectory.CONFIG);
    ModelConfig config = ModelConfigJson.parse(json, file.toString());
    if (config.padTokenId() == null && pad != null) {
      config = config.withSpecialTokens(config.bosTokenId(), config.eosTokenIds(), pad);
    }
    boolean hasHead = ModelConfigJson.isSequenceClassification(json);
    if (hasHead && ModelConfigJson.numLabels(json) != 1) {
      throw new BrandtuneException(
          file
              + ": a reward model needs num_labels 1 (one scalar score), but this "
              + json.path("architectures").path(0).asText()
              + " has "
              + ModelConfigJson.numLabels(json)
              + " labels (id2label/num_labels)");
    }
    try (SafetensorsWeights weights = SafetensorsWeights.open(dir)) {
      CheckpointSource source = new CheckpointSource(weights, device, dtype);
      ParameterSource head;
      if (hasHead) {
        head = source;
      } else {
        if (weights.contains(RewardModel.SCORE_WEIGHT)) {
          throw new BrandtuneException(
              dir
                  + ": the weights hold "
                  + RewardModel.SCORE_WEIGHT
                  + " but config.json declares a causal LM; set architectures to "
                  + config.architecture().sequenceClassificationClass());
        }
        // drawn on the CPU in float32, so a seed gives the same head on every device and dtype
        head = new RandomInit(config, headSeed, Devices.cpu(), ScalarType.Float);
      }
      if (hasHead && weights.contains(RewardModel.SCORE_WEIGHT)) {
        long[] shape = weights.entry(RewardModel.SCORE_WEIGHT).shape();
        if (!Arrays.equals(shape, new long[] {1, config.hiddenSize()})) {
          throw new BrandtuneException(
              weights.source()
                  + ": tensor '"
                  + RewardModel.SCORE_WEIGHT
                  + "' has shape "
                  + Arrays.toString(shape)
                  + "; a reward model's head is [1, hidden_size] = [1, "
                  + config.hiddenSize()
                  + "]");
        }
      }
      RewardModel model = new RewardModel(config, source, head, device, dtype);
      source.rejectUnread();
      return model;
    }
  }

  /**
   * Writes config.json, the weights and the tokenizer files from {@code tokenizerDir} (when not
   * null), atomically replacing {@code dir}.
   */
  public static void save(RewardModel model, Path tokenizerDir, Path dir) {
    CheckpointDirectory.writeAtomically(
        dir,
        tmp -> {
          writeTo(model, tmp);
          if (tokenizerDir != null) {
            CheckpointDirectory.copyTokenizerFiles(tokenizerDir, tmp);
          }
        });
  }

  /**
   * Writes config.json and the weights (the head in the decoder's dtype, as transformers stores it)
   * into existing directory {@code dir}.
   */
  public static void writeTo(RewardModel model, Path dir) throws IOException {
    ModelConfig saved = model.config().withTorchDtype(CausalLmCheckpoint.dtypeName(model.dtype()));
    ModelConfigJson.writeSequenceClassification(saved, dir.resolve(CheckpointDirectory.CONFIG));
    try (PointerScope s = new PointerScope()) {
      Map<String, Tensor> params = new LinkedHashMap<>(model.parameters());
      params.put(RewardModel.SCORE_WEIGHT, model.score().to(model.dtype()));
      SafetensorsWriter.writeSharded(dir, params, CheckpointDirectory.MAX_SHARD_BYTES);
    }
  }
}
