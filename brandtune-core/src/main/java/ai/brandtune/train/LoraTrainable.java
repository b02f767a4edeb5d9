package ai.brandtune.train;

import ai.brandtune.io.PeftAdapterFiles;
import ai.brandtune.model.lora.LoraModel;
import ai.brandtune.model.lora.PeftAdapter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;

/**
 * LoRA training: only the adapter trains (for a reward model, with its head), and a checkpoint or
 * the output is a PEFT adapter.
 */
public final class LoraTrainable implements TrainableModel {
  private final PeftAdapter adapter;
  private final String baseModelNameOrPath;

  /**
   * @param baseModelNameOrPath recorded in {@code adapter_config.json} so tools find the base
   */
  public LoraTrainable(PeftAdapter adapter, String baseModelNameOrPath) {
    this.adapter = adapter;
    this.baseModelNameOrPath = baseModelNameOrPath;
  }

  /** The LoRA adapters on the decoder. */
  public LoraModel lora() {
    return adapter.lora();
  }

  @Override
  public Map<String, Tensor> trainableParameters() {
    return adapter.trainableParameters();
  }

  @Override
  public Device device() {
    return adapter.lora().decoder().device();
  }

  @Override
  public void setTraining(boolean training) {
    adapter.setTraining(training);
  }

  @Override
  public void writeTo(Path dir) throws IOException {
    adapter.writeTo(dir, baseModelNameOrPath);
  }

  @Override
  public void restoreFrom(Path dir) {
    ParameterFiles.restore(dir.resolve(PeftAdapterFiles.WEIGHTS), adapter.trainableParameters());
  }
}
