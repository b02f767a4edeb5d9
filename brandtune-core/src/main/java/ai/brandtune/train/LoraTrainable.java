package ai.brandtune.train;

import ai.brandtune.io.PeftAdapterFiles;
import ai.brandtune.model.lora.LoraModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;

/** LoRA training: only the adapters train, and a checkpoint or the output is a PEFT adapter. */
public final class LoraTrainable implements TrainableModel {
  private final LoraModel lora;
  private final String baseModelNameOrPath;

  /**
   * @param baseModelNameOrPath recorded in {@code adapter_config.json} so tools find the base
   */
  public LoraTrainable(LoraModel lora, String baseModelNameOrPath) {
    this.lora = lora;
    this.baseModelNameOrPath = baseModelNameOrPath;
  }

  public LoraModel lora() {
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
