package ai.brandtune.synth;

import ai.brandtune.BrandtuneException;

/**
 * The {@code export:} block of {@code data.yaml}: names written into the exported files. Every key
 * is optional.
 *
 * @param datasetPrefix prefix of the dataset names in LLaMA-Factory's {@code dataset_info.json}
 *     ({@code <prefix>_sft_train}, ...); default {@code brandtune}
 * @param verlDataSource verl's {@code data_source} column, which selects the reward function;
 *     default {@code brandtune/copywriting}
 * @param verlAbility verl's {@code ability} column; default {@code copywriting}
 * @param verlRewardStyle verl's {@code reward_model.style}: {@code rule} or {@code model}; default
 *     {@code rule}
 */
public record ExportOptions(
    String datasetPrefix, String verlDataSource, String verlAbility, String verlRewardStyle) {

  public static final ExportOptions DEFAULT = new ExportOptions(null, null, null, null);

  public ExportOptions {
    datasetPrefix = orDefault(datasetPrefix, "brandtune");
    verlDataSource = orDefault(verlDataSource, "brandtune/copywriting");
    verlAbility = orDefault(verlAbility, "copywriting");
    verlRewardStyle = orDefault(verlRewardStyle, "rule");
    if (!datasetPrefix.matches("[A-Za-z0-9_.-]+")) {
      throw new BrandtuneException(
          "export.dataset_prefix: '"
              + datasetPrefix
              + "' may only hold letters, digits, '_', '.' and '-'");
    }
    if (!verlRewardStyle.equals("rule") && !verlRewardStyle.equals("model")) {
      throw new BrandtuneException(
          "export.verl_reward_style: '" + verlRewardStyle + "' is not one of rule, model");
    }
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
