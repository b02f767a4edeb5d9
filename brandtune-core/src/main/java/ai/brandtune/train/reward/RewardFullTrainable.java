package ai.brandtune.train.reward;

import ai.brandtune.model.RewardModel;
import ai.brandtune.model.RewardModelCheckpoint;
import ai.brandtune.train.ParameterFiles;
import ai.brandtune.train.TrainableModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;

/**
 * Full fine-tuning of a reward model: the decoder and the head train, and a checkpoint or the
 * output is a complete {@code *ForSequenceClassification} directory.
 */
public final class RewardFullTrainable implements TrainableModel {
  private final RewardModel model;
  private final Map<String, Tensor> parameters;

  /** Turns on gradients for every parameter of {@code model}. */
  public RewardFullTrainable(RewardModel model) {
    this.model = model;
    this.parameters = model.parameters();
    try (PointerScope s = new PointerScope()) {
      for (Tensor p : parameters.values()) {
        p.set_requires_grad(true);
      }
    }
  }

  public RewardModel model() {
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
    RewardModelCheckpoint.writeTo(model, dir);
  }

  @Override
  public void restoreFrom(Path dir) {
    ParameterFiles.restore(dir, parameters);
  }
}
