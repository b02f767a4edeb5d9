package ai.brandtune.eval;

import ai.brandtune.BrandtuneException;
import ai.brandtune.judge.OfflineJudges;
import ai.brandtune.llm.LlmConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code eval.yaml}: which models to evaluate on which prompts, with which judges, and where to
 * write. Read with {@code ConfigFile.read(path, overrides, EvalConfig.class)}; every key is in
 * docs/evaluation.md.
 *
 * @param name the run's name, recorded in every result row (default: the output directory's name)
 * @param models the models to evaluate
 * @param prompts the prompt-only JSONL ({@code grpo_val.jsonl} of {@code brandtune data export})
 * @param brandDir a brand kit directory; null for the built-in kit
 * @param judges judge ids: brand_rules, facts, chrf, reward_model, llm, llm_comparative
 * @param rewardModelPath the reward model for the reward_model judge
 * @param llm the judge LLM (base_url, model, api_key_env, and the other llm client keys)
 * @param reference whether LLM judgments are reference-guided by the golden copy
 * @param judgeAttempts attempts per LLM judgment when answers fail the schema
 * @param rubricsDir a directory of edited rubric files; null for the built-in ones
 * @param sampling how the models generate
 * @param batchSize prompts generated per batch
 * @param outputDir where results and the report go
 * @param maxPrompts the first N prompts only; null for all
 * @param device cpu, cuda, cuda:N or auto
 * @param dtype float32, bfloat16, float16 or auto
 */
public record EvalConfig(
    String name,
    List<ModelSpec> models,
    String prompts,
    String brandDir,
    List<String> judges,
    String rewardModelPath,
    LlmConfig llm,
    Boolean reference,
    Integer judgeAttempts,
    String rubricsDir,
    Sampling sampling,
    Integer batchSize,
    String outputDir,
    Integer maxPrompts,
    String device,
    String dtype) {

  public static final Set<String> KNOWN_JUDGES =
      Set.of(
          OfflineJudges.BRAND_RULES,
          OfflineJudges.FACTS,
          OfflineJudges.CHRF,
          OfflineJudges.REWARD_MODEL,
          OfflineJudges.LLM,
          OfflineJudges.LLM_COMPARATIVE);

  /**
   * One model to evaluate.
   *
   * @param kind {@code golden} (the kit's golden copies, or a prompt's {@code answer}) or {@code
   *     model} (a checkpoint directory, optionally with a PEFT adapter)
   */
  public record ModelSpec(String name, String kind, String path, String adapter) {
    public static final String GOLDEN = "golden";
    public static final String MODEL = "model";

    public boolean golden() {
      return GOLDEN.equals(kind);
    }
  }

  /** Sampling settings, recorded in the run. */
  public record Sampling(Double temperature, Double topP, Integer maxNewTokens, Long seed) {
    public Sampling {
      temperature = temperature == null ? 0.7 : temperature;
      topP = topP == null ? 0.9 : topP;
      maxNewTokens = maxNewTokens == null ? 512 : maxNewTokens;
      seed = seed == null ? 1234L : seed;
      if (temperature < 0) {
        throw new BrandtuneException("sampling.temperature: must be >= 0, got " + temperature);
      }
      if (topP <= 0 || topP > 1) {
        throw new BrandtuneException("sampling.top_p: must be within (0, 1], got " + topP);
      }
      if (maxNewTokens < 1) {
        throw new BrandtuneException("sampling.max_new_tokens: must be >= 1, got " + maxNewTokens);
      }
    }
  }

  public EvalConfig {
    if (models == null || models.isEmpty()) {
      throw new BrandtuneException("models: list at least one model ({name, kind, path})");
    }
    Set<String> names = new HashSet<>();
    List<ModelSpec> resolved = new ArrayList<>();
    for (int i = 0; i < models.size(); i++) {
      ModelSpec m = models.get(i);
      String where = "models[" + i + "]";
      if (m == null || m.name() == null || m.name().isBlank()) {
        throw new BrandtuneException(where + ".name is required");
      }
      if (!names.add(m.name())) {
        throw new BrandtuneException(
            where + ".name: '" + m.name() + "' is used twice; names must differ");
      }
      String kind =
          m.kind() == null ? (m.path() == null ? ModelSpec.GOLDEN : ModelSpec.MODEL) : m.kind();
      if (!kind.equals(ModelSpec.GOLDEN) && !kind.equals(ModelSpec.MODEL)) {
        throw new BrandtuneException(where + ".kind: '" + kind + "' must be golden or model");
      }
      if (kind.equals(ModelSpec.MODEL) && (m.path() == null || m.path().isBlank())) {
        throw new BrandtuneException(
            where + " (" + m.name() + "): kind model needs path (a checkpoint directory)");
      }
      resolved.add(new ModelSpec(m.name(), kind, m.path(), m.adapter()));
    }
    models = List.copyOf(resolved);
    if (prompts == null || prompts.isBlank()) {
      throw new BrandtuneException(
          "prompts: the validation prompt JSONL is required (e.g. data/export/grpo_val.jsonl)");
    }
    if (outputDir == null || outputDir.isBlank()) {
      throw new BrandtuneException("output_dir is required");
    }
    judges =
        judges == null || judges.isEmpty()
            ? List.of(OfflineJudges.BRAND_RULES, OfflineJudges.FACTS, OfflineJudges.CHRF)
            : List.copyOf(judges);
    for (String j : judges) {
      if (!KNOWN_JUDGES.contains(j)) {
        throw new BrandtuneException(
            "judges: unknown judge '"
                + j
                + "'; use brand_rules, facts, chrf, reward_model, llm, llm_comparative");
      }
    }
    if (judges.contains(OfflineJudges.REWARD_MODEL)
        && (rewardModelPath == null || rewardModelPath.isBlank())) {
      throw new BrandtuneException(
          "judges: reward_model needs reward_model_path (a directory written by brandtune train rm)");
    }
    if ((judges.contains(OfflineJudges.LLM) || judges.contains(OfflineJudges.LLM_COMPARATIVE))
        && llm == null) {
      throw new BrandtuneException(
          "judges: llm needs the llm section (base_url, model, api_key_env)");
    }
    name = name == null || name.isBlank() ? Path.of(outputDir).getFileName().toString() : name;
    reference = reference == null || reference;
    judgeAttempts = judgeAttempts == null ? 3 : judgeAttempts;
    if (judgeAttempts < 1) {
      throw new BrandtuneException("judge_attempts: must be >= 1, got " + judgeAttempts);
    }
    sampling = sampling == null ? new Sampling(null, null, null, null) : sampling;
    batchSize = batchSize == null ? 4 : batchSize;
    if (batchSize < 1) {
      throw new BrandtuneException("batch_size: must be >= 1, got " + batchSize);
    }
    if (maxPrompts != null && maxPrompts < 1) {
      throw new BrandtuneException("max_prompts: must be >= 1, got " + maxPrompts);
    }
    device = device == null ? "auto" : device;
    dtype = dtype == null ? "auto" : dtype;
  }
}
