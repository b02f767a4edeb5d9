package ai.brandtune.train.grpo;

import ai.brandtune.model.Architecture;
import ai.brandtune.model.ModelCreator;
import ai.brandtune.text.ByteLevelTokenizer;
import ai.brandtune.train.ConfigFile;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.global.torch.ScalarType;

/** A tiny model, prompt data and a deterministic reward for GRPO tests. */
final class GrpoFixtures {
  private static final ObjectMapper JSON = new ObjectMapper();

  static final String[] PRODUCTS = {"lamp", "kettle", "chair", "mug", "desk", "scarf"};

  private GrpoFixtures() {}

  /**
   * The tiny qwen3 preset with the byte-level tokenizer, initialised with a wider spread (0.15
   * instead of 0.02): with 64 hidden units and RMS-normed hidden states, a 0.02 embedding caps any
   * token's logit near 1.3, so no adapter could make a completion predictable; 0.15 leaves room.
   */
  static Path tinyModel(Path parent) throws IOException {
    Path tokenizer = parent.resolve("tokenizer");
    ByteLevelTokenizer.writeTo(tokenizer);
    Path shape = parent.resolve("shape");
    ModelCreator.create(
        new ModelCreator.Spec(
            "tiny", null, Architecture.QWEN3, tokenizer, 1234, ScalarType.Float, shape));
    ObjectNode config = (ObjectNode) JSON.readTree(shape.resolve("config.json").toFile());
    config.put("initializer_range", 0.15);
    config.put("num_hidden_layers", 1);
    Path configFile = parent.resolve("config.json");
    JSON.writeValue(configFile.toFile(), config);
    Path model = parent.resolve("tiny");
    ModelCreator.create(
        new ModelCreator.Spec(
            "tiny", configFile, Architecture.QWEN3, tokenizer, 1234, ScalarType.Float, model));
    return model;
  }

  /** One prompt record per product, with meta and an answer. */
  static Path prompts(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String p : PRODUCTS) {
      ObjectNode r = JSON.createObjectNode();
      r.putArray("prompt").addObject().put("role", "user").put("content", "Describe the " + p);
      r.putObject("meta").put("product_id", p);
      lines.add(JSON.writeValueAsString(r));
    }
    Files.write(file, lines);
    return file;
  }

  /** The share of {@code max} completion characters that are lowercase ASCII letters. */
  static RewardFunction letters(int max) {
    return new RewardFunction() {
      @Override
      public String name() {
        return "letters";
      }

      @Override
      public Double score(RewardSample s) {
        long n = s.completion().chars().filter(c -> c >= 'a' && c <= 'z').count();
        return Math.min(1.0, (double) n / max);
      }
    };
  }

  /** The same reward for every completion. */
  static RewardFunction constant(double value) {
    return new RewardFunction() {
      @Override
      public String name() {
        return "flat";
      }

      @Override
      public Double score(RewardSample s) {
        return value;
      }
    };
  }

  static RewardRegistry registry(int max) {
    return RewardRegistry.builtIn().with("letters", settings -> letters(max));
  }

  static GrpoConfig config(Path model, Path data, Path out, String... overrides) {
    List<String> all = new ArrayList<>();
    all.add("model_name_or_path=" + model);
    all.add("dataset=" + data);
    all.add("output_dir=" + out);
    all.add("reward_funcs=[letters]");
    all.add("progress=false");
    all.add("logging_steps=1");
    all.add("save_steps=0");
    all.add("device=cpu");
    all.add("num_generations=8");
    all.add("generation_batch_size=32");
    all.add("per_device_train_batch_size=32");
    all.add("max_completion_length=6");
    all.add("lr_scheduler_type=constant");
    all.addAll(List.of(overrides));
    return ConfigFile.read(null, all, GrpoConfig.class);
  }
}
