package ai.brandtune.model.lora;

import ai.brandtune.BrandtuneException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * How to apply LoRA: rank, alpha, dropout, which projections, and rank-stabilized scaling. Errors
 * name the training-config key (LLaMA-Factory's {@code lora_rank}, {@code lora_alpha}, {@code
 * lora_dropout}, {@code lora_target}, {@code use_rslora}).
 *
 * @param rank r, the inner dimension of {@code B A}; at least 1
 * @param alpha scaling numerator; positive
 * @param dropout dropout probability on the adapter input while training, in [0, 1)
 * @param targetModules {@link #ALL_LINEAR} alone, or projection names such as {@code q_proj}; an
 *     entry may also be a longer module-name suffix ending in one (e.g. {@code
 *     model.layers.0.self_attn.q_proj}), matched as PEFT matches list entries
 * @param useRslora scale by {@code alpha / sqrt(r)} instead of {@code alpha / r}
 */
public record LoraConfig(
    int rank, double alpha, double dropout, List<String> targetModules, boolean useRslora) {

  /** Every decoder projection (PEFT's {@code all-linear}, which leaves out {@code lm_head}). */
  public static final String ALL_LINEAR = "all-linear";

  /** The projection names of the supported decoders, in layer order. */
  public static final List<String> PROJECTIONS =
      List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj");

  public LoraConfig {
    if (rank < 1) {
      throw new BrandtuneException("lora_rank must be at least 1, got " + rank);
    }
    if (!(alpha > 0) || Double.isInfinite(alpha)) {
      throw new BrandtuneException("lora_alpha must be a positive number, got " + alpha);
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new BrandtuneException("lora_dropout must be in [0, 1), got " + dropout);
    }
    targetModules = validTargets(targetModules);
  }

  /**
   * Parses {@code lora_target} as users write it: {@code all-linear} (or {@code all}), or
   * comma-separated names like {@code q_proj,v_proj}.
   */
  public static List<String> parseTargets(String text) {
    if (text == null || text.isBlank()) {
      throw new BrandtuneException(
          "lora_target is empty; use all-linear or names like q_proj,v_proj");
    }
    String t = text.trim();
    if (t.equalsIgnoreCase(ALL_LINEAR) || t.equalsIgnoreCase("all")) {
      return List.of(ALL_LINEAR);
    }
    List<String> names = new ArrayList<>();
    for (String part : t.split(",")) {
      if (!part.isBlank()) {
        names.add(part.trim());
      }
    }
    return names;
  }

  /** The factor on {@code B A x}: {@code alpha / r}, or {@code alpha / sqrt(r)} with rsLoRA. */
  public double scaling() {
    return useRslora ? alpha / Math.sqrt(rank) : alpha / rank;
  }

  public boolean allLinear() {
    return targetModules.equals(List.of(ALL_LINEAR));
  }

  /**
   * Whether the module called {@code name} (e.g. {@code model.layers.0.self_attn.q_proj}) gets an
   * adapter: PEFT's rule, the name equals an entry or ends with {@code "." + entry}.
   */
  public boolean targets(String name) {
    if (allLinear()) {
      return PROJECTIONS.contains(shortName(name));
    }
    for (String t : targetModules) {
      if (name.equals(t) || name.endsWith("." + t)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code target_modules} as PEFT saves it: {@code all-linear} expanded to the projection names
   * (PEFT resolves it to the matched modules before saving), lists as given.
   */
  public List<String> savedTargetModules() {
    return allLinear() ? PROJECTIONS : targetModules;
  }

  private static List<String> validTargets(List<String> targets) {
    if (targets == null || targets.isEmpty()) {
      throw new BrandtuneException(
          "lora_target is empty; use all-linear or names like q_proj,v_proj");
    }
    LinkedHashSet<String> unique = new LinkedHashSet<>();
    for (String t : targets) {
      String name = t == null ? "" : t.trim();
      if (name.equalsIgnoreCase(ALL_LINEAR)) {
        if (targets.size() > 1) {
          throw new BrandtuneException(
              "lora_target: " + ALL_LINEAR + " already covers every projection; give it alone");
        }
        return List.of(ALL_LINEAR);
      }
      if (!PROJECTIONS.contains(shortName(name))) {
        throw new BrandtuneException(
            "lora_target: unknown module '"
                + t
                + "'; valid: "
                + ALL_LINEAR
                + " or "
                + String.join(", ", PROJECTIONS)
                + closest(name));
      }
      unique.add(name);
    }
    return List.copyOf(unique);
  }

  private static String shortName(String name) {
    return name.substring(name.lastIndexOf('.') + 1);
  }

  // A hint for the common slips: "q", "Q_PROJ", "qproj"
  private static String closest(String name) {
    String n = shortName(name).toLowerCase(Locale.ROOT).replace("_", "");
    return PROJECTIONS.stream()
        .filter(p -> !n.isEmpty() && p.replace("_", "").startsWith(n))
        .findFirst()
        .map(p -> " (did you mean " + p + "?)")
        .orElse("");
  }
}
