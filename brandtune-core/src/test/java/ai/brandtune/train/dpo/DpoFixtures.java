package ai.brandtune.train.dpo;

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
import java.util.Locale;
import org.bytedeco.pytorch.global.torch.ScalarType;

/** A tiny model and rule-made preference pairs (calm product copy over hype) for DPO tests. */
final class DpoFixtures {
  private static final ObjectMapper JSON = new ObjectMapper();

  static final String[] PRODUCTS = {
    "lamp",
    "kettle",
    "chair",
    "backpack",
    "scarf",
    "mug",
    "desk",
    "pillow",
    "jacket",
    "teapot",
    "notebook",
    "bottle"
  };

  private DpoFixtures() {}

  /** The tiny qwen3 preset with the byte-level tokenizer. */
  static Path tinyModel(Path parent) throws IOException {
    Path tokenizer = parent.resolve("tokenizer");
    ByteLevelTokenizer.writeTo(tokenizer);
    Path model = parent.resolve("tiny");
    ModelCreator.create(
        new ModelCreator.Spec(
            "tiny", null, Architecture.QWEN3, tokenizer, 1234, ScalarType.Float, model));
    return model;
  }

  static String chosen(String product) {
    return "Our " + product + " is light, quiet and made to last.";
  }

  static String hype(String product) {
    return product.toUpperCase(Locale.ROOT) + "!!! THE BEST EVER!!! BUY NOW!!!";
  }

  /**
   * One record per product, chosen = calm copy, rejected = hype; the first record has a second
   * rejected copy (several rejected per prompt).
   */
  static Path preferenceData(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < PRODUCTS.length; i++) {
      String p = PRODUCTS[i];
      ObjectNode record = JSON.createObjectNode();
      record.putArray("prompt").addObject().put("role", "user").put("content", "Describe the " + p);
      record.put("chosen", chosen(p));
      if (i == 0) {
        var rejected = record.putArray("rejected");
        rejected.add(hype(p));
        rejected.add("A " + p + ". WOW WOW WOW!!!");
      } else {
        record.put("rejected", hype(p));
      }
      lines.add(JSON.writeValueAsString(record));
    }
    Files.write(file, lines);
    return file;
  }

  static DpoConfig config(Path model, Path data, Path out, String... overrides) {
    List<String> all = new ArrayList<>();
    all.add("model_name_or_path=" + model);
    all.add("dataset=" + data);
    all.add("output_dir=" + out);
    all.add("progress=false");
    all.add("logging_steps=1");
    all.add("save_steps=0");
    all.add("device=cpu");
    all.add("max_length=128");
    all.add("max_prompt_length=64");
    all.addAll(List.of(overrides));
    return ConfigFile.read(null, all, DpoConfig.class);
  }
}
