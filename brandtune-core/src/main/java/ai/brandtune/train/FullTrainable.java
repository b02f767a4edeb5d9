package ai.brandtune.train;

import ai.brandtune.model.CausalLm;
import ai.brandtune.model.CausalLmCheckpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;

/**
 * Full fine-tuning: every weight trains (tied embeddings once), and a checkpoint or the output is a
 * complete Hugging Face model directory.
 */
public final class FullTrainable implements TrainableModel {
  private final CausalLm model;
  private final Map<String, Tensor> parameters;

  /** Turns on gradients for every parameter of {@code model}. */
  public FullTrainable(CausalLm model) {
    this.model = model;
    this.parameters = model.parameters();
    try (PointerScope s = new PointerScope()) {
      for (Tensor p : parameters.values()) {
        p.set_requires_grad(true);
      }
    }
  }

  public CausalLm model() {
    return model;
  }

  @Override
  public Map<String, Tensor> trainableParameters() {
    return parameters;
  }

  @Override
  public Device device() {
    return model.device();
  }

  @Override
  public void setTraining(boolean training) {
    // the decoders we support have no dropout (attention_dropout is 0 in their configs)
  }

  @Override
  public void writeTo(Path dir) throws IOException {
    CausalLmCheckpoint.writeTo(model, dir);
  }

  @Override
  public void restoreFrom(Path dir) {
    ParameterFiles.restore(dir, parameters);
  }
}
