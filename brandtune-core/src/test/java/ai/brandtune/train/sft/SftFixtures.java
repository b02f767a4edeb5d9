package ai.brandtune.train.sft;

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

/** Tiny models and chat data for SFT tests. */
final class SftFixtures {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Eight short conversations, each with its own question and answer. */
  static final String[][] QA = {
    {"Sky color?", "blue"},
    {"Grass color?", "green"},
    {"2+2?", "four"},
    {"Capital of France?", "Paris"},
    {"Opposite of hot?", "cold"},
    {"First letter?", "A"},
    {"品牌名?", "原素方程"},
    {"Say hi", "hello there"},
  };

  private SftFixtures() {}

  /** The tiny qwen3 preset with the byte-level tokenizer; optionally its pad token set to EOS. */
  static Path tinyModel(Path parent, boolean padIsEos) throws IOException {
    Path tokenizer = parent.resolve("tokenizer");
    ByteLevelTokenizer.writeTo(tokenizer);
    if (padIsEos) {
      Path cfg = tokenizer.resolve("tokenizer_config.json");
      ObjectNode c = (ObjectNode) JSON.readTree(cfg.toFile());
      c.put("pad_token", c.get("eos_token").asText());
      JSON.writeValue(cfg.toFile(), c);
    }
    Path model = parent.resolve(padIsEos ? "tiny-pad-eos" : "tiny");
    ModelCreator.create(
        new ModelCreator.Spec(
            "tiny", null, Architecture.QWEN3, tokenizer, 1234, ScalarType.Float, model));
    return model;
  }

  static Path chatData(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String[] qa : QA) {
      ObjectNode record = JSON.createObjectNode();
      var messages = record.putArray("messages");
      messages.addObject().put("role", "user").put("content", qa[0]);
      messages.addObject().put("role", "assistant").put("content", qa[1]);
      lines.add(JSON.writeValueAsString(record));
    }
    Files.write(file, lines);
    return file;
  }

  static SftConfig config(Path model, Path data, Path out, String... overrides) {
    List<String> all = new ArrayList<>();
    all.add("model_name_or_path=" + model);
    all.add("dataset=" + data);
    all.add("output_dir=" + out);
    all.add("progress=false");
    all.add("logging_steps=1");
    all.add("device=cpu");
    all.addAll(List.of(overrides));
    return ConfigFile.read(null, all, SftConfig.class);
  }
}
