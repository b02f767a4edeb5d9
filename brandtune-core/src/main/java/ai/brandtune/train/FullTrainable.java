package ai.brandtune.train;

import ai.brandtune.model.CausalLm;
import ai.brandtune.model.CausalLmCheckpoint;
import ai.brandtune.model.RewardModel;
import ai.brandtune.model.RewardModelCheckpoint;
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
  private final Map<String, Tensor> parameters;
  private final Device device;
  private final Checkpoints.Content files;

  /**
   * Turns on gradients for every parameter.
   *
   * @param files writes the model's checkpoint files (config and weights) into a directory
   */
  public FullTrainable(Map<String, Tensor> parameters, Device device, Checkpoints.Content files) {
    this.parameters = parameters;
    this.device = device;
    this.files = files;
    try (PointerScope s = new PointerScope()) {
      for (Tensor p : parameters.values()) {
        p.set_requires_grad(true);
      }
    }
  }

  /** A causal LM, saved as {@code *ForCausalLM}. */
  public static FullTrainable of(CausalLm model) {
    return new FullTrainable(
        model.parameters(), model.device(), dir -> CausalLmCheckpoint.writeTo(model, dir));
  }

  /** A reward model (decoder and head), saved as {@code *ForSequenceClassification}. */
  public static FullTrainable of(RewardModel model) {
    return new FullTrainable(
        model.parameters(), model.device(), dir -> RewardModelCheckpoint.writeTo(model, dir));
  }

  @Override
  public Map<String, Tensor> trainableParameters() {
    return parameters;
  }

  @Override
  public Device device() {
    return device;
  }

  @Override
  public void setTraining(boolean training) {
    // the decoders we support have no dropout (attention_dropout is 0 in their configs)
  }

  @Override
  public void writeTo(Path dir) throws IOException {
    files.writeTo(dir);
  }

  @Override
  public void restoreFrom(Path dir) {
    ParameterFiles.restore(dir, parameters);
  }
}
