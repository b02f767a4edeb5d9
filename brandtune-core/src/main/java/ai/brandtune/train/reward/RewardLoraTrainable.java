package ai.brandtune.train.reward;

import ai.brandtune.io.PeftAdapterFiles;
import ai.brandtune.model.lora.RewardLoraModel;
import ai.brandtune.train.ParameterFiles;
import ai.brandtune.train.TrainableModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;

/**
 * LoRA training of a reward model: the decoder's adapters and the head train, and a checkpoint or
 * the output is a PEFT SEQ_CLS adapter with the head in {@code modules_to_save}.
 */
public final class RewardLoraTrainable implements TrainableModel {
  private final RewardLoraModel lora;
  private final String baseModelNameOrPath;

  /**
   * @param baseModelNameOrPath recorded in {@code adapter_config.json} so tools find the base
   */
  public RewardLoraTrainable(RewardLoraModel lora, String baseModelNameOrPath) {
    this.lora = lora;
    this.baseModelNameOrPath = baseModelNameOrPath;
  }

  public RewardLoraModel lora() {
    return lora;
  }

  @Override
  public Map<String, Tensor> trainableParameters() {
    return lora.trainableParameters();
  }

  @Override
  public Device device() {
    return lora.model().device();
  }

  @Override
  public void setTraining(boolean training) {
    lora.setTraining(training);
  }

  @Override
  public void writeTo(Path dir) throws IOException {
    lora.writeTo(dir, baseModelNameOrPath);
  }

  @Override
  public void restoreFrom(Path dir) {
    ParameterFiles.restore(dir.resolve(PeftAdapterFiles.WEIGHTS), lora.trainableParameters());
  }
}
