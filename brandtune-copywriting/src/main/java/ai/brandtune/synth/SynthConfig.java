package ai.brandtune.synth;

import ai.brandtune.BrandtuneException;
import ai.brandtune.brand.BrandKit;
import ai.brandtune.llm.LlmConfig;
import ai.brandtune.train.ConfigFile;
import java.nio.file.Path;
import java.util.List;

/**
 * The data-synthesis config ({@code data.yaml}): which kit, which teacher (none = offline: golden
 * corpus and rule-based rejects), which products and content types, the rejected-variant mix, the
 * LLM cleaning passes, the split and the seed. Keys are snake_case; every key is documented in
 * docs/data.md. Absent keys take the defaults set here.
 *
 * @param kit the brand kit directory; null for the built-in kit
 * @param teacher the teacher LLM (an {@link LlmConfig} block); null to synthesize offline
 * @param seed drives every random choice (reject types, rule-based variants, split)
 * @param products product ids to synthesize for; empty for all
 * @param contentTypes content type ids to synthesize; empty for all
 * @param promptsDir a directory whose prompt files ({@code generate.yaml}, ...) replace the
 *     built-in ones of the same name; null for the built-in prompts
 * @param llmClean whether {@code clean} runs its LLM passes (only with a teacher)
 * @param llmCleanPasses which LLM passes, in order: {@code rewrite}, {@code add_cta}, {@code
 *     enrich}
 * @param rejectMix the share of weak, exaggerated and fabricated variants
 * @param rejectsPerChosen rejected variants per chosen copy
 * @param rejectAttempts attempts per rejected variant before it is dropped
 * @param weakModel a weaker model on the teacher's endpoint for weak variants; null for the teacher
 *     with the weak prompt
 * @param valRatio share of products held out for validation by {@code split}
 * @param export options of the export stages
 */
public record SynthConfig(
    String kit,
    LlmConfig teacher,
    Long seed,
    List<String> products,
    List<String> contentTypes,
    String promptsDir,
    Boolean llmClean,
    List<String> llmCleanPasses,
    RejectMix rejectMix,
    Integer rejectsPerChosen,
    Integer rejectAttempts,
    String weakModel,
    Double valRatio,
    ExportOptions export) {

  /** The LLM cleaning passes, in the order they run. */
  public static final List<String> CLEAN_PASSES = List.of("rewrite", "add_cta", "enrich");

  public SynthConfig {
    seed = seed == null ? 42L : seed;
    products = products == null ? List.of() : List.copyOf(products);
    contentTypes = contentTypes == null ? List.of() : List.copyOf(contentTypes);
    llmClean = llmClean == null ? Boolean.TRUE : llmClean;
    llmCleanPasses = llmCleanPasses == null ? CLEAN_PASSES : List.copyOf(llmCleanPasses);
    for (String p : llmCleanPasses) {
      if (!CLEAN_PASSES.contains(p)) {
        throw new BrandtuneException(
            "llm_clean_passes: unknown pass '"
                + p
                + "'; use some of "
                + String.join(", ", CLEAN_PASSES)
                + " (or llm_clean: false for none)");
      }
    }
    rejectMix = rejectMix == null ? RejectMix.DEFAULT : rejectMix;
    rejectsPerChosen = rejectsPerChosen == null ? 1 : rejectsPerChosen;
    if (rejectsPerChosen < 1 || rejectsPerChosen > 8) {
      throw new BrandtuneException(
          "rejects_per_chosen: must be within [1, 8], got " + rejectsPerChosen);
    }
    rejectAttempts = rejectAttempts == null ? 3 : rejectAttempts;
    if (rejectAttempts < 1) {
      throw new BrandtuneException("reject_attempts: must be >= 1, got " + rejectAttempts);
    }
    valRatio = valRatio == null ? 0.1 : valRatio;
    if (!(valRatio >= 0 && valRatio < 1)) {
      throw new BrandtuneException("val_ratio: must be within [0, 1), got " + valRatio);
    }
    export = export == null ? ExportOptions.DEFAULT : export;
  }

  /** Every key at its default: the built-in kit, offline. */
  public static SynthConfig defaults() {
    return new SynthConfig(
        null, null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /**
   * Reads {@code data.yaml} (null for defaults plus overrides). Unknown keys are errors naming the
   * file and line, nested blocks ({@code teacher:}, {@code reject_mix:}, {@code export:}) included.
   */
  public static SynthConfig load(Path file, List<String> overrides) {
    if (file != null) {
      NestedKeys.check(file, SynthConfig.class);
    }
    return ConfigFile.read(file, overrides, SynthConfig.class);
  }

  /** Whether a teacher LLM is configured (else every stage runs offline). */
  public boolean hasTeacher() {
    return teacher != null;
  }

  /** The brand kit this config names (the built-in one when {@code kit} is absent). */
  public BrandKit loadKit() {
    return kit == null || kit.isBlank() ? BrandKit.builtIn() : BrandKit.load(Path.of(kit));
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Fluent construction for code and tests. */
  public static final class Builder {
    private String kit;
    private LlmConfig teacher;
    private Long seed;
    private List<String> products;
    private List<String> contentTypes;
    private String promptsDir;
    private Boolean llmClean;
    private List<String> llmCleanPasses;
    private RejectMix rejectMix;
    private Integer rejectsPerChosen;
    private Integer rejectAttempts;
    private String weakModel;
    private Double valRatio;
    private ExportOptions export;

    private Builder(SynthConfig c) {
      kit = c.kit;
      teacher = c.teacher;
      seed = c.seed;
      products = c.products;
      contentTypes = c.contentTypes;
      promptsDir = c.promptsDir;
      llmClean = c.llmClean;
      llmCleanPasses = c.llmCleanPasses;
      rejectMix = c.rejectMix;
      rejectsPerChosen = c.rejectsPerChosen;
      rejectAttempts = c.rejectAttempts;
      weakModel = c.weakModel;
      valRatio = c.valRatio;
      export = c.export;
    }

    public Builder kit(Path v) {
      kit = v == null ? null : v.toString();
      return this;
    }

    public Builder teacher(LlmConfig v) {
      teacher = v;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder products(List<String> v) {
      products = v;
      return this;
    }

    public Builder contentTypes(List<String> v) {
      contentTypes = v;
      return this;
    }

    public Builder promptsDir(Path v) {
      promptsDir = v == null ? null : v.toString();
      return this;
    }

    public Builder llmClean(boolean v) {
      llmClean = v;
      return this;
    }

    public Builder llmCleanPasses(List<String> v) {
      llmCleanPasses = v;
      return this;
    }

    public Builder rejectMix(RejectMix v) {
      rejectMix = v;
      return this;
    }

    public Builder rejectsPerChosen(int v) {
      rejectsPerChosen = v;
      return this;
    }

    public Builder rejectAttempts(int v) {
      rejectAttempts = v;
      return this;
    }

    public Builder weakModel(String v) {
      weakModel = v;
      return this;
    }

    public Builder valRatio(double v) {
      valRatio = v;
      return this;
    }

    public Builder export(ExportOptions v) {
      export = v;
      return this;
    }

    public SynthConfig build() {
      return new SynthConfig(
          kit,
          teacher,
          seed,
          products,
          contentTypes,
          promptsDir,
          llmClean,
          llmCleanPasses,
          rejectMix,
          rejectsPerChosen,
          rejectAttempts,
          weakModel,
          valRatio,
          export);
    }
  }
}
