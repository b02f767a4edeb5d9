package ai.brandtune.train;

import ai.brandtune.model.CausalLm;
import ai.brandtune.model.lora.LoraConfig;
import ai.brandtune.model.lora.LoraModel;
import java.util.List;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.global.torch.DeviceType;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a run trains, as {@code finetuning_type} and the {@code lora_*} keys choose: LoRA adapters
 * on a frozen base, or every weight. Shared by the algorithms so each chooses the same way.
 */
public final class TrainableSelection {
  private static final Logger log = LoggerFactory.getLogger(TrainableSelection.class);

  private TrainableSelection() {}

  /**
   * float32 on CPU. On CUDA with bf16, a LoRA base is held in bf16 (it does not train, so it needs
   * no float32 master copy); fully trained weights stay float32 and the forward pass autocasts.
   */
  public static ScalarType baseDtype(Device device, boolean bf16, boolean lora) {
    return cudaBf16(device, bf16) && lora ? ScalarType.BFloat16 : ScalarType.Float;
  }

  /** Whether the run computes in bf16 on CUDA (CPU stays float32). */
  public static boolean cudaBf16(Device device, boolean bf16) {
    return device.type().value == DeviceType.CUDA.value && bf16;
  }

  /**
   * The adapters the {@code lora_*} keys describe; a single {@code lora_target} entry may be a
   * comma list or {@code all}.
   */
  public static LoraConfig lora(
      int rank, double alpha, double dropout, List<String> target, boolean useRslora) {
    List<String> targets = target.size() == 1 ? LoraConfig.parseTargets(target.get(0)) : target;
    return new LoraConfig(rank, alpha, dropout, targets, useRslora);
  }

  /**
   * A causal LM's trainable part: all weights, or LoRA adapters attached with {@code seed}.
   *
   * @param lora the adapters, or null for full fine-tuning
   * @param baseModel the base model's path, recorded in the adapter config
   */
  public static TrainableModel causalLm(
      CausalLm model, LoraConfig lora, long seed, String baseModel) {
    return lora == null
        ? FullTrainable.of(model)
        : new LoraTrainable(LoraModel.attach(model, lora, seed), baseModel);
  }

  /** Logs how many parameters train, the first thing to check when a run looks wrong. */
  public static void logCount(Object model, TrainableModel trainable, String how) {
    long count = trainable.trainableParameters().values().stream().mapToLong(t -> t.numel()).sum();
    log.info("{}: {} trainable parameters ({})", model, count, how);
  }
}
