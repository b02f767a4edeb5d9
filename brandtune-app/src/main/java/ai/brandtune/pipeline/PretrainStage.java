package ai.brandtune.pipeline;

import ai.brandtune.BrandtuneException;
import ai.brandtune.model.Architecture;
import ai.brandtune.model.ModelConfig;
import ai.brandtune.model.ModelConfigJson;
import ai.brandtune.model.ModelCreator;
import ai.brandtune.text.BpeTrainer;
import ai.brandtune.text.ByteLevelTokenizer;
import ai.brandtune.train.TrainingResult;
import ai.brandtune.train.sft.SftConfig;
import ai.brandtune.train.sft.TextPretrainer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * {@code pretrain}, only for the built-in tiny model (no {@code base_model}): learns a byte-level
 * BPE tokenizer on the brand corpus (every distinct system prompt, user prompt and copy of the data
 * stage's SFT training split), writes it as an HF {@code tokenizer.json} with a ChatML template,
 * creates a randomly initialized Qwen3-architecture model of the {@code model:} block's shape, and
 * trains it briefly as a plain causal LM on the same texts. The result is the "base model" the
 * later stages start from and the report compares against.
 *
 * <p>Keys: {@code tokenizer: {vocab_size, min_frequency}}, {@code model: {hidden_size,
 * intermediate_size, num_hidden_layers, num_attention_heads, num_key_value_heads, head_dim,
 * max_position_embeddings}}, and {@code train sft}'s keys for the training itself.
 */
final class PretrainStage implements Stage {
  static final String NAME = "pretrain";
  static final String CORPUS = "corpus.jsonl";
  static final String TOKENIZER = "tokenizer-trained";
  static final String INIT = "init";
  static final String TRAINER_CONFIG = "trainer.yaml";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> OWNED =
      Set.of(
          "model_name_or_path", "dataset", "eval_dataset", "output_dir", "resume_from_checkpoint");
  private static final Set<String> TOKENIZER_KEYS = Set.of("vocab_size", "min_frequency");
  private static final Set<String> MODEL_KEYS =
      Set.of(
          "hidden_size",
          "intermediate_size",
          "num_hidden_layers",
          "num_attention_heads",
          "num_key_value_heads",
          "head_dim",
          "max_position_embeddings");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean enabled(PipelineContext context) {
    return context.tinyDefault();
  }

  @Override
  public List<String> inputs(PipelineContext context) {
    return List.of(DataStage.NAME);
  }

  @Override
  public ObjectNode config(PipelineContext context) {
    ObjectNode d = Pipeline.YAML.createObjectNode();
    ObjectNode tokenizer = d.putObject("tokenizer");
    tokenizer.put("vocab_size", 4096);
    tokenizer.put("min_frequency", 2);
    ObjectNode model = d.putObject("model");
    model.put("hidden_size", 96);
    model.put("intermediate_size", 256);
    model.put("num_hidden_layers", 3);
    model.put("num_attention_heads", 4);
    model.put("num_key_value_heads", 2);
    model.put("head_dim", 24);
    model.put("max_position_embeddings", 2048);
    d.put("finetuning_type", "full");
    d.put("max_length", 256);
    d.put("learning_rate", 2e-3);
    d.put("lr_scheduler_type", "cosine");
    d.put("warmup_ratio", 0.1);
    d.put("per_device_train_batch_size", 8);
    d.put("max_steps", context.quick() ? 150 : 1000);
    d.put("logging_steps", 10);
    d.put("save_steps", context.quick() ? 50 : 200);
    d.put("save_total_limit", 1);
    d.put("weight_decay", 0.01);
    StageConfigs.loopDefaults(d, context, context.stageDir(NAME));
    Set<String> known = new TreeSet<>(StageConfigs.keys(SftConfig.class));
    known.add("tokenizer");
    known.add("model");
    ObjectNode merged = StageConfigs.merge(context, NAME, d, known, OWNED);
    // nested blocks merge key by key, so a project may set only model.hidden_size
    ObjectNode block = context.project().stage(NAME);
    merged.set(
        "tokenizer",
        nested(context, tokenizer, block.get("tokenizer"), "tokenizer", TOKENIZER_KEYS));
    merged.set("model", nested(context, model, block.get("model"), "model", MODEL_KEYS));
    return merged;
  }

  private static ObjectNode nested(
      PipelineContext context, ObjectNode defaults, JsonNode given, String key, Set<String> known) {
    ObjectNode out = defaults.deepCopy();
    if (given == null || given.isNull()) {
      return out;
    }
    if (!given.isObject()) {
      throw new BrandtuneException(
          context.project().source() + ": pretrain." + key + ": expected a block of " + known);
    }
    for (var it = given.fields(); it.hasNext(); ) {
      var e = it.next();
      if (!known.contains(e.getKey())) {
        throw new BrandtuneException(
            context.project().source()
                + ": pretrain."
                + key
                + "."
                + e.getKey()
                + ": unknown key; use "
                + new TreeSet<>(known));
      }
      if (!e.getValue().canConvertToInt()) {
        throw new BrandtuneException(
            context.project().source()
                + ": pretrain."
                + key
                + "."
                + e.getKey()
                + ": expected an integer");
      }
      out.set(e.getKey(), e.getValue());
    }
    return out;
  }

  @Override
  public StageResult run(StageRun run) {
    Path dir = run.dir();
    ObjectNode config = run.config();
    Path data = run.output(DataStage.NAME);
    // the tokenizer learns from the texts as often as training sees them (the system prompt in
    // every example becomes a few tokens); pretraining reads each distinct text once
    List<String> all = corpus(DataStage.export(data, "sft_train.jsonl"));
    List<String> texts = new ArrayList<>(new LinkedHashSet<>(all));
    writeCorpus(texts, dir.resolve(CORPUS));

    ObjectNode tok = (ObjectNode) config.get("tokenizer");
    int learned = tok.get("vocab_size").asInt() - 256 - ByteLevelTokenizer.SPECIAL_TOKENS.size();
    if (learned < 0) {
      throw new BrandtuneException(
          "pretrain.tokenizer.vocab_size: must be at least "
              + (256 + ByteLevelTokenizer.SPECIAL_TOKENS.size())
              + " (the byte tokens and the ChatML tokens)");
    }
    BpeTrainer.Vocabulary vocabulary =
        BpeTrainer.train(
            all, learned, tok.get("min_frequency").asInt(), BpeTrainer.Splitting.LINES);
    Path tokenizerDir = dir.resolve(TOKENIZER);
    try {
      ByteLevelTokenizer.writeTo(tokenizerDir, vocabulary);
    } catch (IOException e) {
      throw new BrandtuneException("cannot write " + tokenizerDir + ": " + e.getMessage(), e);
    }
    run.log()
        .accept(
            "          tokenizer: "
                + (256 + vocabulary.tokens().size() + ByteLevelTokenizer.SPECIAL_TOKENS.size())
                + " tokens learned on "
                + texts.size()
                + " texts");

    Path init = dir.resolve(INIT);
    ModelConfig shape =
        shape((ObjectNode) config.get("model"), 256 + vocabulary.tokens().size() + 3);
    Path shapeFile = dir.resolve("init-config.json");
    try {
      ModelConfigJson.write(shape, shapeFile);
    } catch (IOException e) {
      throw new BrandtuneException("cannot write " + shapeFile + ": " + e.getMessage(), e);
    }
    ModelCreator.create(
        new ModelCreator.Spec(
            null,
            shapeFile,
            null,
            tokenizerDir,
            run.context().project().seed(),
            ScalarType.Float,
            init));

    ObjectNode trainer = config.deepCopy();
    trainer.remove("tokenizer");
    trainer.remove("model");
    trainer.put("model_name_or_path", init.toString());
    trainer.putArray("dataset").add(dir.resolve(CORPUS).toString());
    SftConfig sft = StageConfigs.read(trainer, dir.resolve(TRAINER_CONFIG), SftConfig.class);
    TrainingResult result = TextPretrainer.run(sft, run.stop());
    Map<String, Object> summary = StageConfigs.trainingSummary(NAME, result);
    summary.put("vocab_size", 256 + vocabulary.tokens().size() + 3);
    summary.put("parameters", shape.parameterCount());
    summary.put("corpus_texts", texts.size());
    return new StageResult(
        StageConfigs.topLevelFiles(dir), summary, StageConfigs.trainingNote(result));
  }

  private static ModelConfig shape(ObjectNode m, int vocab) {
    return new ModelConfig(
        Architecture.QWEN3,
        vocab,
        m.get("hidden_size").asInt(),
        m.get("intermediate_size").asInt(),
        m.get("num_hidden_layers").asInt(),
        m.get("num_attention_heads").asInt(),
        m.get("num_key_value_heads").asInt(),
        m.get("head_dim").asInt(),
        m.get("max_position_embeddings").asInt(),
        1000000.0,
        null,
        1e-6,
        true,
        0.02,
        null,
        List.of(),
        null,
        "float32");
  }

  /** Every message text of an SFT file, in order. */
  static List<String> corpus(Path sftFile) {
    List<String> texts = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(sftFile, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        for (JsonNode m : JSON.readTree(line).path("messages")) {
          String content = m.path("content").asText("");
          if (!content.isBlank()) {
            texts.add(content);
          }
        }
      }
    } catch (IOException e) {
      throw new BrandtuneException("cannot read " + sftFile + ": " + e.getMessage(), e);
    }
    return texts;
  }

  private static void writeCorpus(List<String> texts, Path file) {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (String t : texts) {
        w.write(JSON.writeValueAsString(Map.of("text", t)));
        w.newLine();
      }
    } catch (IOException e) {
      throw new BrandtuneException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
