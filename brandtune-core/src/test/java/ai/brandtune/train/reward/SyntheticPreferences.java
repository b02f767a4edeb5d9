package ai.brandtune.train.reward;

import ai.brandtune.model.Architecture;
import ai.brandtune.model.ModelCreator;
import ai.brandtune.text.ByteLevelTokenizer;
import ai.brandtune.train.ConfigFile;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Rule-made brand preferences for the reward-model tests: a chosen copy names the product with the
 * brand's encouraged words (屏障, 修护, 温和, ...) and no hype; its rejected copies are the same copy
 * with hype injected ({@code exaggerated}: 神器, ！！, 最...) or a generic copy without the brand's
 * words ({@code weak}). Held-out sets use products training never saw, so a model that ranks them
 * has learnt the rule, not the examples.
 */
final class SyntheticPreferences {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] PRODUCTS = {
    "面霜", "精华", "乳液", "洁面", "面膜", "防晒", "眼霜", "唇膏", "身体乳", "爽肤水", "卸妆油", "喷雾"
  };
  private static final String[] ENCOURAGED = {"屏障", "修护", "温和", "保湿", "舒缓", "稳定"};
  private static final String[] HYPE = {"神器", "！！", "最强", "绝绝子", "秒杀", "第一"};
  private static final String[] GENERIC = {"不错", "好用", "可以", "挺好", "推荐", "实惠"};

  private SyntheticPreferences() {}

  /** The tiny qwen3 preset with the built-in byte-level ChatML tokenizer. */
  static Path tinyModel(Path parent) throws IOException {
    Path tokenizer = parent.resolve("tokenizer");
    ByteLevelTokenizer.writeTo(tokenizer);
    Path model = parent.resolve("tiny");
    ModelCreator.create(
        new ModelCreator.Spec(
            "tiny", null, Architecture.QWEN3, tokenizer, 1234, ScalarType.Float, model));
    return model;
  }

  /**
   * Writes {@code count} records; every third has both an exaggerated and a weak rejected copy, the
   * others one of them. Training sets ({@code heldOut} false) use the first nine products, held-out
   * sets the last three.
   */
  static Path write(Path file, int count, long seed, boolean heldOut) throws IOException {
    Random rnd = new Random(seed);
    String[] products =
        heldOut
            ? java.util.Arrays.copyOfRange(PRODUCTS, 9, PRODUCTS.length)
            : java.util.Arrays.copyOfRange(PRODUCTS, 0, 9);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String product = pick(rnd, products);
      String a = pick(rnd, ENCOURAGED);
      String b = pick(rnd, ENCOURAGED);
      String chosen = product + a + b + "，" + pick(rnd, ENCOURAGED) + "。";
      String exaggerated =
          rnd.nextBoolean()
              ? pick(rnd, HYPE) + product + a + b + "，" + pick(rnd, HYPE) + "。"
              : product + a + pick(rnd, HYPE) + b + "！！";
      String weak =
          product + pick(rnd, GENERIC) + pick(rnd, GENERIC) + "，" + pick(rnd, GENERIC) + "。";
      ObjectNode r = JSON.createObjectNode();
      r.putArray("prompt").addObject().put("role", "user").put("content", "写" + product + "文案");
      r.put("chosen", chosen);
      ArrayNode rejected = r.putArray("rejected");
      ArrayNode types = r.putArray("rejected_types");
      if (i % 3 == 0) {
        rejected.add(exaggerated).add(weak);
        types.add("exaggerated").add("weak");
      } else if (rnd.nextInt(3) > 0) {
        rejected.add(exaggerated);
        types.add("exaggerated");
      } else {
        rejected.add(weak);
        types.add("weak");
      }
      lines.add(JSON.writeValueAsString(r));
    }
    Files.write(file, lines);
    return file;
  }

  static RewardConfig config(Path model, Path train, Path eval, Path out, String... overrides) {
    List<String> all = new ArrayList<>();
    all.add("model_name_or_path=" + model);
    all.add("dataset=" + train);
    if (eval != null) {
      all.add("eval_dataset=" + eval);
    }
    all.add("output_dir=" + out);
    all.add("progress=false");
    all.add("logging_steps=5");
    all.add("device=cpu");
    all.addAll(List.of(overrides));
    return ConfigFile.read(null, all, RewardConfig.class);
  }

  private static String pick(Random rnd, String[] values) {
    return values[rnd.nextInt(values.length)];
  }
}
