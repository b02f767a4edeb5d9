package ai.brandtune.train.grpo;

import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * What reward-function factories may need from the run's config, so that a function is built from
 * its name alone.
 *
 * @param rewardModelPath {@code reward_model_path}: the trained reward model's directory, or null
 * @param rewardModelCentering {@code reward_model_centering}: {@code none} or {@code reference}
 * @param rewardModelBatchSize rows per reward-model forward pass
 * @param brandDir {@code brand_dir}: a brand kit directory, or null for the built-in kit
 * @param device where model-backed functions compute
 * @param dtype the dtype they load weights in
 */
public record RewardSettings(
    String rewardModelPath,
    String rewardModelCentering,
    int rewardModelBatchSize,
    String brandDir,
    Device device,
    ScalarType dtype) {

  /** The settings of a GRPO config on {@code device}. */
  public static RewardSettings of(GrpoConfig config, Device device, ScalarType dtype) {
    return new RewardSettings(
        config.rewardModelPath(),
        config.rewardModelCentering(),
        config.rewardModelBatchSize(),
        config.brandDir(),
        device,
        dtype);
  }
}
