package ai.brandtune.model.lora;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;

/**
 * LoRA adapters as one PEFT adapter: what trains, and how it is saved. A causal LM's adapters
 * ({@link LoraModel}) and a reward model's adapters plus its head ({@link RewardLoraModel}) both
 * train and save this way.
 */
public interface PeftAdapter {
  /** The trained tensors under the names {@code adapter_model.safetensors} stores them by. */
  Map<String, Tensor> trainableParameters();

  /** Turns adapter dropout on (training) or off. */
  void setTraining(boolean on);

  /** Writes {@code adapter_config.json} and {@code adapter_model.safetensors} into {@code dir}. */
  void writeTo(Path dir, String baseModelNameOrPath) throws IOException;

  /** The LoRA adapters on the decoder. */
  LoraModel lora();
}
